/** Which days a conclusive check actually read: a slot is only "gone" from a day the check looked at. */
import { daysThatCanMatch } from '../../../shared/filters';
import { isConclusive } from '../../../shared/model';
import type { CalendarDay, CheckOutcome, SlotFilter } from '../../../shared/model';
import { compareCalendarDays } from '../../../shared/zoned-time';

/**
 * The provider asks only for days of the bookable window that can match the watch's filter, and a failed day
 * is unknown; so a slot missing from a day outside that set says nothing (unknown is not empty). Without an
 * announced window, only a "no slots" verdict (the whole calendar is empty) or a day that was read counts.
 * `withinHours` is judged at the outcome's `checkedAt`, a few seconds after the provider judged it.
 */
export function coveredDay(outcome: CheckOutcome, filter: SlotFilter): (day: CalendarDay) => boolean {
  if (!isConclusive(outcome.status)) return () => false;
  const unknown = new Set(outcome.unknownDays);
  const read = new Set(outcome.slots.map((slot) => slot.date));
  const timeZone = outcome.target?.timeZone ?? outcome.slots[0]?.timeZone;
  const now = new Date(outcome.checkedAt);
  const window = outcome.window;
  return (day) => {
    if (unknown.has(day)) return false;
    if (window) {
      if (compareCalendarDays(day, window.start) < 0 || compareCalendarDays(day, window.end) > 0)
        return false;
    } else if (outcome.status !== 'no-slots' && !read.has(day)) return false;
    if (!timeZone) return read.has(day);
    return daysThatCanMatch({ start: day, end: day }, filter, now, timeZone).length === 1;
  };
}
