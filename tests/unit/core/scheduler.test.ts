// Pure scheduling decisions: floors, jitter, back-off cap, Retry-After, site spacing, global interval.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INTERVAL_MS,
  MAX_BACKOFF_MS,
  blockDurationMs,
  delayAfterCheckMs,
  effectiveIntervalMs,
  isLoopback,
  jitterFactor,
  nextStartAt,
  siteOf,
  siteOpensAt,
  watchDueAt,
} from '../../../src-main/core/scheduler';

const MIN = 60_000;

describe('scheduler decisions', () => {
  it('floors the interval at 60 s for real sites and 1 s for loopback origins', () => {
    expect(effectiveIntervalMs(5_000, DEFAULT_INTERVAL_MS, false)).toBe(60_000);
    expect(effectiveIntervalMs(5_000, DEFAULT_INTERVAL_MS, true)).toBe(5_000);
    expect(effectiveIntervalMs(100, DEFAULT_INTERVAL_MS, true)).toBe(1_000);
    expect(effectiveIntervalMs(undefined, 10 * MIN, false)).toBe(10 * MIN);
    expect(isLoopback('http://127.0.0.1:4321/x/rendez-vous')).toBe(true);
    expect(isLoopback('http://localhost:4321/')).toBe(true);
    expect(isLoopback('http://[::1]:4321/')).toBe(true);
    expect(isLoopback('https://consulat.gouv.fr/x/rendez-vous')).toBe(false);
    expect(isLoopback('https://127.0.0.1.example.com/')).toBe(false);
  });

  it('jitter stays within ±20 % of the interval', () => {
    const delays = Array.from({ length: 1001 }, (_, i) =>
      delayAfterCheckMs({
        intervalMs: 3 * MIN,
        consecutiveFailures: 0,
        jitter: jitterFactor(i / 1001),
        floorMs: MIN,
      }),
    );
    expect(Math.min(...delays)).toBeGreaterThanOrEqual((3 * MIN * 4) / 5);
    expect(Math.max(...delays)).toBeLessThanOrEqual((3 * MIN * 6) / 5);
    // and it really spreads: both ends of the band are used
    expect(Math.min(...delays)).toBeLessThan(0.81 * 3 * MIN);
    expect(Math.max(...delays)).toBeGreaterThan(1.19 * 3 * MIN);
  });

  it('backs off exponentially on errors and caps at 30 min, jitter included', () => {
    const delay = (failures: number, jitter = 0) =>
      delayAfterCheckMs({ intervalMs: 3 * MIN, consecutiveFailures: failures, jitter, floorMs: MIN });
    expect([1, 2, 3, 4, 5].map((f) => delay(f))).toEqual([6 * MIN, 12 * MIN, 24 * MIN, 30 * MIN, 30 * MIN]);
    for (const failures of [4, 10, 100, 5000]) {
      expect(delay(failures, 0.2)).toBeLessThanOrEqual(MAX_BACKOFF_MS);
      expect(delay(failures, -0.2)).toBeGreaterThanOrEqual((MAX_BACKOFF_MS * 4) / 5);
    }
    // An interval longer than the cap is never shortened by an error.
    expect(delayAfterCheckMs({ intervalMs: 60 * MIN, consecutiveFailures: 3, jitter: 0, floorMs: MIN })).toBe(
      60 * MIN,
    );
  });

  it('a changed global interval applies to a watch that uses it at the next decision', () => {
    const state = { readySince: 0, lastFinishedAt: 1_000, consecutiveFailures: 0, jitter: 0, paused: false };
    expect(watchDueAt(state, undefined, { globalIntervalMs: 3 * MIN }, false)).toBe(1_000 + 3 * MIN);
    expect(watchDueAt(state, undefined, { globalIntervalMs: 10 * MIN }, false)).toBe(1_000 + 10 * MIN);
    // a watch with its own interval ignores the global one
    expect(watchDueAt(state, 5 * MIN, { globalIntervalMs: 10 * MIN }, false)).toBe(1_000 + 5 * MIN);
    expect(
      watchDueAt({ ...state, paused: true }, undefined, { globalIntervalMs: MIN }, false),
    ).toBeUndefined();
    expect(watchDueAt({ ...state, requestedAt: 2_000 }, undefined, { globalIntervalMs: MIN }, false)).toBe(
      2_000,
    );
  });

  it('a site opens after the spacing since its last start and never before Retry-After', () => {
    expect(siteOpensAt({ consecutiveBlocks: 0 }, 20_000)).toBe(-Infinity);
    expect(siteOpensAt({ lastStartAt: 1_000, consecutiveBlocks: 0 }, 20_000)).toBe(21_000);
    expect(siteOpensAt({ lastStartAt: 1_000, blockedUntil: 3_601_000, consecutiveBlocks: 1 }, 20_000)).toBe(
      3_601_000,
    );
    expect(nextStartAt(5_000, 21_000)).toBe(21_000);
    expect(nextStartAt(undefined, 0)).toBeUndefined();
    expect(blockDurationMs(3_600_000, 0, 3 * MIN)).toBe(3_600_000);
    expect([0, 1, 2, 3, 9].map((n) => blockDurationMs(undefined, n, 3 * MIN))).toEqual([
      3 * MIN,
      6 * MIN,
      12 * MIN,
      24 * MIN,
      30 * MIN,
    ]);
    expect(siteOf('https://consulat.gouv.fr/a/rendez-vous?name=x')).toBe('https://consulat.gouv.fr');
  });
});
