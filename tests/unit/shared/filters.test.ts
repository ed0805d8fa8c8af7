// Slot filters in the consulate zone (T1, T2, T3), the days worth asking the site for, and filter validation.
import { describe, expect, it } from 'vitest';
import type { Slot, SlotFilter } from '../../../shared/model';
import {
  daysThatCanMatch,
  matchingSlots,
  slotMatches,
  timeInWindow,
  validateFilter,
} from '../../../shared/filters';
import { daysBetweenInclusive, weekdayOf, zonedDateTimeToInstant } from '../../../shared/zoned-time';
import { MACHINE_ZONES, withMachineZone } from './machine-zones';

const HOUR_MS = 3_600_000;
const PARIS = 'Europe/Paris';

function slot(date: string, time: string, timeZone = PARIS): Slot {
  return { date, time, timeZone, capacity: 1 };
}

describe('T1: inclusive date range and exact relative window', () => {
  // The clock of the case: 2026-07-03 10:00 in Paris.
  const now = zonedDateTimeToInstant('2026-07-03', '10:00', PARIS);
  const range: SlotFilter = { from: '2026-07-03', to: '2026-07-04' };

  it('T1: date range includes its end day, up to its last minute', () => {
    expect(slotMatches(slot('2026-07-04', '09:00'), range, now)).toBe(true);
    expect(slotMatches(slot('2026-07-04', '23:45'), range, now)).toBe(true);
    expect(slotMatches(slot('2026-07-05', '00:00'), range, now)).toBe(false);
    expect(slotMatches(slot('2026-07-03', '00:00'), range, now)).toBe(true);
    expect(slotMatches(slot('2026-07-02', '23:59'), range, now)).toBe(false);
  });

  it('T1: "within 48 h" means now + 48 h exactly, not two calendar days', () => {
    const within48: SlotFilter = { withinHours: 48 };
    // now + 48 h is 2026-07-05 10:00 Paris: that minute is in, the next is out, and 07-04 23:45 is in.
    expect(slotMatches(slot('2026-07-05', '10:00'), within48, now)).toBe(true);
    expect(slotMatches(slot('2026-07-05', '10:01'), within48, now)).toBe(false);
    expect(slotMatches(slot('2026-07-04', '23:45'), within48, now)).toBe(true);
    // Asked one second earlier, the same slot is one second past the deadline: instants, not minutes or days.
    const slotAtDeadline = zonedDateTimeToInstant('2026-07-05', '10:00', PARIS);
    expect(slotAtDeadline.getTime() - now.getTime()).toBe(48 * HOUR_MS);
    const aSecondBefore = new Date(now.getTime() - 1000);
    expect(slotMatches(slot('2026-07-05', '10:00'), within48, aSecondBefore)).toBe(false);
  });

  it('T1: "within N h" counts real hours across a DST change (Montreal, 2026-11-01)', () => {
    const montreal = 'America/Montreal';
    const saturdayNoon = zonedDateTimeToInstant('2026-10-31', '12:00', montreal);
    // Clocks go back that night, so noon on Sunday is 25 real hours after noon on Saturday.
    expect(slotMatches(slot('2026-11-01', '12:00', montreal), { withinHours: 24 }, saturdayNoon)).toBe(false);
    expect(slotMatches(slot('2026-11-01', '11:00', montreal), { withinHours: 24 }, saturdayNoon)).toBe(true);
    expect(slotMatches(slot('2026-11-01', '12:00', montreal), { withinHours: 25 }, saturdayNoon)).toBe(true);
  });
});

describe('T3: consulate zone for filters', () => {
  it('T3: a Montreal Friday 23:30 slot matches "Fridays 18:00-23:59" for a user in Europe/Paris', () => {
    const montrealFriday = slot('2026-07-03', '23:30', 'America/Montreal');
    const fridayEvenings: SlotFilter = { weekdays: [5], hours: [{ from: '18:00', to: '23:59' }] };
    const now = zonedDateTimeToInstant('2026-07-01', '09:00', PARIS);
    const matches = withMachineZone(PARIS, () => slotMatches(montrealFriday, fridayEvenings, now));
    expect(matches).toBe(true);
    // In Paris that instant is Saturday 05:30; the filter must not read it that way.
    expect(slotMatches(montrealFriday, { weekdays: [6] }, now)).toBe(false);
    expect(slotMatches(montrealFriday, { hours: [{ from: '05:00', to: '06:00' }] }, now)).toBe(false);
  });
});

describe('T2: the machine zone does not matter', () => {
  // A replica-like availability answer per day (what GET …/reservations/availability returns), for two teams.
  const inventory = [
    {
      timezone: 'America/Montreal',
      date: '2026-07-03',
      body: '[{"time":"23:30","rate":"0.00","capacity":2}]',
    },
    {
      timezone: 'America/Montreal',
      date: '2026-11-01',
      body: '[{"time":"01:30","rate":"0.00","capacity":1}]',
    },
    {
      timezone: 'Pacific/Auckland',
      date: '2026-07-04',
      body: '[{"time":"00:15","rate":"0.00","capacity":1}]',
    },
    {
      timezone: 'Europe/Paris',
      date: '2026-07-04',
      body: '[{"time":"09:00","rate":"0.00","capacity":1},{"time":"23:45","rate":"0.00","capacity":3}]',
    },
    { timezone: 'Europe/Paris', date: '2026-07-05', body: '[{"time":"00:00","rate":"0.00","capacity":1}]' },
  ];
  const filters: SlotFilter[] = [
    { from: '2026-07-03', to: '2026-07-04' },
    { weekdays: [5, 6] },
    { hours: [{ from: '23:00', to: '00:30' }] },
    { before: '2026-07-05' },
    { withinHours: 36 },
  ];
  const now = new Date(Date.UTC(2026, 6, 3, 8, 0));

  function readAndFilter() {
    const slots: Slot[] = inventory.flatMap(({ timezone, date, body }) =>
      (JSON.parse(body) as Array<{ time: string; capacity: number }>).map(({ time, capacity }) => ({
        date,
        time,
        timeZone: timezone,
        capacity,
      })),
    );
    return {
      slots,
      weekdays: slots.map((one) => weekdayOf(one.date)),
      matches: filters.map((filter) => matchingSlots(slots, filter, now)),
      days: daysThatCanMatch(
        { start: '2026-07-01', end: '2026-07-10' },
        { weekdays: [5], withinHours: 36 },
        now,
        PARIS,
      ),
    };
  }

  it('T2: same slots, weekdays and matches under Los Angeles, Auckland and Paris', () => {
    const results = MACHINE_ZONES.map((zone) =>
      withMachineZone(zone, () => ({ offset: new Date(0).getTimezoneOffset(), ...readAndFilter() })),
    );
    // The zone really changed between runs…
    expect(new Set(results.map((result) => result.offset)).size).toBe(MACHINE_ZONES.length);
    // …and nothing we compute did.
    const [first, ...others] = results.map(({ offset: _offset, ...rest }) => rest);
    for (const other of others) expect(other).toEqual(first);
    // And it equals what this project's own machine zone gives.
    const { offset: _offset, ...here } = { offset: 0, ...readAndFilter() };
    expect(here).toEqual(first);
  });

  it('T2: the matches are the ones each consulate zone implies', () => {
    const { matches } = readAndFilter();
    const keys = (list: Slot[]) => list.map((one) => `${one.timeZone} ${one.date} ${one.time}`);
    expect(keys(matches[0]!)).toEqual([
      'America/Montreal 2026-07-03 23:30',
      'Pacific/Auckland 2026-07-04 00:15',
      'Europe/Paris 2026-07-04 09:00',
      'Europe/Paris 2026-07-04 23:45',
    ]);
    expect(keys(matches[1]!)).toEqual(keys(matches[0]!)); // 07-03 is a Friday, 07-04 a Saturday
    expect(keys(matches[2]!)).toEqual([
      'America/Montreal 2026-07-03 23:30',
      'Pacific/Auckland 2026-07-04 00:15',
      'Europe/Paris 2026-07-04 23:45',
      'Europe/Paris 2026-07-05 00:00',
    ]);
  });
});

describe('hour windows', () => {
  it('includes both ends and wraps past midnight when from > to', () => {
    const evening = { from: '18:00', to: '23:59' };
    expect(['18:00', '21:10', '23:59'].map((time) => timeInWindow(time, evening))).toEqual([
      true,
      true,
      true,
    ]);
    expect(['17:59', '00:00'].map((time) => timeInWindow(time, evening))).toEqual([false, false]);
    const night = { from: '22:00', to: '02:00' };
    const verdicts = ['21:59', '22:00', '23:30', '00:00', '02:00', '02:01'].map((time) =>
      timeInWindow(time, night),
    );
    expect(verdicts).toEqual([false, true, true, true, true, false]);
  });

  it('matches when any one of several windows holds the slot', () => {
    const now = new Date(Date.UTC(2026, 6, 1));
    const filter: SlotFilter = {
      hours: [
        { from: '08:00', to: '09:00' },
        { from: '14:00', to: '15:00' },
      ],
    };
    expect(slotMatches(slot('2026-07-10', '14:30'), filter, now)).toBe(true);
    expect(slotMatches(slot('2026-07-10', '12:00'), filter, now)).toBe(false);
  });

  it('"before" is strictly earlier than that day', () => {
    const now = new Date(Date.UTC(2026, 6, 1));
    expect(slotMatches(slot('2026-07-09', '23:59'), { before: '2026-07-10' }, now)).toBe(true);
    expect(slotMatches(slot('2026-07-10', '00:00'), { before: '2026-07-10' }, now)).toBe(false);
  });

  it('an empty filter matches every slot', () => {
    expect(slotMatches(slot('2030-01-01', '03:00'), {}, new Date(0))).toBe(true);
  });
});

describe('days worth asking the site for', () => {
  const window = { start: '2026-07-01', end: '2026-07-31' };
  const now = zonedDateTimeToInstant('2026-07-03', '10:00', PARIS);

  it('keeps the date range (inclusive), weekdays and "before", and never drops a day for its hours', () => {
    const filter: SlotFilter = {
      from: '2026-07-03',
      to: '2026-07-24',
      weekdays: [1, 5],
      before: '2026-07-24',
      hours: [{ from: '23:00', to: '23:30' }],
    };
    const days = daysThatCanMatch(window, filter, now, PARIS);
    expect(days).toEqual([
      '2026-07-03',
      '2026-07-06',
      '2026-07-10',
      '2026-07-13',
      '2026-07-17',
      '2026-07-20',
    ]);
  });

  it('agrees with slotMatches: a day is asked for exactly when some slot on it could match', () => {
    const filter: SlotFilter = {
      from: '2026-07-05',
      to: '2026-07-20',
      weekdays: [2, 4, 6],
      withinHours: 24 * 9,
    };
    const days = daysThatCanMatch(window, filter, now, PARIS);
    const daysWithAMatch = daysBetweenInclusive(window.start, window.end).filter((day) =>
      ['00:00', '06:00', '12:00', '23:59'].some((time) => slotMatches(slot(day, time), filter, now)),
    );
    expect(days).toEqual(daysWithAMatch);
  });

  it('T1: "within 48 h" keeps the day holding now + 48 h and drops the day after', () => {
    const days = daysThatCanMatch(window, { withinHours: 48 }, now, PARIS);
    expect(days).toEqual(['2026-07-01', '2026-07-02', '2026-07-03', '2026-07-04', '2026-07-05']);
  });

  it('reads day boundaries in the consulate zone given, not the machine zone', () => {
    // 2026-07-03 10:00 Paris = 20:00 in Auckland; +6 h reaches 02:00 on 07-04 there, but not Paris's 07-04.
    expect(daysThatCanMatch(window, { withinHours: 6 }, now, 'Pacific/Auckland').at(-1)).toBe('2026-07-04');
    expect(daysThatCanMatch(window, { withinHours: 6 }, now, PARIS).at(-1)).toBe('2026-07-03');
  });
});

describe('validateFilter', () => {
  it('accepts a sensible filter', () => {
    expect(
      validateFilter({
        from: '2026-07-03',
        to: '2026-07-03',
        weekdays: [5],
        hours: [{ from: '22:00', to: '02:00' }],
        withinHours: 48,
      }),
    ).toEqual([]);
  });

  it('names each problem in words a person can act on', () => {
    const errors = validateFilter({
      from: '2026-07-05',
      to: '2026-07-04',
      weekdays: [],
      hours: [{ from: '25:00', to: '09:00' }],
      before: '2026-02-30',
      withinHours: 0,
    });
    expect(errors).toEqual([
      '"before" must be a real calendar day written YYYY-MM-DD (e.g. 2026-07-03), got "2026-02-30".',
      '"from" (2026-07-05) is after "to" (2026-07-04); no day can match.',
      '"weekdays" is empty; pick at least one day, or leave it out to accept every day.',
      '"25:00" is not a time of day; write HH:MM between 00:00 and 23:59.',
      '"withinHours" must be a positive number of hours, got 0.',
    ]);
  });

  it('refuses weekday numbers outside 1-7 and a "before" that leaves no day', () => {
    expect(validateFilter({ weekdays: [0 as never, 8 as never] })).toHaveLength(2);
    expect(validateFilter({ from: '2026-07-05', before: '2026-07-05' })).toEqual([
      '"before" (2026-07-05) must be later than "from" (2026-07-05); no day can match.',
    ]);
  });
});
