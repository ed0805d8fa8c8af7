/** Turns the command-line filter flags (--from, --to, --weekdays, --hours, --before) into a checked SlotFilter. */
import type { HourWindow, SlotFilter, Weekday } from './model';
import { validateFilter } from './filters';
import { formatWallTime, isCalendarDay, tryParseWallTime } from './zoned-time';

/** A filter flag a person typed wrong; `message` is one line naming the flag and what it expects. */
export class FilterArgumentError extends Error {
  override readonly name = 'FilterArgumentError';
  constructor(
    /** The flag as typed on the command line, e.g. `--hours`. */
    readonly flag: string,
    message: string,
  ) {
    super(message);
  }
}

// English and French names, short and long, and ISO numbers: people type what they say.
const WEEKDAY_WORDS: Record<string, Weekday> = {
  mon: 1, monday: 1, lun: 1, lundi: 1, '1': 1,
  tue: 2, tues: 2, tuesday: 2, mar: 2, mardi: 2, '2': 2,
  wed: 3, wednesday: 3, mer: 3, mercredi: 3, '3': 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4, jeu: 4, jeudi: 4, '4': 4,
  fri: 5, friday: 5, ven: 5, vendredi: 5, '5': 5,
  sat: 6, saturday: 6, sam: 6, samedi: 6, '6': 6,
  sun: 7, sunday: 7, dim: 7, dimanche: 7, '7': 7,
}; // prettier-ignore

type FlagValue = string | string[] | undefined;

/** The values given for one flag, split on commas where a list is allowed, blanks dropped. */
function valuesOf(raw: FlagValue): string[] {
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw]).map((value) => value.trim());
}

function single(flags: Record<string, FlagValue>, name: string): string | undefined {
  const values = valuesOf(flags[name]);
  if (values.length === 0) return undefined;
  if (values.length > 1) {
    throw new FilterArgumentError(`--${name}`, `--${name} was given ${values.length} times; give it once.`);
  }
  return values[0];
}

function parseDayFlag(flags: Record<string, FlagValue>, name: string): string | undefined {
  const value = single(flags, name);
  if (value === undefined) return undefined;
  if (!isCalendarDay(value)) {
    throw new FilterArgumentError(
      `--${name}`,
      `--${name} "${value}" is not a calendar day; write YYYY-MM-DD, e.g. --${name} 2026-07-03.`,
    );
  }
  return value;
}

function parseWeekdays(raw: FlagValue): Weekday[] | undefined {
  const values = valuesOf(raw);
  if (values.length === 0) return undefined;
  const weekdays: Weekday[] = [];
  for (const word of values.flatMap((value) => value.split(','))) {
    const key = word.trim().toLowerCase().replace(/\.$/, '');
    if (key === '') continue;
    const weekday = WEEKDAY_WORDS[key];
    if (weekday === undefined) {
      throw new FilterArgumentError(
        '--weekdays',
        `--weekdays "${word.trim()}" is not a weekday; use mon,tue,wed,thu,fri,sat,sun, lun,mar,mer,jeu,ven,sam,dim or 1-7.`,
      );
    }
    if (!weekdays.includes(weekday)) weekdays.push(weekday);
  }
  if (weekdays.length === 0) {
    throw new FilterArgumentError(
      '--weekdays',
      '--weekdays is empty; name at least one day, e.g. --weekdays mon,fri.',
    );
  }
  return weekdays.sort((a, b) => a - b);
}

/** `9:00` and `09:00` both read as 09:00; anything else is refused. */
function parseTimeOfWindow(text: string, windowText: string): string {
  const padded = /^\d:\d{2}$/.test(text) ? `0${text}` : text;
  const parts = tryParseWallTime(padded);
  if (!parts) {
    throw new FilterArgumentError(
      '--hours',
      `--hours "${windowText}": "${text}" is not a time of day; write HH:MM-HH:MM between 00:00 and 23:59, e.g. --hours 09:00-12:30.`,
    );
  }
  return formatWallTime(parts);
}

function parseHours(raw: FlagValue): HourWindow[] | undefined {
  const values = valuesOf(raw);
  if (values.length === 0) return undefined;
  const windows: HourWindow[] = [];
  for (const windowText of values.flatMap((value) => value.split(','))) {
    const trimmed = windowText.trim();
    if (trimmed === '') continue;
    // An en dash is what word processors and chat apps turn "-" into when people copy a range.
    const ends = trimmed.split(/\s*[-–]\s*/);
    if (ends.length !== 2) {
      throw new FilterArgumentError(
        '--hours',
        `--hours "${trimmed}" is not a window; write HH:MM-HH:MM, e.g. --hours 09:00-12:30 (22:00-02:00 wraps past midnight).`,
      );
    }
    windows.push({ from: parseTimeOfWindow(ends[0]!, trimmed), to: parseTimeOfWindow(ends[1]!, trimmed) });
  }
  if (windows.length === 0) {
    throw new FilterArgumentError('--hours', '--hours is empty; give a window such as --hours 09:00-12:30.');
  }
  return windows;
}

function parseWithinHours(flags: Record<string, FlagValue>): number | undefined {
  const value = single(flags, 'within-hours');
  if (value === undefined) return undefined;
  const hours = Number(value);
  if (value === '' || !Number.isFinite(hours) || hours <= 0) {
    throw new FilterArgumentError(
      '--within-hours',
      `--within-hours "${value}" is not a positive number of hours, e.g. --within-hours 48.`,
    );
  }
  return hours;
}

/**
 * Reads the filter flags of a parsed command line into a SlotFilter. Keys are flag names without dashes
 * (`from`, `to`, `weekdays`, `hours`, `before`, and `within-hours`); other keys are ignored so a caller can
 * pass everything node:util parseArgs gave it. Throws FilterArgumentError with a one-line message.
 */
export function parseFilterFlags(flags: Record<string, string | string[] | undefined>): SlotFilter {
  const filter: SlotFilter = {};
  const from = parseDayFlag(flags, 'from');
  const to = parseDayFlag(flags, 'to');
  const before = parseDayFlag(flags, 'before');
  const weekdays = parseWeekdays(flags.weekdays);
  const hours = parseHours(flags.hours);
  const withinHours = parseWithinHours(flags);
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  if (weekdays !== undefined) filter.weekdays = weekdays;
  if (hours !== undefined) filter.hours = hours;
  if (before !== undefined) filter.before = before;
  if (withinHours !== undefined) filter.withinHours = withinHours;

  // Each value is well formed by now; what is left are contradictions between flags (from after to…).
  const [problem] = validateFilter(filter);
  if (problem !== undefined) {
    const flag = problem.includes('"before"') ? '--before' : '--from';
    throw new FilterArgumentError(flag, problem.replace(/"(from|to|before)"/g, '--$1'));
  }
  return filter;
}
