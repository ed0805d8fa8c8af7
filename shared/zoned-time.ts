/** Calendar days and wall-clock times in a named IANA zone, computed without the machine's own zone. */
import type { CalendarDay, Slot, WallTime, Weekday } from './model';

// Why no `new Date('YYYY-MM-DD')` and no local getters (getDate, getHours, getDay…) anywhere here:
// the first is UTC midnight, the second read the machine's zone; both shift a day for half the planet (case T2).
// Day arithmetic is pure integer arithmetic; zone lookups go through Intl with an explicit `timeZone`.

const CALENDAR_DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME_PATTERN = /^(\d{2}):(\d{2})$/;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

export interface CalendarDayParts {
  year: number;
  /** 1 = January … 12 = December. */
  month: number;
  day: number;
}

export interface WallTimeParts {
  hour: number;
  minute: number;
}

/** A date and a time as read on a wall clock somewhere, without saying where. */
export interface WallClock {
  date: CalendarDay;
  time: WallTime;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parts of a real calendar day, or `undefined` for anything else (bad shape, 2026-02-30, month 13…). */
export function tryParseCalendarDay(text: string): CalendarDayParts | undefined {
  const match = CALENDAR_DAY_PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isCalendarDay(text: string): boolean {
  return tryParseCalendarDay(text) !== undefined;
}

/** Parts of a `YYYY-MM-DD` day; throws a RangeError naming the bad value. */
export function parseCalendarDay(text: string): CalendarDayParts {
  const parts = tryParseCalendarDay(text);
  if (!parts) throw new RangeError(`"${text}" is not a calendar day (expected YYYY-MM-DD, e.g. 2026-07-03)`);
  return parts;
}

/** Parts of a `HH:MM` time (00:00 … 23:59), or `undefined`. */
export function tryParseWallTime(text: string): WallTimeParts | undefined {
  const match = WALL_TIME_PATTERN.exec(text);
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

export function isWallTime(text: string): boolean {
  return tryParseWallTime(text) !== undefined;
}

/** Parts of a `HH:MM` time; throws a RangeError naming the bad value. */
export function parseWallTime(text: string): WallTimeParts {
  const parts = tryParseWallTime(text);
  if (!parts) throw new RangeError(`"${text}" is not a time of day (expected HH:MM between 00:00 and 23:59)`);
  return parts;
}

/** Minutes since midnight on the wall clock: 00:00 → 0, 23:59 → 1439. */
export function minutesOfDay(time: WallTime): number {
  const { hour, minute } = parseWallTime(time);
  return hour * 60 + minute;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export function formatCalendarDay({ year, month, day }: CalendarDayParts): CalendarDay {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function formatWallTime({ hour, minute }: WallTimeParts): WallTime {
  return `${pad(hour)}:${pad(minute)}`;
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil), integers only.
function daysFromCivil({ year, month, day }: CalendarDayParts): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(epochDay: number): CalendarDayParts {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days since 1970-01-01 for a calendar day; handy for ranges and differences. */
export function epochDayOf(day: CalendarDay): number {
  return daysFromCivil(parseCalendarDay(day));
}

export function calendarDayFromEpochDay(epochDay: number): CalendarDay {
  return formatCalendarDay(civilFromDays(epochDay));
}

/** ISO weekday of a calendar day (1 = Monday … 7 = Sunday). A day has one weekday in every zone. */
export function weekdayOf(day: CalendarDay): Weekday {
  // 1970-01-01 was a Thursday (ISO 4).
  const mondayBased = (((epochDayOf(day) + 3) % 7) + 7) % 7;
  return (mondayBased + 1) as Weekday;
}

export function addDays(day: CalendarDay, count: number): CalendarDay {
  if (!Number.isInteger(count)) throw new RangeError(`addDays needs a whole number of days, got ${count}`);
  return calendarDayFromEpochDay(epochDayOf(day) + count);
}

/** Negative when `a` is earlier, 0 when equal, positive when later. */
export function compareCalendarDays(a: CalendarDay, b: CalendarDay): number {
  return epochDayOf(a) - epochDayOf(b);
}

/** Every day from `start` to `end`, both included; empty when `end` is before `start`. */
export function daysBetweenInclusive(start: CalendarDay, end: CalendarDay): CalendarDay[] {
  const first = epochDayOf(start);
  const last = epochDayOf(end);
  const days: CalendarDay[] = [];
  for (let epochDay = first; epochDay <= last; epochDay += 1) days.push(calendarDayFromEpochDay(epochDay));
  return days;
}

const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallClockFormatters.get(timeZone);
  if (!formatter) {
    // h23 rather than hour12:false: some ICU versions print midnight as "24" with the latter.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
    wallClockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a zone name Intl knows (`Europe/Paris`, `UTC`…); false for typos. */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0) return false;
  try {
    wallClockFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface FullWallClock extends CalendarDayParts, WallTimeParts {
  second: number;
}

function fullWallClockAt(instantMs: number, timeZone: string): FullWallClock {
  const fields: Record<string, string> = {};
  for (const part of wallClockFormatter(timeZone).formatToParts(instantMs)) fields[part.type] = part.value;
  const yearOfEra = Number(fields.year);
  // Years before 1 CE come out as "BC" eras; astronomical numbering keeps the arithmetic continuous.
  const year = fields.era === 'BC' || fields.era === 'B' ? 1 - yearOfEra : yearOfEra;
  return {
    year,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour) % 24,
    minute: Number(fields.minute),
    second: Number(fields.second),
  };
}

/** The date and time a wall clock in `timeZone` shows at `instant`. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const clock = fullWallClockAt(instant.getTime(), timeZone);
  return { date: formatCalendarDay(clock), time: formatWallTime(clock) };
}

/** Today's calendar day in `timeZone` at `instant` (not the machine's today). */
export function todayInZone(timeZone: string, instant: Date): CalendarDay {
  return wallClockAt(instant, timeZone).date;
}

/** Offset of `timeZone` from UTC at an instant, in milliseconds (Paris in summer: +7_200_000). */
function offsetMsAt(instantMs: number, timeZone: string): number {
  const flooredMs = Math.floor(instantMs / 1000) * 1000;
  const clock = fullWallClockAt(flooredMs, timeZone);
  const wallAsUtcMs =
    daysFromCivil(clock) * MS_PER_DAY + ((clock.hour * 60 + clock.minute) * 60 + clock.second) * 1000;
  return wallAsUtcMs - flooredMs;
}

/** How a wall clock reading maps to instants around a DST change. */
export type WallClockKind = 'unique' | 'skipped' | 'repeated';

export interface ZonedInstant {
  instant: Date;
  /** `skipped`: the time does not exist that day (clocks jumped over it); `repeated`: it happens twice. */
  kind: WallClockKind;
}

/**
 * The UTC instant of `date time` on a wall clock in `timeZone`, saying whether DST made it ambiguous.
 *
 * DST choices (the same as Temporal's default `disambiguation: 'compatible'`, and as most calendars do):
 * - skipped hour (spring forward, e.g. London 2027-03-28 01:30): read with the offset in force just before
 *   the jump, which lands the same distance after it (01:30 → 02:30 BST). A slot the site shows there is kept,
 *   not dropped, and it never moves to an earlier instant than the clocks allow.
 * - repeated hour (fall back, e.g. Montreal 2026-11-01 01:30): the earlier of the two instants (still in
 *   daylight time), so "within N hours" never waits past the first time that wall clock is shown.
 */
export function resolveZonedDateTime(date: CalendarDay, time: WallTime, timeZone: string): ZonedInstant {
  const wallAsUtcMs = epochDayOf(date) * MS_PER_DAY + minutesOfDay(time) * MS_PER_MINUTE;
  // Offsets a day either side bracket any single transition near this wall time.
  const offsetBefore = offsetMsAt(wallAsUtcMs - MS_PER_DAY, timeZone);
  const offsetAfter = offsetMsAt(wallAsUtcMs + MS_PER_DAY, timeZone);
  const candidates = [...new Set([wallAsUtcMs - offsetBefore, wallAsUtcMs - offsetAfter])]
    .filter((instantMs) => instantMs + offsetMsAt(instantMs, timeZone) === wallAsUtcMs)
    .sort((a, b) => a - b);
  const [earliest] = candidates;
  if (earliest !== undefined) {
    return { instant: new Date(earliest), kind: candidates.length > 1 ? 'repeated' : 'unique' };
  }
  return { instant: new Date(wallAsUtcMs - offsetBefore), kind: 'skipped' };
}

/** The UTC instant of `date time` in `timeZone`; see resolveZonedDateTime for the DST choices. */
export function zonedDateTimeToInstant(date: CalendarDay, time: WallTime, timeZone: string): Date {
  return resolveZonedDateTime(date, time, timeZone).instant;
}

/** The instant a slot starts. */
export function slotInstant(slot: Pick<Slot, 'date' | 'time' | 'timeZone'>): Date {
  return zonedDateTimeToInstant(slot.date, slot.time, slot.timeZone);
}

export type DisplayLanguage = 'fr' | 'en';

// Fixed names rather than Intl weekday output: ICU versions differ ("ven." vs "ven"), display must not.
const WEEKDAY_NAMES: Record<DisplayLanguage, readonly string[]> = {
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  fr: ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'],
};
const MONTH_NAMES: Record<DisplayLanguage, readonly string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  fr: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
};
const YOUR_TIME: Record<DisplayLanguage, string> = { en: 'your time', fr: 'chez vous' };

/** The city of an IANA zone as people say it: `America/Argentina/Buenos_Aires` → `Buenos Aires`. */
export function zoneCityName(timeZone: string): string {
  const last = timeZone.split('/').pop() ?? timeZone;
  return last.replace(/_/g, ' ');
}

export interface SlotDisplayOptions {
  /** The zone of the person reading (their machine's or their setting). */
  userTimeZone: string;
  language: DisplayLanguage;
  /** Shown in brackets after the consulate time; defaults to the zone's city (`Montreal`). */
  consulateLabel?: string;
  /** Adds the day of month and month (`Fri 3 Jul 23:30`); off keeps the short form. */
  withDate?: boolean;
}

function formatWallClock(clock: WallClock, language: DisplayLanguage, withDate: boolean): string {
  const weekdayName = WEEKDAY_NAMES[language][weekdayOf(clock.date) - 1];
  if (!withDate) return `${weekdayName} ${clock.time}`;
  const { month, day } = parseCalendarDay(clock.date);
  return `${weekdayName} ${day} ${MONTH_NAMES[language][month - 1]} ${clock.time}`;
}

/**
 * A slot in consulate time, with the same instant on the user's clock beside it when the two clocks differ:
 * `Fri 23:30 (Montreal) — Sat 05:30 your time`, `ven. 23:30 (Montreal) — sam. 05:30 chez vous`.
 */
export function formatSlotForDisplay(slot: Slot, options: SlotDisplayOptions): string {
  const withDate = options.withDate ?? false;
  const label = options.consulateLabel ?? zoneCityName(slot.timeZone);
  const consulateText = `${formatWallClock(slot, options.language, withDate)} (${label})`;
  const userClock = wallClockAt(slotInstant(slot), options.userTimeZone);
  if (userClock.date === slot.date && userClock.time === slot.time) return consulateText;
  return `${consulateText} — ${formatWallClock(userClock, options.language, withDate)} ${YOUR_TIME[options.language]}`;
}
