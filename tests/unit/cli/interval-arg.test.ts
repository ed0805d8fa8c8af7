// --interval: human durations, the politeness floor, and a ceiling past which nothing is being watched.
import { describe, expect, it } from 'vitest';
import { parseInterval } from '../../../src-main/cli/interval-arg';
import { systemClock } from '../../../src-main/core/ports';

describe('parseInterval', () => {
  it('reads 90s, 3m and 1.5h', () => {
    expect(parseInterval('90s', false)).toBe(90_000);
    expect(parseInterval('3m', false)).toBe(180_000);
    expect(parseInterval('1.5h', false)).toBe(5_400_000);
  });

  it('refuses a bare number, zero, and less than the floor of the site', () => {
    expect(() => parseInterval('5', false)).toThrow(/not a duration/);
    expect(() => parseInterval('0s', false)).toThrow(/too short|at most once a minute/);
    expect(() => parseInterval('0s', true)).toThrow(/0s is too short/);
    expect(() => parseInterval('30s', false)).toThrow(/at most once a minute/);
    expect(parseInterval('1s', true)).toBe(1_000);
  });

  it('refuses more than a day, where timers would also overflow', () => {
    expect(parseInterval('24h', false)).toBe(86_400_000);
    expect(() => parseInterval('600h', false)).toThrow(/too long/);
  });
});

describe('systemClock.setTimer', () => {
  it('waits for a delay past the 24.8-day limit of setTimeout instead of firing at once', async () => {
    let fired = false;
    const cancel = systemClock.setTimer(30 * 86_400_000, () => (fired = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    cancel();
    expect(fired).toBe(false);
  });
});
