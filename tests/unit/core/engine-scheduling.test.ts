// The engine driven by a fake clock: intervals, "check now", overlap, Retry-After, site spacing, pause, sleep.
import { describe, expect, it } from 'vitest';
import { MINUTE, harness, watch } from './engine-harness';
import { deferred, failed, seen, slot } from './scripted-provider';
import type { CheckOutcome } from '../../../shared/model';

const A = slot('2026-07-10', '09:00');

describe('engine scheduling', () => {
  it('runs a watch at once, then every interval (default 3 min)', async () => {
    const h = harness([seen([A])]);
    h.engine.addWatch(watch('w1'));
    h.engine.start();
    await h.clock.advance(10 * MINUTE);
    expect(h.provider.calls.map((c) => c.at)).toEqual([0, 3, 6, 9].map((m) => m * MINUTE));
    expect(h.engine.status('w1').nextCheckAt).toBe(
      new Date(Date.parse('2026-07-03T08:12:00Z')).toISOString(),
    );
  });

  it('overlapping checks never run twice: "check now" during a running check joins it', async () => {
    const gate = deferred<CheckOutcome>();
    const h = harness([() => gate.promise, seen([A])]);
    h.engine.addWatch(watch('w1', { intervalMs: MINUTE }));
    h.engine.start();
    await h.clock.advance(0);
    expect(h.provider.calls).toHaveLength(1);
    const joined1 = h.engine.checkNow('w1');
    const joined2 = h.engine.checkNow('w1');
    // The interval passes several times while the check hangs: still one check.
    await h.clock.advance(2 * MINUTE + 30_000);
    expect(h.provider.calls).toHaveLength(1);
    gate.resolve(seen([A]));
    const [o1, o2] = await Promise.all([joined1, joined2]);
    expect(o1).toBe(o2);
    expect(o1.status).toBe('slots');
    expect(h.provider.maxInFlight).toBe(1);
    expect(h.of('new-slots')).toHaveLength(1);
  });

  it('"check now" queues one check when idle; asking twice before it starts still makes one', async () => {
    const h = harness([seen([A])], { siteSpacingMs: 30_000 });
    h.engine.addWatch(watch('w1', { intervalMs: 10 * MINUTE }));
    h.engine.start();
    await h.clock.advance(0);
    const first = h.engine.checkNow('w1'); // the site spacing holds it back 30 s
    const second = h.engine.checkNow('w1');
    await h.clock.advance(29_000);
    expect(h.provider.calls).toHaveLength(1);
    await h.clock.advance(1_000);
    expect(h.provider.calls.map((c) => c.at)).toEqual([0, 30_000]);
    expect(await first).toBe(await second);
  });

  it('S1: a blocked site is not polled before Retry-After, not even by "check now"; one notice per episode', async () => {
    const h = harness([
      seen([A]),
      failed('blocked', { retryAfterMs: 3_600_000 }),
      failed('blocked', { retryAfterMs: 60 * MINUTE }),
      seen([A]),
    ]);
    h.engine.addWatch(watch('w1'));
    h.engine.addWatch(
      watch('w2', { bookingUrl: 'https://consulat.gouv.fr/consulat-de-france-a-montreal/rendez-vous' }),
    );
    h.engine.pause('w2');
    h.engine.start();
    await h.clock.advance(3 * MINUTE); // check 1 at 0, check 2 (blocked) at 3 min
    expect(h.provider.calls).toHaveLength(2);
    expect(h.engine.status('w1').state).toBe('blocked');
    const now = h.clock.now();
    void h.engine.checkNow('w1');
    void h.engine.checkNow('w2'); // another watch on the same site waits too
    await h.clock.advance(60 * MINUTE - 1);
    expect(h.provider.calls).toHaveLength(2);
    await h.clock.advance(1);
    expect(h.provider.calls[2]?.at).toBe(now + 60 * MINUTE);
    expect(h.of('blocked')).toHaveLength(1);
    expect(h.of('blocked')[0]?.retryAt).toBe(
      new Date(Date.parse('2026-07-03T08:00:00Z') + 63 * MINUTE).toISOString(),
    );
    // The 3rd call was blocked again (another hour): the site stays closed to both watches.
    await h.clock.advance(70 * MINUTE);
    expect(h.provider.calls.slice(4).length).toBeGreaterThan(0);
    expect(h.provider.calls.slice(4).every((c) => c.at >= now + 120 * MINUTE)).toBe(true);
    // The second blocked answer of the same episode makes no second notice.
    expect(h.of('blocked')).toHaveLength(1);
  });

  it('a global interval change applies to the watches that use it, not to one with its own', async () => {
    const h = harness([seen([A])]);
    const ownUrl = 'https://consulat.gouv.fr/ambassade-de-france-a-londres/rendez-vous?name=Passeports';
    h.engine.addWatch(watch('global'));
    h.engine.addWatch(watch('own', { intervalMs: 5 * MINUTE, bookingUrl: ownUrl }));
    h.engine.start();
    await h.clock.advance(MINUTE);
    h.engine.setGlobalInterval(10 * MINUTE);
    await h.clock.advance(20 * MINUTE);
    const minutes = (own: boolean) =>
      h.provider.calls.filter((c) => (c.request.bookingUrl === ownUrl) === own).map((c) => c.at / MINUTE);
    expect(minutes(false)).toEqual([0, 10, 20]);
    expect(minutes(true)).toEqual([0, 5, 10, 15, 20]);
  });

  it('per-site spacing is shared by two watches on the same site; another site is not held back', async () => {
    const h = harness([seen([])], { siteSpacingMs: 20_000 });
    h.engine.addWatch(watch('london-1'));
    h.engine.addWatch(watch('london-2', { filter: { weekdays: [1] } }));
    h.engine.addWatch(
      watch('elsewhere', { bookingUrl: 'https://rendezvousparis.hermes.com/client/register' }),
    );
    h.engine.start();
    await h.clock.advance(MINUTE);
    const byUrl = h.provider.calls.map((c) => [new URL(c.request.bookingUrl).host, c.at]);
    expect(byUrl).toEqual([
      ['consulat.gouv.fr', 0],
      ['rendezvousparis.hermes.com', 0],
      ['consulat.gouv.fr', 20_000],
    ]);
  });

  it('jitter keeps each wait within ±20 % of the interval', async () => {
    let seed = 1;
    const lcg = { next: () => (seed = (seed * 48271) % 2147483647) / 2147483647 };
    const h = harness([seen([])], { random: lcg });
    h.engine.addWatch(watch('w1'));
    h.engine.start();
    await h.clock.advance(6 * 60 * MINUTE);
    const gaps = h.provider.calls.slice(1).map((c, i) => c.at - (h.provider.calls[i]?.at ?? 0));
    expect(gaps.length).toBeGreaterThan(90);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual((3 * MINUTE * 4) / 5);
      expect(gap).toBeLessThanOrEqual((3 * MINUTE * 6) / 5);
    }
    expect(new Set(gaps).size).toBeGreaterThan(50);
  });

  it('backs off on errors up to 30 min and returns to the interval after a success', async () => {
    const h = harness([...Array(8).fill(failed()), seen([])]);
    h.engine.addWatch(watch('w1'));
    h.engine.start();
    await h.clock.advance(4 * 60 * MINUTE);
    const gaps = h.provider.calls
      .slice(1, 11)
      .map((c, i) => (c.at - (h.provider.calls[i]?.at ?? 0)) / MINUTE);
    expect(gaps).toEqual([6, 12, 24, 30, 30, 30, 30, 30, 3, 3]);
  });

  it('pause stops the schedule and resume runs at once; S2: a captcha pauses the watch with one notice', async () => {
    const h = harness([
      seen([]),
      failed('captcha', { reason: 'Solve the challenge' }),
      failed('captcha'),
      seen([A]),
    ]);
    h.engine.addWatch(watch('w1'));
    h.engine.start();
    await h.clock.advance(3 * MINUTE);
    expect(h.provider.calls).toHaveLength(2);
    expect(h.engine.status('w1').state).toBe('action-needed');
    expect(h.of('action-needed')).toEqual([
      expect.objectContaining({ watchId: 'w1', reason: 'Solve the challenge' }),
    ]);
    await h.clock.advance(60 * MINUTE);
    expect(h.provider.calls).toHaveLength(2);
    h.engine.resume('w1');
    await h.clock.advance(0);
    expect(h.provider.calls).toHaveLength(3); // still a captcha: paused again, same episode, no new notice
    expect(h.of('action-needed')).toHaveLength(1);
    h.engine.resume('w1');
    await h.clock.advance(0);
    expect(h.engine.status('w1').state).toBe('ok');
    h.engine.pause();
    await h.clock.advance(30 * MINUTE);
    expect(h.provider.calls).toHaveLength(4);
    expect(h.engine.snapshot()).toMatchObject({ paused: true, watches: [{ status: { state: 'paused' } }] });
    h.engine.resume();
    await h.clock.advance(0);
    expect(h.provider.calls).toHaveLength(5);
  });

  it('D2: after sleep, one check per watch after a short grace, not a burst', async () => {
    const h = harness([seen([A])]);
    h.engine.addWatch(watch('w1'));
    h.engine.start();
    await h.clock.advance(0);
    h.engine.resumeAfterSleep(10_000);
    await h.clock.advance(9_999);
    expect(h.provider.calls).toHaveLength(1);
    await h.clock.advance(3 * MINUTE);
    expect(h.provider.calls.map((c) => c.at)).toEqual([0, 10_000]);
  });

  it('a check that never ends is abandoned as unreachable after the timeout, never as no slots', async () => {
    const h = harness([() => new Promise<CheckOutcome>(() => {}), seen([A])], { checkTimeoutMs: 90_000 });
    h.engine.addWatch(watch('w1'));
    h.engine.start();
    await h.clock.advance(90_000);
    expect(h.engine.status('w1').outcome?.status).toBe('unreachable');
    expect(h.engine.status('w1').state).toBe('failing');
    expect(h.provider.calls).toHaveLength(1);
  });

  it('stop aborts the check in flight and leaves no timer behind', async () => {
    const h = harness([
      (request) =>
        new Promise<CheckOutcome>((resolve) =>
          request.signal?.addEventListener('abort', () => resolve(failed())),
        ),
    ]);
    h.engine.addWatch(watch('w1'));
    h.engine.start();
    await h.clock.advance(0);
    await h.engine.stop();
    expect(h.provider.calls[0]?.request.signal?.aborted).toBe(true);
    expect(h.clock.pendingTimers).toBe(0);
  });
});
