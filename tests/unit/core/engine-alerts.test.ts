// Alerts come from the set difference of slot keys through the alert-once memory (cases A1, A2, A3, A5).
import { describe, expect, it } from 'vitest';
import { MINUTE, harness, watch } from './engine-harness';
import { LONDON, failed, seen, slot } from './scripted-provider';

const A = slot('2026-07-10', '09:00');
const B = slot('2026-07-11', '14:30');
const C = slot('2026-07-12', '10:00');

/** Runs `checks` scheduled checks of one watch at a 3-minute interval. */
async function runChecks(h: ReturnType<typeof harness>, checks: number) {
  h.engine.addWatch(watch('w1', { intervalMs: 3 * MINUTE }));
  h.engine.start();
  await h.clock.advance(0);
  for (let i = 1; i < checks; i += 1) await h.clock.advance(3 * MINUTE);
}

describe('engine alerts', () => {
  it('A1: the same slots with another page layout, order or language make no alert', async () => {
    const h = harness([
      seen([A, B]),
      seen([B, A], { reason: 'other layout', apiRequests: 7 }),
      seen([B, A], { target: { ...LONDON, consulate: 'French Embassy in London', service: 'Visa' } }),
    ]);
    await runChecks(h, 3);
    expect(h.provider.calls).toHaveLength(3);
    expect(h.of('new-slots')).toHaveLength(1);
    expect(h.of('new-slots')[0]?.slots).toEqual([A, B]);
    expect(h.of('gone')).toHaveLength(0);
  });

  it('A2: a flapping slot is alerted once, and a new slot B at once', async () => {
    const h = harness([seen([A]), seen([]), seen([A]), seen([]), seen([A]), seen([A, B])]);
    await runChecks(h, 6);
    const alerts = h.of('new-slots');
    expect(alerts.map((e) => e.slots)).toEqual([[A], [B]]);
    // B is alerted by the very check that first saw it (the 6th).
    expect(h.provider.calls).toHaveLength(6);
    expect(h.of('gone').map((e) => e.slots)).toEqual([[A], [A]]);
  });

  it('A3: errors alert by threshold; the outage causes no slot alert and no re-alert', async () => {
    const good = seen([A, B]);
    const down = failed('unreachable', { reason: 'HTTP 503' });
    const h = harness([good, good, good, down, down, down, down, down, down, good, good, good]);
    h.engine.addWatch(watch('w1', { intervalMs: 3 * MINUTE }));
    h.engine.start();
    // Drive by "check now" so back-off does not stretch the test; scheduling has its own tests.
    const outcomes = [];
    for (let i = 0; i < 12; i += 1) {
      outcomes.push(await h.engine.checkNow('w1'));
      if (i === 5) {
        expect(h.of('degraded')).toHaveLength(1);
        expect(h.engine.status('w1').state).toBe('degraded');
        // Unknown is not empty: the slots from before the outage are still shown.
        expect(h.engine.status('w1').slots).toEqual([A, B]);
      }
    }
    expect(outcomes.map((o) => o.status)).toEqual([
      ...Array(3).fill('slots'),
      ...Array(6).fill('unreachable'),
      ...Array(3).fill('slots'),
    ]);
    const degraded = h.of('degraded');
    expect(degraded).toHaveLength(1);
    expect(degraded[0]).toMatchObject({ consecutiveFailures: 3, lastStatus: 'unreachable' });
    expect(h.events.findIndex((e) => e.name === 'degraded')).toBeGreaterThan(-1);
    expect(h.of('recovered')).toEqual([expect.objectContaining({ watchId: 'w1', failedChecks: 6 })]);
    expect(h.of('new-slots')).toHaveLength(1);
    expect(h.of('gone')).toHaveLength(0);
    expect(h.engine.status('w1')).toMatchObject({ state: 'ok', consecutiveFailures: 0 });
  });

  it('A3: on its own schedule, an outage of 6 failures backs off, then recovers with no slot alert', async () => {
    const good = seen([A]);
    const h = harness([good, good, good, ...Array(6).fill(failed('unreachable')), good, good, good]);
    h.engine.addWatch(watch('w1'));
    h.engine.start();
    await h.clock.advance(4 * 60 * MINUTE);
    const kinds = h.events.map((e) => e.name).filter((n) => n !== 'status');
    expect(kinds.slice(0, 3)).toEqual(['new-slots', 'degraded', 'recovered']);
    expect(
      kinds.filter((k) => k === 'new-slots' || k === 'gone' || k === 'degraded' || k === 'recovered'),
    ).toHaveLength(3);
    // the degraded notice came from the 6th check (the 3rd failure)
    const degradedAt = h.of('degraded')[0]?.at;
    const sixthCheckAt = h.provider.calls[5]?.at ?? -1;
    expect(Date.parse(degradedAt ?? '') - Date.parse('2026-07-03T08:00:00Z')).toBe(sixthCheckAt);
  });

  it('A4: a listener that throws does not stop the other listeners nor the engine', async () => {
    const errors: unknown[] = [];
    const h = harness([seen([A]), seen([A, B])], { onListenerError: (error) => errors.push(error) });
    h.engine.on('new-slots', () => {
      throw new Error('SMTP 535');
    });
    h.engine.addWatch(watch('w1'));
    h.engine.start();
    await h.engine.checkNow('w1');
    await h.engine.checkNow('w1');
    expect(h.of('new-slots')).toHaveLength(2);
    expect(errors).toHaveLength(2);
  });

  it('A3: the degraded notice comes at the 3rd consecutive failure, not before', async () => {
    const h = harness([seen([A]), failed(), failed(), failed()]);
    h.engine.addWatch(watch('w1'));
    h.engine.start();
    await h.engine.checkNow('w1');
    await h.engine.checkNow('w1');
    await h.engine.checkNow('w1');
    expect(h.of('degraded')).toHaveLength(0);
    expect(h.engine.status('w1').state).toBe('failing');
    await h.engine.checkNow('w1');
    expect(h.of('degraded')).toHaveLength(1);
  });

  it('S1/S2: a block or a captcha at the 3rd failure in a row is told by its own notice only, not also as degraded', async () => {
    const down = failed('unreachable', { reason: 'HTTP 503' });
    const h = harness([
      seen([A]),
      down,
      down,
      failed('captcha'),
      seen([A]),
      failed('blocked', { retryAfterMs: MINUTE }),
      failed('blocked', { retryAfterMs: MINUTE }),
      failed('blocked', { retryAfterMs: MINUTE }),
      failed('blocked', { retryAfterMs: MINUTE }),
      down,
      seen([A]),
    ]);
    h.engine.addWatch(watch('w1'));
    h.engine.start();
    await h.clock.advance(0);
    // One scripted check at a time, on the engine's own schedule (back-off, Retry-After), a person solving the captcha.
    while (h.provider.calls.length < 11) {
      const before = h.provider.calls.length;
      if (h.engine.status('w1').state === 'action-needed') h.engine.resume('w1');
      while (h.provider.calls.length === before) await h.clock.advance(MINUTE);
    }
    const notices = h.events
      .map((e) => e.name)
      .filter((n) => ['degraded', 'recovered', 'blocked', 'action-needed'].includes(n));
    // The 10th check (unreachable after four blocks) is a problem of another kind: that one is "degraded".
    expect(notices).toEqual(['action-needed', 'blocked', 'degraded', 'recovered']);
    expect(h.of('degraded')[0]).toMatchObject({ consecutiveFailures: 5, lastStatus: 'unreachable' });
  });

  it('A5: twelve new slots in one check make one alert with count, earliest, consulate and service', async () => {
    const twelve = Array.from({ length: 12 }, (_, i) =>
      slot(`2026-07-${String(20 - i).padStart(2, '0')}`, '11:00'),
    );
    const h = harness([seen(twelve)]);
    h.engine.addWatch(watch('w1'));
    h.engine.start();
    await h.engine.checkNow('w1');
    const alerts = h.of('new-slots');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      count: 12,
      earliest: slot('2026-07-09', '11:00'),
      consulate: LONDON.consulate,
      service: LONDON.service,
      bookingUrl: LONDON.bookingUrl,
    });
    expect(alerts[0]?.slots.map((s) => s.date)).toEqual([...twelve].reverse().map((s) => s.date));
  });

  it('only matching slots are alerted, and a non-matching slot does not hide it from another watch', async () => {
    const morning = slot('2026-07-10', '09:00');
    const afternoon = slot('2026-07-10', '15:00');
    const h = harness([seen([morning, afternoon])]);
    h.engine.addWatch(watch('mornings', { filter: { hours: [{ from: '08:00', to: '12:00' }] } }));
    h.engine.addWatch(watch('afternoons', { filter: { hours: [{ from: '13:00', to: '18:00' }] } }));
    h.engine.start();
    await h.engine.checkNow('mornings');
    await h.engine.checkNow('afternoons');
    expect(h.of('new-slots').map((e) => [e.watchId, e.slots])).toEqual([
      ['mornings', [morning]],
      ['afternoons', [afternoon]],
    ]);
  });

  it('two watches on the same consulate and service alert a slot once (the key is not the watch id)', async () => {
    const h = harness([seen([A])]);
    h.engine.addWatch(watch('w1'));
    h.engine.addWatch(watch('w2'));
    h.engine.start();
    await h.engine.checkNow('w1');
    await h.engine.checkNow('w2');
    expect(h.of('new-slots')).toHaveLength(1);
  });

  it('slots on unknown days are not gone; they are gone once a conclusive check leaves them out', async () => {
    const h = harness([seen([A, C]), seen([A], { unknownDays: [C.date] }), seen([A])]);
    h.engine.addWatch(watch('w1'));
    h.engine.start();
    await h.engine.checkNow('w1');
    await h.engine.checkNow('w1');
    expect(h.of('gone')).toHaveLength(0);
    expect(h.engine.status('w1').slots).toEqual([A, C]);
    await h.engine.checkNow('w1');
    expect(h.of('gone').map((e) => e.slots)).toEqual([[C]]);
  });

  it('a slot that comes back after the memory window is alerted again; one that started is never alerted', async () => {
    const past = slot('2026-07-03', '08:30'); // the fake clock starts at 08:00 UTC = 09:00 London
    const h = harness([seen([A, past]), seen([]), seen([A])]);
    h.engine.addWatch(watch('w1'));
    h.engine.pause('w1'); // only the explicit checks below run
    h.engine.start();
    await h.engine.checkNow('w1');
    await h.engine.checkNow('w1');
    await h.clock.advance(6 * 60 * MINUTE + MINUTE);
    await h.engine.checkNow('w1');
    expect(h.of('new-slots').map((e) => e.slots)).toEqual([[A], [A]]);
  });
});
