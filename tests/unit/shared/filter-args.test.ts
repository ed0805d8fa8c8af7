// Command-line filter flags: what people type, in English or French, and one-line errors when it is wrong.
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FilterArgumentError, parseFilterFlags } from '../../../shared/filter-args';
import { slotMatches } from '../../../shared/filters';
import { zonedDateTimeToInstant } from '../../../shared/zoned-time';

/** Parses like src-main/cli does (node:util parseArgs), so the test covers the real hand-off. */
function flagsFrom(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      weekdays: { type: 'string', multiple: true },
      hours: { type: 'string', multiple: true },
      before: { type: 'string' },
      'within-hours': { type: 'string' },
    },
  });
  return values;
}

function errorOf(flags: Record<string, string | string[] | undefined>): FilterArgumentError {
  try {
    parseFilterFlags(flags);
  } catch (error) {
    if (error instanceof FilterArgumentError) return error;
    throw error;
  }
  throw new Error('expected a FilterArgumentError');
}

describe('parseFilterFlags', () => {
  it('reads every flag of a command line into a SlotFilter', () => {
    const filter = parseFilterFlags(
      flagsFrom([
        '--from',
        '2026-07-03',
        '--to',
        '2026-07-04',
        '--weekdays',
        'fri,SAT',
        '--hours',
        '18:00-23:59',
        '--hours',
        '9:00 – 10:30',
        '--before',
        '2026-08-01',
        '--within-hours',
        '48',
      ]),
    );
    expect(filter).toEqual({
      from: '2026-07-03',
      to: '2026-07-04',
      weekdays: [5, 6],
      hours: [
        { from: '18:00', to: '23:59' },
        { from: '09:00', to: '10:30' },
      ],
      before: '2026-08-01',
      withinHours: 48,
    });
  });

  it('gives an empty filter (every slot) when no filter flag is set, and ignores other flags', () => {
    expect(parseFilterFlags({ json: 'true', browser: '/usr/bin/chromium' })).toEqual({});
  });

  it('reads French day names and numbers 1-7 as the same ISO weekdays as English ones', () => {
    const english = parseFilterFlags({ weekdays: 'mon,tue,wed,thu,fri,sat,sun' }).weekdays;
    expect(parseFilterFlags({ weekdays: 'lun,mar,mer,jeu,ven,sam,dim' }).weekdays).toEqual(english);
    expect(parseFilterFlags({ weekdays: '1,2,3,4,5,6,7' }).weekdays).toEqual(english);
    expect(parseFilterFlags({ weekdays: ['Vendredi', 'lundi', 'ven.'] }).weekdays).toEqual([1, 5]);
  });

  it('T3: "Fridays 18:00-23:59" from the command line matches the Montreal Friday 23:30 slot', () => {
    const filter = parseFilterFlags(flagsFrom(['--weekdays', 'fri', '--hours', '18:00-23:59']));
    const now = zonedDateTimeToInstant('2026-07-01', '09:00', 'Europe/Paris');
    const montrealFriday = { date: '2026-07-03', time: '23:30', timeZone: 'America/Montreal', capacity: 1 };
    expect(slotMatches(montrealFriday, filter, now)).toBe(true);
  });

  it('keeps a window that wraps past midnight', () => {
    expect(parseFilterFlags({ hours: '22:00-02:00' }).hours).toEqual([{ from: '22:00', to: '02:00' }]);
  });

  it('explains each mistake in one line naming the flag', () => {
    const cases: Array<[Record<string, string | string[]>, string, RegExp]> = [
      [{ from: '2026-02-30' }, '--from', /--from "2026-02-30" is not a calendar day; write YYYY-MM-DD/],
      [{ to: '04/07/2026' }, '--to', /--to "04\/07\/2026" is not a calendar day/],
      [{ before: 'tomorrow' }, '--before', /--before "tomorrow" is not a calendar day/],
      [{ weekdays: 'mon,funday' }, '--weekdays', /--weekdays "funday" is not a weekday; use mon,tue/],
      [{ weekdays: '8' }, '--weekdays', /"8" is not a weekday/],
      [{ weekdays: ' , ' }, '--weekdays', /--weekdays is empty/],
      [{ hours: '09:00' }, '--hours', /--hours "09:00" is not a window; write HH:MM-HH:MM/],
      [{ hours: ['09:00-12:00', '13:00-24:00'] }, '--hours', /"24:00" is not a time of day/],
      [{ hours: '9h-12h' }, '--hours', /"9h" is not a time of day/],
      [
        { from: '2026-07-05', to: '2026-07-04' },
        '--from',
        /--from \(2026-07-05\) is after --to \(2026-07-04\)/,
      ],
      [
        { from: '2026-07-05', before: '2026-07-01' },
        '--before',
        /--before \(2026-07-01\) must be later than --from/,
      ],
      [{ from: ['2026-07-01', '2026-07-02'] }, '--from', /--from was given 2 times; give it once/],
      [{ 'within-hours': '-3' }, '--within-hours', /not a positive number of hours/],
    ];
    for (const [flags, flag, message] of cases) {
      const error = errorOf(flags);
      expect(error.flag, JSON.stringify(flags)).toBe(flag);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('\n');
    }
  });
});
