/** Pure: where a calendar's history says slots appear after its daily opening, as extra-check hints for the release plan. */
import type { ReleaseSchedule } from '../../shared/model';
import { addDays, todayInZone, zonedDateTimeToInstant } from '../../shared/zoned-time';
import type { CalendarHistory } from './history/calendar-history';
import { isTimedAppearance } from './history/insight';
import { isUsableRelease, RELEASE_FOLLOW_UPS_MS } from './release-plan';
import type { ExtraCheckHint } from './release-plan';

// The rule. Each timed appearance (insight.ts) says the slot appeared in (previous check, first seen], which we
// read as offsets after the opening that started its cycle, in consulate time (so DST does not shift them).
// Several slots of one drop share one interval, so each cycle counts once. The hint is the earliest instant
// that on the most cycles was already after the appearance: where the most cycles' intervals overlap, its end
// (the earliest check that would have caught all of them). Those cycles are then set aside and the next hint is
// sought the same way, up to K. As data accrues, checks placed there narrow the intervals, and the hint moves
// towards the true minute.

/** Hints per cycle: each costs one spread check, so a few at most. */
export const DEFAULT_MAX_HINTS = 2;
/** Too little to go on below this: a coincidence would move checks. */
export const MIN_TIMED_APPEARANCES = 5;
export const MIN_DAYS_WITH_APPEARANCES = 3;
/** A hint rests on appearances on at least this many cycles, and on at least this share of the days with any. */
export const MIN_SUPPORTING_CYCLES = 2;
export const MIN_SUPPORTING_SHARE = 0.25;
/** Only recent weeks count: a service's habits change. Measured back from the history's last check. */
export const DEFAULT_LOOKBACK_MS = 28 * 86_400_000;
/**
 * The release check and its follow-ups already cover the first minutes after the opening: an appearance caught
 * there needs no hint, and a hint there would only duplicate an anchor.
 */
export const RELEASE_COVERED_MS = Math.max(...RELEASE_FOLLOW_UPS_MS) + 60_000;

export interface ReleaseHintOptions {
  maxHints?: number;
  lookbackMs?: number;
}

/** One cycle's appearance interval, as offsets (ms) after its opening: the slot appeared in (from, to]. */
interface Interval {
  cycle: string;
  from: number;
  to: number;
}

/** The opening at or before `instant`, on the consulate's calendar. */
function openingAtOrBefore(release: ReleaseSchedule, instant: number): number {
  const today = todayInZone(release.timeZone, new Date(instant));
  const openingOn = (day: string) => zonedDateTimeToInstant(day, release.opening, release.timeZone).getTime();
  const todays = openingOn(today);
  return todays <= instant ? todays : openingOn(addDays(today, -1));
}

/** The hints for this calendar, earliest first; none when the history is too thin or shows no recurring time. */
export function releaseHintsFromHistory(
  history: CalendarHistory,
  release: ReleaseSchedule,
  options: ReleaseHintOptions = {},
): ExtraCheckHint[] {
  const maxHints = options.maxHints ?? DEFAULT_MAX_HINTS;
  if (!isUsableRelease(release) || maxHints <= 0) return [];
  const lastCheck = history.checks.at(-1)?.at ?? history.episodes.at(-1)?.firstSeenAt;
  if (lastCheck === undefined) return [];
  const since = Date.parse(lastCheck) - (options.lookbackMs ?? DEFAULT_LOOKBACK_MS);
  const timed = history.episodes.filter((e) => isTimedAppearance(e) && Date.parse(e.firstSeenAt) >= since);
  const days = new Set(timed.map((e) => todayInZone(release.timeZone, new Date(e.firstSeenAt))));
  if (timed.length < MIN_TIMED_APPEARANCES || days.size < MIN_DAYS_WITH_APPEARANCES) return [];

  const byKey = new Map<string, Interval>();
  for (const e of timed) {
    const seen = Date.parse(e.firstSeenAt);
    const opening = openingAtOrBefore(release, seen);
    // Straddling the opening: the slot came with it or after it, never before the cycle began.
    const interval = {
      cycle: String(opening),
      from: Math.max(0, Date.parse(e.appearedAfter!) - opening),
      to: seen - opening,
    };
    if (interval.to <= RELEASE_COVERED_MS) continue;
    byKey.set(`${interval.cycle}|${interval.from}|${interval.to}`, interval);
  }
  const minSupport = Math.max(MIN_SUPPORTING_CYCLES, Math.ceil(MIN_SUPPORTING_SHARE * days.size));
  let left = [...byKey.values()];
  const hints: number[] = [];
  while (hints.length < maxHints) {
    const best = deepestEnd(left);
    if (!best || best.cycles < minSupport) break;
    hints.push(best.at); // past RELEASE_COVERED_MS: every interval left ends there or later
    left = left.filter((i) => !(i.from < best.at && best.at <= i.to));
  }
  return hints.sort((a, b) => a - b).map((afterOpeningMs) => ({ afterOpeningMs }));
}

/**
 * The offset lying inside the intervals of the most distinct cycles, taken at the end of that deepest stretch;
 * ties go to the earliest stretch.
 */
function deepestEnd(intervals: Interval[]): { at: number; cycles: number } | undefined {
  // Candidate points: every interval end. The depth can only drop just after one, so the deepest stretch ends at one.
  let best: { at: number; cycles: number } | undefined;
  const ends = [...new Set(intervals.map((i) => i.to))].sort((a, b) => a - b);
  for (const at of ends) {
    const cycles = new Set(intervals.filter((i) => i.from < at && at <= i.to).map((i) => i.cycle)).size;
    if (!best || cycles > best.cycles) best = { at, cycles };
  }
  return best;
}
