// Quiet hours on the user's clock: inside or not, wrapping past midnight, and the end across a DST change.
import { describe, expect, it } from 'vitest';
import { isQuietAt, quietEndsAfter } from '../../../src-main/core/alerts/quiet-hours';

const NIGHT = { from: '22:00', to: '07:00' };

describe('quiet hours', () => {
  it('a window past midnight includes its start and excludes its end, on the user clock', () => {
    const paris = (iso: string) => isQuietAt(NIGHT, new Date(iso), 'Europe/Paris');
    expect(paris('2026-07-02T19:59:00Z')).toBe(false); // 21:59 Paris
    expect(paris('2026-07-02T20:00:00Z')).toBe(true); // 22:00
    expect(paris('2026-07-02T23:30:00Z')).toBe(true); // 01:30
    expect(paris('2026-07-03T04:59:00Z')).toBe(true); // 06:59
    expect(paris('2026-07-03T05:00:00Z')).toBe(false); // 07:00
    expect(isQuietAt(null, new Date('2026-07-02T23:30:00Z'), 'Europe/Paris')).toBe(false);
  });

  it('a window inside one day', () => {
    const lunch = { from: '12:00', to: '14:00' };
    expect(isQuietAt(lunch, new Date('2026-07-02T11:00:00Z'), 'UTC')).toBe(false);
    expect(isQuietAt(lunch, new Date('2026-07-02T13:59:00Z'), 'UTC')).toBe(true);
    expect(isQuietAt(lunch, new Date('2026-07-02T14:00:00Z'), 'UTC')).toBe(false);
  });

  it('the end is the next 07:00 on the user clock, today after midnight or tomorrow before it', () => {
    expect(quietEndsAfter(NIGHT, new Date('2026-07-02T21:30:00Z'), 'Europe/Paris').toISOString()).toBe(
      '2026-07-03T05:00:00.000Z',
    );
    expect(quietEndsAfter(NIGHT, new Date('2026-07-03T01:00:00Z'), 'Europe/Paris').toISOString()).toBe(
      '2026-07-03T05:00:00.000Z',
    );
  });

  it('the night the clocks go back, 07:00 is still 07:00 on the wall', () => {
    // Paris leaves summer time on 2026-10-25 at 03:00 → 02:00: 07:00 that morning is 06:00 UTC.
    expect(quietEndsAfter(NIGHT, new Date('2026-10-24T21:00:00Z'), 'Europe/Paris').toISOString()).toBe(
      '2026-10-25T06:00:00.000Z',
    );
  });
});
