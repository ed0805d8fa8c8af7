// The engine on a fake clock with a service that opens new days at 18:00 Montreal: where its checks land, the budget, the status.
import { describe, expect, it } from 'vitest';
import type { CheckTarget, ReleaseSchedule } from '../../../shared/model';
import { Engine } from '../../../src-main/core/engine';
import { cycleBudget } from '../../../src-main/core/release-plan';
import { FakeClock } from '../../support/fake-clock';
import { MINUTE, watch } from './engine-harness';
import { LONDON, ScriptedProvider, failed, seen, type Step } from './scripted-provider';

const SECOND = 1_000;
const HOUR = 60 * MINUTE;
const RELEASE: ReleaseSchedule = { opening: '18:00', timeZone: 'America/Montreal', windowDays: 45 };
const MONTREAL: CheckTarget = {
  ...LONDON,
  consulate: 'Consulat général de France à Montréal',
  service: 'Demande de passeport/CNI',
  timeZone: 'America/Montreal',
  release: RELEASE,
};
/** 18:00 Montreal on 2026-10-31 (daylight time) and on 2026-11-01, the day the clocks went back at 02:00. */
const OPENING_OCT_31 = Date.parse('2026-10-31T22:00:00Z');
const OPENING_NOV_1 = Date.parse('2026-11-01T23:00:00Z');

/** A draw that changes at every check, so the test sees the jittered plan rather than one fixed point. */
function cyclingRandom() {
  let i = 0;
  const draws = [0.03, 0.91, 0.47, 0.66, 0.12, 0.78, 0.35, 0.999];
  return { next: () => draws[i++ % draws.length]! };
}

function setup(steps: Step[], intervalMs: number, start = '2026-10-31T12:00:00Z') {
  const clock = new FakeClock(start);
  const provider = new ScriptedProvider(clock, steps);
  const engine = new Engine({ provider, clock, random: cyclingRandom(), siteSpacingMs: 0 });
  engine.addWatch(watch('w1', { intervalMs }));
  const wallOf = (monotonic: number) => clock.wallNow().getTime() + (monotonic - clock.now());
  const checkTimes = () => provider.calls.map((call) => wallOf(call.at));
  return { clock, provider, engine, checkTimes };
}

describe('engine with a release schedule', () => {
  it('checks 5–10 s after each opening, the DST day included, and never exceeds the plain-interval budget', async () => {
    const intervalMs = 10 * MINUTE;
    const { clock, engine, checkTimes } = setup([seen([], { target: MONTREAL })], intervalMs);
    engine.start();
    await clock.advance(2 * 24 * HOUR);
    const times = checkTimes();

    for (const opening of [OPENING_OCT_31, OPENING_NOV_1]) {
      const justAfter = times.filter((at) => at >= opening && at <= opening + 15 * SECOND);
      expect(justAfter).toHaveLength(1);
      expect(justAfter[0]! - opening).toBeGreaterThanOrEqual(5 * SECOND);
      expect(justAfter[0]! - opening).toBeLessThan(10 * SECOND);
      // Nothing in the minute before: the plan waits for the opening rather than guessing around it.
      expect(times.filter((at) => at >= opening - MINUTE && at < opening)).toEqual([]);
    }
    // The cycle across the change lasts 25 h: 150 checks at 10 min, never more.
    const inCycle = times.filter((at) => at >= OPENING_OCT_31 && at < OPENING_NOV_1).length;
    expect(cycleBudget(OPENING_NOV_1 - OPENING_OCT_31, intervalMs)).toBe(150);
    expect(inCycle).toBeLessThanOrEqual(150);
    expect(inCycle).toBeGreaterThanOrEqual(140);
    for (let i = 1; i < times.length; i += 1)
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(MINUTE);
  });

  it('shows the next release and that a check is planned for it; not while paused or failing', async () => {
    const { clock, engine } = setup(
      [seen([], { target: MONTREAL }), seen([], { target: MONTREAL }), failed('unreachable')],
      10 * MINUTE,
    );
    expect(engine.status('w1').nextRelease).toBeUndefined(); // nothing read yet
    engine.start();
    await clock.advance(0);
    expect(engine.status('w1').nextRelease).toEqual({
      at: '2026-10-31T22:00:00.000Z',
      checkPlanned: true,
      day: '2026-12-15',
    });
    engine.pause('w1');
    expect(engine.status('w1').nextRelease?.checkPlanned).toBe(false);
    engine.resume('w1');
    await clock.advance(0); // the resumed watch runs at once (second answer, conclusive)
    expect(engine.status('w1').nextRelease?.checkPlanned).toBe(true);
    await clock.advance(10 * MINUTE + 2 * MINUTE); // the third check fails: back-off, not the release plan
    expect(engine.status('w1').consecutiveFailures).toBe(1);
    expect(engine.status('w1').nextRelease).toMatchObject({
      at: '2026-10-31T22:00:00.000Z',
      checkPlanned: false,
    });
  });

  it('a failing watch backs off as usual, even across an opening', async () => {
    const { clock, engine, provider, checkTimes } = setup(
      [seen([], { target: MONTREAL }), failed('unreachable')],
      10 * MINUTE,
      '2026-10-31T21:40:00Z',
    );
    engine.start();
    await clock.advance(60 * MINUTE);
    // 21:40 concluded; ~21:50 (the spread) failed; then the doubled wait (20 min ±20 %), opening or not.
    expect(provider.calls.length).toBeGreaterThanOrEqual(3);
    const [, failedAt, retryAt] = provider.calls.map((call) => call.at);
    expect(retryAt! - failedAt!).toBeGreaterThanOrEqual(16 * MINUTE);
    expect(checkTimes().filter((at) => at >= OPENING_OCT_31 && at <= OPENING_OCT_31 + 15 * SECOND)).toEqual(
      [],
    );
  });

  it('refreshes the facts at each conclusive check: a moved opening moves the plan; no facts, the plain interval', async () => {
    const moved: CheckTarget = { ...MONTREAL, release: { ...RELEASE, opening: '20:00' } };
    const { clock, engine, provider } = setup(
      [
        seen([], { target: MONTREAL }),
        failed('unreachable', { target: { ...MONTREAL, release: undefined } }), // not conclusive: kept
        seen([], { target: moved }),
        seen([], { target: { ...MONTREAL, release: undefined } }),
      ],
      HOUR,
      '2026-10-31T12:00:00Z',
    );
    /** Advances minute by minute until the provider has answered `count` checks. */
    const untilChecks = async (count: number) => {
      while (provider.calls.length < count) await clock.advance(MINUTE);
    };
    engine.start();
    await clock.advance(0);
    expect(engine.status('w1').nextRelease?.at).toBe('2026-10-31T22:00:00.000Z');
    await untilChecks(2);
    expect(engine.status('w1').consecutiveFailures).toBe(1);
    expect(engine.status('w1').nextRelease?.at).toBe('2026-10-31T22:00:00.000Z');
    await untilChecks(3);
    expect(engine.status('w1').nextRelease?.at).toBe('2026-11-01T00:00:00.000Z'); // 20:00 EDT
    await untilChecks(4);
    expect(engine.status('w1').nextRelease).toBeUndefined();
    // From the last check on, plain hourly checks (±20 %), with nothing special at 20:00.
    const last = provider.calls.length;
    await clock.advance(6 * HOUR);
    const gaps = provider.calls
      .slice(last - 1)
      .map((call, i, all) => (i === 0 ? 0 : call.at - all[i - 1]!.at));
    for (const gap of gaps.slice(1)) {
      expect(gap).toBeGreaterThanOrEqual(0.8 * HOUR);
      expect(gap).toBeLessThanOrEqual(1.2 * HOUR);
    }
  });

  it('a watch whose page has no release schedule keeps the plain interval', async () => {
    const { clock, engine, provider } = setup([seen([])], 10 * MINUTE);
    engine.start();
    await clock.advance(60 * MINUTE);
    expect(engine.status('w1').nextRelease).toBeUndefined();
    const gaps = provider.calls.slice(1).map((call, i) => call.at - provider.calls[i]!.at);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(8 * MINUTE);
      expect(gap).toBeLessThanOrEqual(12 * MINUTE);
    }
  });
});
