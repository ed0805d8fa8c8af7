/** Quiet hours on the user's clock: is an instant inside the window, and when does the window end. */
import type { QuietHours } from '../../../shared/alert-settings';
import { addDays, minutesOfDay, wallClockAt, zonedDateTimeToInstant } from '../../../shared/zoned-time';

/** True when `instant` falls inside `quiet` (from included, to excluded) on a clock in `timeZone`. */
export function isQuietAt(quiet: QuietHours | null, instant: Date, timeZone: string): boolean {
  if (!quiet) return false;
  const now = minutesOfDay(wallClockAt(instant, timeZone).time);
  const from = minutesOfDay(quiet.from);
  const to = minutesOfDay(quiet.to);
  if (from === to) return false;
  // from > to wraps past midnight: 22:00–07:00 is quiet from 22:00 to 23:59 and from 00:00 to 06:59.
  return from < to ? now >= from && now < to : now >= from || now < to;
}

/** The first instant after `instant` at which the wall clock in `timeZone` reads `quiet.to`. */
export function quietEndsAfter(quiet: QuietHours, instant: Date, timeZone: string): Date {
  const today = wallClockAt(instant, timeZone).date;
  for (const day of [today, addDays(today, 1), addDays(today, 2)]) {
    // Through zonedDateTimeToInstant, so an end inside a DST gap still lands on a real instant.
    const end = zonedDateTimeToInstant(day, quiet.to, timeZone);
    if (end.getTime() > instant.getTime()) return end;
  }
  return new Date(instant.getTime() + 86_400_000);
}
