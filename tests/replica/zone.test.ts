// Calendar-day helpers of the replica: team-zone days via Intl, pure calendar arithmetic, DST detection.
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, offsetChangeDays, weekdayOf, zonedInstant, zonedMoment } from './zone';

describe('replica zone helpers', () => {
  it('reads the day and time in the team zone, not in UTC or the machine zone', () => {
    const instant = Date.parse('2026-10-31T03:30:00Z');
    expect(zonedMoment(instant, 'America/Montreal')).toMatchObject({
      date: '2026-10-30',
      time: '23:30',
      weekday: 5,
    });
    expect(zonedMoment(instant, 'Europe/London')).toMatchObject({
      date: '2026-10-31',
      time: '03:30',
      weekday: 6,
    });
    expect(zonedMoment(Date.parse('2026-12-31T23:00:00Z'), 'Pacific/Auckland').date).toBe('2027-01-01');
  });

  it('does calendar arithmetic across month, year and DST boundaries', () => {
    expect(addDays('2026-10-31', 1)).toBe('2026-11-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(weekdayOf('2026-11-01')).toBe(7);
    expect(weekdayOf('2026-11-02')).toBe(1);
  });

  it('finds DST changes and converts wall times on both sides', () => {
    expect(offsetChangeDays('2026-01-01', '2026-12-31', 'America/Montreal')).toEqual([
      '2026-03-08',
      '2026-11-01',
    ]);
    expect(offsetChangeDays('2026-01-01', '2026-12-31', 'Europe/London')).toEqual([
      '2026-03-29',
      '2026-10-25',
    ]);
    expect(new Date(zonedInstant('2026-11-01', '12:00', 'America/Montreal')).toISOString()).toBe(
      '2026-11-01T17:00:00.000Z',
    );
    expect(new Date(zonedInstant('2026-10-31', '12:00', 'America/Montreal')).toISOString()).toBe(
      '2026-10-31T16:00:00.000Z',
    );
  });
});
