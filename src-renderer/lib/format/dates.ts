/** Words for days and instants in the window's language: consulate days by name, app events on the user's clock. */
import type { CalendarDay } from '../../../shared/model';
import { parseCalendarDay, wallClockAt, weekdayOf } from '../../../shared/zoned-time';
import type { MessageKey } from '../i18n/en';
import type { MessageParams } from '../i18n/translate';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** `Friday 3 July` / `vendredi 3 juillet`, from the day's own digits (no Date, no machine zone). */
export function dayHeading(day: CalendarDay, t: Translate): string {
  const { day: dayOfMonth, month } = parseCalendarDay(day);
  return t('date.dayHeading', {
    weekday: t(`weekdayLong.${weekdayOf(day)}` as MessageKey),
    day: dayOfMonth,
    month: t(`month.${month}` as MessageKey),
  });
}

export function shortWeekday(day: CalendarDay, t: Translate): string {
  return t(`weekday.${weekdayOf(day)}` as MessageKey);
}

/**
 * An instant of the app's own life (last check, next check) on the user's clock: `14:02` today, else
 * `Fri 14:02`, with how far it is from now: `14:05 (in 3 min)`.
 */
export function describeInstant(
  iso: string | undefined,
  context: { now: Date; userTimeZone: string; t: Translate; upcoming?: boolean },
): string {
  const { now, userTimeZone, t } = context;
  if (iso === undefined) return t('status.never');
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return t('status.never');
  const clock = wallClockAt(instant, userTimeZone);
  const today = wallClockAt(now, userTimeZone).date;
  const time = clock.date === today ? clock.time : `${shortWeekday(clock.date, t)} ${clock.time}`;
  const deltaMs = instant.getTime() - now.getTime();
  // A next check whose time has passed is simply about to run (jitter, site spacing): no "ago" for it.
  if (context.upcoming && deltaMs <= 0) return t('time.dueNow');
  const minutes = Math.round(Math.abs(deltaMs) / 60_000);
  let relative: string;
  if (deltaMs > 0) {
    relative = deltaMs < 45_000 ? t('time.inSeconds') : t('time.inMinutes', { count: Math.max(1, minutes) });
  } else {
    relative = deltaMs > -45_000 ? t('time.justNow') : t('time.minutesAgo', { count: minutes });
  }
  // Beyond an hour the clock time says enough; a count of minutes would only be noise.
  if (Math.abs(deltaMs) >= 60 * 60_000) return t('time.at', { time });
  return `${t('time.at', { time })} (${relative})`;
}

/** The user's IANA zone, as the operating system reports it to the page. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
