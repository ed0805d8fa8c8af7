/** Turns one check outcome into what the `check` command prints: a JSON object or lines for a person. */
import type { CheckOutcome, Slot, SlotFilter } from '../../shared/model';
import { isConclusive } from '../../shared/model';
import { slotMatches } from '../../shared/filters';

export interface ReportedSlot {
  date: string;
  time: string;
  capacity: number;
  matches: boolean;
}

export interface CheckReport {
  status: CheckOutcome['status'];
  reason: string;
  consulate: string | null;
  service: string | null;
  timeZone: string | null;
  checkedAt: string;
  bookingUrl: string;
  slots: ReportedSlot[];
  /** How many of `slots` match the filter: `status` speaks of the calendar, this of what the person wants. */
  matching: number;
  unknownDays: string[];
  retryAfterSeconds?: number;
  missing?: string;
}

/** Exit codes of the CLI: the check concluded, could not conclude, or the input was bad. */
export const EXIT_CONCLUDED = 0;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INCONCLUSIVE = 3;

export function exitCodeFor(outcome: CheckOutcome): number {
  return isConclusive(outcome.status) ? EXIT_CONCLUDED : EXIT_INCONCLUSIVE;
}

function bySlotStart(a: Slot, b: Slot): number {
  // Same zone for every slot of one check, so (date, time) order is start order.
  return a.date === b.date ? a.time.localeCompare(b.time) : a.date.localeCompare(b.date);
}

export function buildCheckReport(
  outcome: CheckOutcome,
  filter: SlotFilter,
  now: Date,
  fallbackBookingUrl: string,
): CheckReport {
  const slots = [...outcome.slots].sort(bySlotStart).map((slot) => ({
    date: slot.date,
    time: slot.time,
    capacity: slot.capacity,
    matches: slotMatches(slot, filter, now),
  }));
  return {
    status: outcome.status,
    reason: outcome.reason,
    consulate: outcome.target?.consulate ?? null,
    service: outcome.target?.service ?? null,
    timeZone: outcome.target?.timeZone ?? null,
    checkedAt: outcome.checkedAt,
    bookingUrl: outcome.target?.bookingUrl ?? fallbackBookingUrl,
    slots,
    matching: slots.filter((slot) => slot.matches).length,
    unknownDays: outcome.unknownDays,
    ...(outcome.retryAfterMs !== undefined
      ? { retryAfterSeconds: Math.ceil(outcome.retryAfterMs / 1000) }
      : {}),
    ...(outcome.missing !== undefined ? { missing: outcome.missing } : {}),
  };
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Weekday of a calendar day by pure arithmetic, so the machine's zone never shifts it (case T2). */
export function weekdayName(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utcDay = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return WEEKDAY_NAMES[(utcDay + 6) % 7]!;
}

/** Lines for a person: slots grouped by day in consulate time, matches marked with `*` when a filter is set. */
export function formatCheckReport(report: CheckReport, filtered = true): string[] {
  const lines: string[] = [];
  const where = [report.consulate, report.service].filter(Boolean).join(' · ');
  if (where) lines.push(`${where}${report.timeZone ? ` (times in ${report.timeZone})` : ''}`);
  lines.push(`${report.status}: ${report.reason}`);
  if (report.slots.length > 0) {
    lines.push(
      filtered
        ? `${report.slots.length} free slot(s), ${report.matching} matching your filter (marked *).`
        : `${report.slots.length} free slot(s) (no filter: all marked *).`,
    );
    let day = '';
    for (const slot of report.slots) {
      if (slot.date !== day) {
        day = slot.date;
        lines.push('', `${weekdayName(day)} ${day}`);
      }
      const places = slot.capacity === 1 ? '1 place' : `${slot.capacity} places`;
      lines.push(`  ${slot.matches ? '*' : ' '} ${slot.time}  ${places}`);
    }
  }
  if (report.unknownDays.length > 0) {
    lines.push(
      '',
      `Could not read ${report.unknownDays.length} day(s), so they are unknown: ${report.unknownDays.join(', ')}`,
    );
  }
  lines.push('', `Book on the official page: ${report.bookingUrl}`);
  return lines;
}
