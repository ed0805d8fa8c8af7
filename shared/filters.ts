/** Whether a slot matches a person's filter, and which days of a calendar could, all in the consulate's zone. */
import type { CalendarDay, HourWindow, Slot, SlotFilter, WallTime, Weekday } from './model';
import {
  daysBetweenInclusive,
  epochDayOf,
  isCalendarDay,
  isWallTime,
  minutesOfDay,
  slotInstant,
  weekdayOf,
  zonedDateTimeToInstant,
} from './zoned-time';

const MS_PER_HOUR = 3_600_000;
/** A bookable window longer than this is a misread, not a calendar; refuse rather than loop for ages. */
const MAX_WINDOW_DAYS = 3_660;

/** Both ends inclusive; `from > to` wraps past midnight (22:00–02:00 holds 23:30 and 01:00). */
export function timeInWindow(time: WallTime, window: HourWindow): boolean {
  const minute = minutesOfDay(time);
  const from = minutesOfDay(window.from);
  const to = minutesOfDay(window.to);
  return from <= to ? minute >= from && minute <= to : minute >= from || minute <= to;
}

/** Latest instant a slot may start under `withinHours`: now + N hours exactly, not a count of days (case T1). */
export function withinHoursDeadline(now: Date, withinHours: number): Date {
  return new Date(now.getTime() + withinHours * MS_PER_HOUR);
}

// The day-level rules shared by slotMatches and daysThatCanMatch, so the two can never disagree.
function dayPassesCalendarRules(day: CalendarDay, filter: SlotFilter): boolean {
  const epochDay = epochDayOf(day);
  if (filter.from !== undefined && epochDay < epochDayOf(filter.from)) return false;
  // `to` counts its whole day: compared as days, a 23:45 slot on the last day is inside (case T1).
  if (filter.to !== undefined && epochDay > epochDayOf(filter.to)) return false;
  if (filter.before !== undefined && epochDay >= epochDayOf(filter.before)) return false;
  // An empty weekday list means "no weekday rule", like an absent one; validateFilter reports it as a mistake.
  if (
    filter.weekdays !== undefined &&
    filter.weekdays.length > 0 &&
    !filter.weekdays.includes(weekdayOf(day))
  ) {
    return false;
  }
  return true;
}

/**
 * Does this slot match this filter? Every rule reads the slot's own date and time in its consulate's zone,
 * whatever zone the machine is in (cases T2, T3); only `withinHours` compares instants.
 */
export function slotMatches(slot: Slot, filter: SlotFilter, now: Date): boolean {
  if (!dayPassesCalendarRules(slot.date, filter)) return false;
  // An empty window list means "any hour", like an absent one.
  if (filter.hours !== undefined && filter.hours.length > 0) {
    if (!filter.hours.some((window) => timeInWindow(slot.time, window))) return false;
  }
  if (filter.withinHours !== undefined) {
    if (slotInstant(slot).getTime() > withinHoursDeadline(now, filter.withinHours).getTime()) return false;
  }
  return true;
}

/** The slots of a list that match, in their original order. */
export function matchingSlots(slots: readonly Slot[], filter: SlotFilter, now: Date): Slot[] {
  return slots.filter((slot) => slotMatches(slot, filter, now));
}

/**
 * The days of a bookable window (both ends included) that could hold a matching slot, so the adapter asks the
 * site only for those (politeness rule). Date range, weekdays, `before` and `withinHours` can rule a day out;
 * hour windows cannot, since every day has every hour. `timeZone` is the consulate's.
 */
export function daysThatCanMatch(
  window: { start: CalendarDay; end: CalendarDay },
  filter: SlotFilter,
  now: Date,
  timeZone: string,
): CalendarDay[] {
  const span = epochDayOf(window.end) - epochDayOf(window.start) + 1;
  if (span > MAX_WINDOW_DAYS) {
    throw new RangeError(
      `The bookable window ${window.start}…${window.end} spans ${span} days; refusing to list it`,
    );
  }
  const deadlineMs =
    filter.withinHours === undefined ? undefined : withinHoursDeadline(now, filter.withinHours).getTime();
  return daysBetweenInclusive(window.start, window.end).filter((day) => {
    if (!dayPassesCalendarRules(day, filter)) return false;
    // A day whose first minute is already past the deadline cannot hold a slot before it.
    if (deadlineMs !== undefined && zonedDateTimeToInstant(day, '00:00', timeZone).getTime() > deadlineMs) {
      return false;
    }
    return true;
  });
}

const WEEKDAY_VALUES: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** Problems with a filter, each one sentence a person can act on; empty when the filter is usable. */
export function validateFilter(filter: SlotFilter): string[] {
  const errors: string[] = [];
  const checkDay = (name: string, value: CalendarDay | undefined): boolean => {
    if (value === undefined) return false;
    if (isCalendarDay(value)) return true;
    errors.push(
      `"${name}" must be a real calendar day written YYYY-MM-DD (e.g. 2026-07-03), got "${value}".`,
    );
    return false;
  };
  const fromIsDay = checkDay('from', filter.from);
  const toIsDay = checkDay('to', filter.to);
  const beforeIsDay = checkDay('before', filter.before);
  if (fromIsDay && toIsDay && epochDayOf(filter.from!) > epochDayOf(filter.to!)) {
    errors.push(`"from" (${filter.from}) is after "to" (${filter.to}); no day can match.`);
  }
  if (fromIsDay && beforeIsDay && epochDayOf(filter.before!) <= epochDayOf(filter.from!)) {
    errors.push(`"before" (${filter.before}) must be later than "from" (${filter.from}); no day can match.`);
  }
  if (filter.weekdays !== undefined) {
    if (filter.weekdays.length === 0) {
      errors.push('"weekdays" is empty; pick at least one day, or leave it out to accept every day.');
    }
    for (const weekday of filter.weekdays) {
      if (!WEEKDAY_VALUES.includes(weekday)) {
        errors.push(`"${String(weekday)}" is not a weekday; use 1 (Monday) to 7 (Sunday).`);
      }
    }
  }
  if (filter.hours !== undefined) {
    if (filter.hours.length === 0) {
      errors.push('"hours" is empty; give at least one window such as 09:00-12:00, or leave it out.');
    }
    for (const window of filter.hours) {
      for (const end of [window?.from, window?.to]) {
        if (typeof end !== 'string' || !isWallTime(end)) {
          errors.push(`"${String(end)}" is not a time of day; write HH:MM between 00:00 and 23:59.`);
        }
      }
    }
  }
  if (filter.withinHours !== undefined) {
    if (!Number.isFinite(filter.withinHours) || filter.withinHours <= 0) {
      errors.push(`"withinHours" must be a positive number of hours, got ${String(filter.withinHours)}.`);
    }
  }
  return errors;
}

/** Throws a RangeError listing every problem; for callers that cannot go on with a bad filter. */
export function assertValidFilter(filter: SlotFilter): void {
  const errors = validateFilter(filter);
  if (errors.length > 0) throw new RangeError(errors.join(' '));
}
