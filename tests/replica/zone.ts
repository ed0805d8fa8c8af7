// Calendar arithmetic in a team's IANA zone: "what day and time is it there", via Intl only.

/** A calendar day `YYYY-MM-DD` and a wall time in one zone. */
export interface ZonedMoment {
  date: string;
  time: string;
  hour: number;
  minute: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The day and wall time in `timeZone` at the instant `epochMs`. */
export function zonedMoment(epochMs: number, timeZone: string): ZonedMoment {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) parts[part.type] = part.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  return {
    date,
    time: `${pad(hour)}:${pad(minute)}`,
    hour,
    minute,
    weekday: weekdayOf(date),
  };
}

/** Today's calendar day in `timeZone`. */
export function zonedToday(epochMs: number, timeZone: string): string {
  return zonedMoment(epochMs, timeZone).date;
}

function splitDay(day: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`not a calendar day: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Pure calendar arithmetic: UTC fields are only used as a proleptic calendar, never as an instant. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = splitDay(day);
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = splitDay(day);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  const shifted = new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay)));
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** ISO weekday of a calendar day (1 = Monday … 7 = Sunday). */
export function weekdayOf(day: string): number {
  const [y, m, d] = splitDay(day);
  const sundayFirst = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return sundayFirst === 0 ? 7 : sundayFirst;
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The zone's UTC offset in minutes at an instant (e.g. -240 for EDT). */
export function offsetMinutes(epochMs: number, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(epochMs)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The instant at which the wall clock in `timeZone` shows `day time` (first one if ambiguous). */
export function zonedInstant(day: string, time: string, timeZone: string): number {
  const [y, m, d] = splitDay(day);
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  // Two passes settle the offset on both sides of a transition.
  let guess = asUtc - offsetMinutes(asUtc, timeZone) * 60_000;
  guess = asUtc - offsetMinutes(guess, timeZone) * 60_000;
  return guess;
}

/** Days in [from, to] on which the zone's offset changes (DST transitions), for scenario building. */
export function offsetChangeDays(from: string, to: string, timeZone: string): string[] {
  return daysBetween(from, to).filter(
    (day) =>
      offsetMinutes(zonedInstant(day, '00:00', timeZone), timeZone) !==
      offsetMinutes(zonedInstant(addDays(day, 1), '00:00', timeZone), timeZone),
  );
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
