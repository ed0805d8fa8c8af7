/** A calendar's history as CSV (RFC 4180): consulate-time date and time with the zone beside them, and ISO instants. */
import { slotInstant, wallClockAt } from '../../../shared/zoned-time';
import type { CalendarHistory } from './calendar-history';
import { isTimedAppearance } from './insight';

export type HistoryCsvKind = 'appearances' | 'checks';

const CRLF = '\r\n';

/** One field: quoted when it holds a comma, a quote or a line break; quotes doubled (RFC 4180 §2.6–2.7). */
export function csvField(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Text from the site (consulate and service names) could start with a formula sign a spreadsheet would run;
 * a leading apostrophe keeps it text (OWASP "CSV injection").
 */
function siteText(text: string | undefined): string | undefined {
  return text !== undefined && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csv(header: string[], rows: (string | number | undefined)[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join(CRLF) + CRLF;
}

function wall(iso: string | undefined, timeZone: string): [string | undefined, string | undefined] {
  if (!iso) return [undefined, undefined];
  const clock = wallClockAt(new Date(iso), timeZone);
  return [clock.date, clock.time];
}

/** One row per appearance episode (oldest first), or one per check. */
export function historyCsv(history: CalendarHistory, kind: HistoryCsvKind = 'appearances'): string {
  const zone = history.timeZone ?? history.episodes[0]?.timeZone ?? 'UTC';
  const consulate = siteText(history.consulate);
  const service = siteText(history.service);
  if (kind === 'checks') {
    return csv(
      ['consulate', 'service', 'date', 'time', 'time_zone', 'checked_at', 'status', 'slot_count'],
      history.checks.map((c) => [consulate, service, ...wall(c.at, zone), zone, c.at, c.status, c.slotCount]),
    );
  }
  return csv(
    [
      'consulate',
      'service',
      'slot_date',
      'slot_time',
      'time_zone',
      'slot_starts_at',
      'capacity',
      'first_seen_date',
      'first_seen_time',
      'first_seen_at',
      'last_seen_date',
      'last_seen_time',
      'last_seen_at',
      'ended_at',
      'end',
      'minutes_free',
      'appearance_time_known',
    ],
    history.episodes.map((e) => {
      const endMs = Date.parse(e.end === 'gone' ? (e.endedAt ?? e.lastSeenAt) : e.lastSeenAt);
      const timed = isTimedAppearance(e);
      return [
        consulate,
        service,
        e.date,
        e.time,
        e.timeZone,
        slotInstant(e).toISOString(),
        e.capacity,
        ...wall(e.firstSeenAt, e.timeZone),
        e.firstSeenAt,
        ...wall(e.lastSeenAt, e.timeZone),
        e.lastSeenAt,
        e.endedAt,
        e.end,
        Math.round((endMs - Date.parse(e.firstSeenAt)) / 6_000) / 10,
        timed ? 'yes' : 'no',
      ];
    }),
  );
}
