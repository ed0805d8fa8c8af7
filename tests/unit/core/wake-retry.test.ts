// D2 after waking: an offline/DNS failure right after resume is retried once, quietly; the engine never sees it.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/core/engine';
import { isOfflineOutcome, retryingAfterWake } from '../../../src-main/core/wake-retry';
import { FakeClock } from '../../support/fake-clock';
import { MINUTE, noJitter, watch } from './engine-harness';
import { failed, ScriptedProvider, seen, slot } from './scripted-provider';
import type { Step } from './scripted-provider';

const DNS = failed('unreachable', {
  reason: 'The booking page could not be loaded (network error ERR_NAME_NOT_RESOLVED).',
});

function setUp(steps: Step[]) {
  const clock = new FakeClock();
  const site = new ScriptedProvider(clock, steps);
  const retries: string[] = [];
  const provider = retryingAfterWake(site, {
    clock,
    retryDelayMs: 10_000,
    onRetry: (url) => retries.push(url),
  });
  const engine = new Engine({
    provider,
    clock,
    random: noJitter,
    siteSpacingMs: 0,
    globalIntervalMs: 3 * MINUTE,
  });
  const told: string[] = [];
  engine.on('status', (e) => told.push(e.state));
  engine.on('degraded', () => told.push('DEGRADED-NOTICE'));
  engine.addWatch(watch('w'));
  return { clock, site, provider, engine, retries, told };
}

describe('D2: waking up', () => {
  it('D2: resume after 8 h asleep, DNS not ready: one check after the grace, retried quietly once, no failing state, no notice', async () => {
    const { clock, site, provider, engine, retries, told } = setUp([
      seen([slot('2026-07-20', '09:00')]),
      DNS,
      seen([slot('2026-07-20', '09:00')]),
    ]);
    engine.start();
    await clock.advance(1);
    expect(site.calls).toHaveLength(1);
    // Asleep: monotonic time does not move on suspend; the wall clock does.
    clock.jumpWall(8 * 60 * MINUTE);
    provider.noteWake();
    engine.resumeAfterSleep(15_000);
    await clock.advance(14_999);
    expect(site.calls).toHaveLength(1);
    await clock.advance(1);
    expect(site.calls).toHaveLength(2); // one check after the grace, not a burst
    await clock.advance(10_000);
    expect(site.calls).toHaveLength(3); // the quiet retry, inside the same engine check
    expect(retries).toHaveLength(1);
    expect(engine.status('w').state).toBe('ok');
    expect(engine.status('w').consecutiveFailures).toBe(0);
    expect(told).not.toContain('failing');
    expect(told).not.toContain('DEGRADED-NOTICE');
  });

  it('D2: only once: DNS still failing after the retry is an ordinary failure', async () => {
    const { clock, site, provider, engine, retries } = setUp([seen([]), DNS, DNS, DNS]);
    engine.start();
    await clock.advance(1);
    provider.noteWake();
    engine.resumeAfterSleep(15_000);
    await clock.advance(25_000);
    expect(site.calls).toHaveLength(3);
    expect(retries).toHaveLength(1);
    expect(engine.status('w').state).toBe('failing');
  });

  it('D2: away from a wake, or for a site answer (503), nothing is retried', async () => {
    const { clock, site, engine, retries } = setUp([seen([]), DNS, failed('unreachable')]);
    engine.start();
    await clock.advance(3 * MINUTE + 1);
    expect(site.calls).toHaveLength(2);
    expect(retries).toEqual([]);
    expect(engine.status('w').state).toBe('failing');
    expect(isOfflineOutcome(failed('unreachable'))).toBe(false);
    expect(isOfflineOutcome(DNS)).toBe(true);
  });
});
