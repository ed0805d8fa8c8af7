// Calendar-day arithmetic, zone conversion across DST, and slot display, checked against independent oracles.
import { describe, expect, it } from 'vitest';
import type { Slot } from '../../../shared/model';
import {
  addDays,
  compareCalendarDays,
  daysBetweenInclusive,
  formatSlotForDisplay,
  isCalendarDay,
  isValidTimeZone,
  isWallTime,
  parseCalendarDay,
  parseWallTime,
  resolveZonedDateTime,
  todayInZone,
  wallClockAt,
  weekdayOf,
  zonedDateTimeToInstant,
} from '../../../shared/zoned-time';

const HOUR_MS = 3_600_000;

/** Independent oracle for a calendar day: UTC fields of Date.UTC, which never read the machine zone. */
function utcDayOracle(epochDay: number): { day: string; isoWeekday: number } {
  const date = new Date(epochDay * 86_400_000);
  const day = date.toISOString().slice(0, 10);
  return { day, isoWeekday: date.getUTCDay() === 0 ? 7 : date.getUTCDay() };
}

/** Every 15 minutes of a day, as wall times. */
function quarterHours(): string[] {
  const times: string[] = [];
  for (let minute = 0; minute < 24 * 60; minute += 15) {
    times.push(`${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`);
  }
  return times;
}

describe('parsing calendar days and wall times', () => {
  it('accepts real days and refuses impossible or badly shaped ones', () => {
    expect(parseCalendarDay('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '2026-04-31',
      '2026-7-3',
      '26-07-03',
      '2026-07-03T00:00',
      '',
    ]) {
      expect(isCalendarDay(bad), bad).toBe(false);
    }
    expect(() => parseCalendarDay('2026-02-30')).toThrow(/"2026-02-30" is not a calendar day/);
  });

  it('accepts 00:00 to 23:59 and refuses the rest', () => {
    expect(parseWallTime('23:59')).toEqual({ hour: 23, minute: 59 });
    for (const bad of ['24:00', '12:60', '9:00', '09:00:00', 'noon'])
      expect(isWallTime(bad), bad).toBe(false);
    expect(() => parseWallTime('24:00')).toThrow(/"24:00" is not a time of day/);
  });

  it('knows real zone names from typos', () => {
    expect(isValidTimeZone('America/Montreal')).toBe(true);
    expect(isValidTimeZone('Europe/Pariss')).toBe(false);
  });
});

describe('calendar-day arithmetic', () => {
  it('T2: weekday and day stepping agree with a UTC-only oracle over five centuries of days', () => {
    // A deterministic walk from 1900 to 2400 in uneven steps, through every kind of leap year.
    for (let epochDay = -25_567; epochDay < 157_000; epochDay += 37) {
      const { day, isoWeekday } = utcDayOracle(epochDay);
      expect(weekdayOf(day)).toBe(isoWeekday);
      expect(addDays(day, 37)).toBe(utcDayOracle(epochDay + 37).day);
      expect(addDays(day, -1)).toBe(utcDayOracle(epochDay - 1).day);
    }
  });

  it('steps across month, leap-day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(compareCalendarDays('2026-07-04', '2026-07-05')).toBeLessThan(0);
    expect(daysBetweenInclusive('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(daysBetweenInclusive('2026-07-05', '2026-07-04')).toEqual([]);
  });
});

describe('today and wall clocks in a named zone', () => {
  it("gives the zone's day, not the machine's, at the same instant", () => {
    const instant = new Date(Date.UTC(2026, 6, 3, 22, 30)); // 22:30 UTC
    expect(todayInZone('Pacific/Auckland', instant)).toBe('2026-07-04');
    expect(todayInZone('Europe/Paris', instant)).toBe('2026-07-04');
    expect(todayInZone('America/Los_Angeles', instant)).toBe('2026-07-03');
    expect(wallClockAt(instant, 'Europe/Paris')).toEqual({ date: '2026-07-04', time: '00:30' });
  });
});

describe('wall time to instant', () => {
  it('round-trips every quarter hour of ordinary and DST days in several zones', () => {
    const cases: Array<[string, string]> = [
      ['America/Montreal', '2026-11-01'],
      ['America/Montreal', '2026-03-08'],
      ['Europe/London', '2026-10-25'],
      ['Europe/London', '2027-03-28'],
      ['Pacific/Auckland', '2026-09-27'],
      ['Asia/Kolkata', '2026-07-03'],
    ];
    for (const [zone, day] of cases) {
      for (const time of quarterHours()) {
        const { instant, kind } = resolveZonedDateTime(day, time, zone);
        if (kind === 'skipped') continue;
        expect(wallClockAt(instant, zone), `${zone} ${day} ${time}`).toEqual({ date: day, time });
      }
    }
  });

  it('Montreal 2026-11-01: the repeated 01:30 is the earlier (daylight-time) instant', () => {
    const zone = 'America/Montreal';
    const repeated = resolveZonedDateTime('2026-11-01', '01:30', zone);
    expect(repeated.kind).toBe('repeated');
    // One real hour later the wall clock shows 01:30 again: we picked the first showing.
    expect(wallClockAt(new Date(repeated.instant.getTime() + HOUR_MS), zone).time).toBe('01:30');
    expect(wallClockAt(new Date(repeated.instant.getTime() - HOUR_MS), zone).time).toBe('00:30');
    // 00:30 → 02:30 on the wall is three real hours that night.
    const before = zonedDateTimeToInstant('2026-11-01', '00:30', zone).getTime();
    const after = zonedDateTimeToInstant('2026-11-01', '02:30', zone).getTime();
    expect((after - before) / HOUR_MS).toBe(3);
    expect(resolveZonedDateTime('2026-11-01', '02:30', zone).kind).toBe('unique');
  });

  it('London 2026-10-25: the repeated 01:00-01:59 resolves to BST, the earlier instant', () => {
    const zone = 'Europe/London';
    const repeated = resolveZonedDateTime('2026-10-25', '01:15', zone);
    expect(repeated.kind).toBe('repeated');
    expect(wallClockAt(new Date(repeated.instant.getTime() + HOUR_MS), zone).time).toBe('01:15');
    expect(resolveZonedDateTime('2026-10-25', '00:59', zone).kind).toBe('unique');
    expect(resolveZonedDateTime('2026-10-25', '02:00', zone).kind).toBe('unique');
  });

  it('London 2027-03-28: the skipped 01:30 moves forward by the gap, to the instant of 02:30 BST', () => {
    const zone = 'Europe/London';
    const skipped = resolveZonedDateTime('2027-03-28', '01:30', zone);
    expect(skipped.kind).toBe('skipped');
    expect(skipped.instant.getTime()).toBe(zonedDateTimeToInstant('2027-03-28', '02:30', zone).getTime());
    expect(wallClockAt(skipped.instant, zone)).toEqual({ date: '2027-03-28', time: '02:30' });
    // Never earlier than the last real minute before the jump.
    const lastBefore = zonedDateTimeToInstant('2027-03-28', '00:59', zone).getTime();
    expect(skipped.instant.getTime()).toBeGreaterThan(lastBefore);
  });

  it('T2: gives the same instant whatever the machine zone (compared with a fixed-offset oracle)', () => {
    // Paris is UTC+2 in July: 10:00 there is 08:00 UTC by definition of the offset, not by our code.
    expect(zonedDateTimeToInstant('2026-07-03', '10:00', 'Europe/Paris').getTime()).toBe(
      Date.UTC(2026, 6, 3, 8, 0),
    );
    expect(zonedDateTimeToInstant('2026-07-03', '10:00', 'Etc/GMT+5').getTime()).toBe(
      Date.UTC(2026, 6, 3, 15, 0),
    );
  });
});

describe('slot display', () => {
  const montrealFriday: Slot = {
    date: '2026-07-03',
    time: '23:30',
    timeZone: 'America/Montreal',
    capacity: 1,
  };

  it('T3: shows Friday 23:30 Montreal time with the Paris user time beside it, in English and French', () => {
    expect(weekdayOf(montrealFriday.date)).toBe(5);
    expect(formatSlotForDisplay(montrealFriday, { userTimeZone: 'Europe/Paris', language: 'en' })).toBe(
      'Fri 23:30 (Montreal) — Sat 05:30 your time',
    );
    expect(formatSlotForDisplay(montrealFriday, { userTimeZone: 'Europe/Paris', language: 'fr' })).toBe(
      'ven. 23:30 (Montreal) — sam. 05:30 chez vous',
    );
  });

  it('adds day and month on request, and a custom consulate label', () => {
    const text = formatSlotForDisplay(montrealFriday, {
      userTimeZone: 'Europe/Paris',
      language: 'fr',
      withDate: true,
      consulateLabel: 'Montréal',
    });
    expect(text).toBe('ven. 3 juil. 23:30 (Montréal) — sam. 4 juil. 05:30 chez vous');
  });

  it('shows consulate time alone when the user reads the same wall clock', () => {
    expect(formatSlotForDisplay(montrealFriday, { userTimeZone: 'America/Toronto', language: 'en' })).toBe(
      'Fri 23:30 (Montreal)',
    );
  });
});
