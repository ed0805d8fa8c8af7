// The watchdog on the real engine and a fake clock: stale watches, a loop that throws, wall-clock jumps, one notice.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/core/engine';
import type { MonitoringStoppedEvent } from '../../../src-main/core/engine-events';
import type { Clock } from '../../../src-main/core/ports';
import { engineWatchdogTarget, guardClock, Watchdog } from '../../../src-main/core/watchdog';
import { alertFromEvent } from '../../../src-main/core/alerts/alert';
import { renderAlert } from '../../../src-main/core/alerts/alert-messages';
import { FakeClock } from '../../support/fake-clock';
import { MINUTE, noJitter, watch } from './engine-harness';
import { failed, ScriptedProvider, seen, slot } from './scripted-provider';
import type { Step } from './scripted-provider';

/** A clock whose wall reading can be made to throw, standing in for any bug inside the scheduling loop. */
class BreakableClock implements Clock {
  broken = false;
  constructor(private readonly inner: FakeClock) {}
  now = () => this.inner.now();
  wallNow = () => {
    if (this.broken) throw new Error('wall clock unavailable');
    return this.inner.wallNow();
  };
  setTimer = (ms: number, fn: () => void) => this.inner.setTimer(ms, fn);
}

function setUp(steps: Step[], engineClock?: (clock: FakeClock) => Clock) {
  const clock = new FakeClock();
  const provider = new ScriptedProvider(clock, steps);
  const ref: { dog?: Watchdog } = {};
  const guarded = guardClock(engineClock ? engineClock(clock) : clock, (error) => ref.dog?.loopFailed(error));
  const engine = new Engine({
    provider,
    clock: guarded,
    random: noJitter,
    siteSpacingMs: 0,
    globalIntervalMs: 3 * MINUTE,
    onInternalError: (error) => ref.dog?.loopFailed(error),
  });
  const lines: string[] = [];
  const dog = new Watchdog({
    target: engineWatchdogTarget(() => engine),
    clock,
    log: (line) => lines.push(line),
  });
  ref.dog = dog;
  const stopped: MonitoringStoppedEvent[] = [];
  dog.on('monitoring-stopped', (event) => stopped.push(event));
  engine.addWatch(watch('w'));
  engine.start();
  dog.start();
  return { clock, provider, engine, dog, stopped, lines };
}

const state = (dog: Watchdog, engine: Engine) => dog.decorate(engine.snapshot()).watches[0]!.status.state;

describe('watchdog', () => {
  it('a healthy watch is never flagged, over hours of checks', async () => {
    const { clock, provider, engine, dog, stopped } = setUp([seen([slot('2026-07-20', '09:00')])]);
    await clock.advance(6 * 60 * MINUTE);
    expect(provider.calls.length).toBeGreaterThanOrEqual(110);
    expect(dog.isStale('w')).toBe(false);
    expect(state(dog, engine)).toBe('ok');
    expect(stopped).toEqual([]);
    expect(dog.restarts).toBe(0);
  });

  it('"needs attention" once the last success is older than 3 intervals, even while the engine says failing', async () => {
    const { clock, engine, dog, stopped } = setUp([seen([]), failed('unreachable')]);
    await clock.advance(1);
    expect(engine.status('w').lastSuccessAt).toBeDefined();
    // Back-off spaces the failures out: after 3 intervals without a success the window shows "needs attention".
    await clock.advance(9 * MINUTE + 31_000);
    expect(engine.status('w').state).toBe('failing');
    expect(dog.isStale('w')).toBe(true);
    expect(state(dog, engine)).toBe('degraded');
    // A failing watch is the engine's to tell (its degraded threshold): no second notice from the watchdog.
    expect(stopped).toEqual([]);
  });

  it('a scheduling loop that throws is restarted; when it cannot be, one "monitoring stopped" notice, then recovery', async () => {
    let breakable: BreakableClock | undefined;
    const { clock, provider, engine, dog, stopped, lines } = setUp(
      [seen([slot('2026-07-20', '09:00')])],
      (c) => {
        breakable = new BreakableClock(c);
        return breakable;
      },
    );
    await clock.advance(1);
    expect(provider.calls).toHaveLength(1);
    breakable!.broken = true;
    // Every timer of the engine now throws: without the guard this is an uncaught exception and no next timer.
    await clock.advance(20 * MINUTE);
    expect(provider.calls.length).toBeLessThanOrEqual(2);
    expect(lines.some((line) => line.includes('The scheduling loop failed'))).toBe(true);
    expect(dog.restarts).toBeGreaterThanOrEqual(1);
    expect(stopped).toHaveLength(1);
    expect(stopped[0]).toMatchObject({ watchId: 'w', reason: 'No check ran when it was due.' });
    expect(stopped[0]!.silentForMs).toBeGreaterThan(9 * MINUTE);
    // Still broken: no second notice for the same episode.
    await clock.advance(20 * MINUTE);
    expect(stopped).toHaveLength(1);
    // The fault goes away: the watchdog's next restart brings the checks back at their interval.
    breakable!.broken = false;
    const before = provider.calls.length;
    await clock.advance(10 * MINUTE);
    expect(provider.calls.length - before).toBeGreaterThanOrEqual(2);
    expect(dog.isStale('w')).toBe(false);
    expect(state(dog, engine)).toBe('ok');
  });

  it('a loop that lost its timer (a due check that never started) is restarted by the watchdog', async () => {
    const { clock, provider, engine, dog } = setUp([seen([])]);
    await clock.advance(1);
    // Simulate the lost timer: cancel every pending engine timer by stopping scheduling from outside.
    const internals = engine as unknown as { cancelTimer?: () => void; timerAt?: number };
    internals.cancelTimer?.();
    internals.cancelTimer = undefined;
    internals.timerAt = undefined;
    await clock.advance(6 * MINUTE);
    expect(dog.restarts).toBeGreaterThanOrEqual(1);
    expect(provider.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('the notice becomes an alert with its own words (EN and FR)', () => {
    const event: MonitoringStoppedEvent = {
      watchId: 'w',
      at: '2026-07-03T10:00:00.000Z',
      bookingUrl: 'https://consulat.gouv.fr/x/rendez-vous',
      silentForMs: 12 * MINUTE,
      reason: 'No check ran when it was due.',
    };
    const alert = alertFromEvent('monitoring-stopped', event, { label: 'Londres' });
    expect(alert.kind).toBe('monitoring-stopped');
    const en = renderAlert(alert, { language: 'en', userTimeZone: 'Europe/Paris' });
    expect(en.title).toBe('Monitoring stopped — Londres');
    expect(en.lines[0]).toContain('12 min');
    expect(renderAlert(alert, { language: 'fr', userTimeZone: 'Europe/Paris' }).title).toBe(
      'Surveillance arrêtée — Londres',
    );
  });
});

describe('D2: clock jumps', () => {
  it('D2: the wall clock jumping 8 h forward or 1 h back changes no schedule: one check per interval, no burst, no stale flag', async () => {
    const { clock, provider, dog, stopped } = setUp([seen([])]);
    await clock.advance(1);
    const first = provider.calls.length;
    clock.jumpWall(8 * 60 * MINUTE);
    await clock.advance(3 * MINUTE);
    expect(provider.calls.length - first).toBe(1);
    clock.jumpWall(-60 * MINUTE);
    await clock.advance(3 * MINUTE);
    expect(provider.calls.length - first).toBe(2);
    const gaps = provider.calls.slice(1).map((call, i) => call.at - provider.calls[i]!.at);
    expect(gaps.every((gap) => gap === 3 * MINUTE)).toBe(true);
    expect(dog.isStale('w')).toBe(false);
    expect(stopped).toEqual([]);
  });
});
