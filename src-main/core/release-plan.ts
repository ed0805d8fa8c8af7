/** Pure release-aware planning: where a watch's next check goes so it is there just after its service opens a new day, within the plain-interval budget. */
import type { ReleaseSchedule } from '../../shared/model';
import {
  addDays,
  isValidTimeZone,
  todayInZone,
  tryParseWallTime,
  zonedDateTimeToInstant,
} from '../../shared/zoned-time';
import { JITTER_FRACTION } from './scheduler';

// The plan is drawn per release cycle, from one opening to the next (23, 24 or 25 hours with DST). A cycle holds
// at most floor(cycle / interval) checks, what the plain interval would make in the same time: a few anchors
// just after the opening, then the rest spread evenly up to the next opening. Each planned point is used at
// most once, so jitter and late checks can only lower the count, never raise it.

/** The first check after an opening: late enough for the new day to be there, early enough to be first. */
export const RELEASE_CHECK_DELAY_MS = 5_000;
/** The first check is jittered forward only, within this: it lands in [opening + 5 s, opening + 10 s). */
export const RELEASE_CHECK_SPREAD_MS = 5_000;
/** An anchor other than the release check moves forward by a fifth of its distance from the last, at most this. */
export const ANCHOR_MAX_SPREAD_MS = 60_000;
/** Follow-ups after the opening, for a publication that lags or a second batch (then the normal spread). */
export const RELEASE_FOLLOW_UPS_MS: readonly number[] = [60_000, 180_000];

/**
 * Where history (issue "Insight") says slots tend to appear, as a delay after the opening. Each hint becomes one
 * more anchor of the cycle, paid for by one fewer spread check: the budget stays the same.
 */
export interface ExtraCheckHint {
  afterOpeningMs: number;
}

export interface ReleasePlanInput {
  /** Epoch ms the last check finished: the next check starts strictly later (and a floor later). */
  after: number;
  release: ReleaseSchedule;
  /** The watch's effective interval: the budget is what it would spend. */
  intervalMs: number;
  /** The least gap between the end of one check and the start of the next (60 s real site, 1 s loopback). */
  floorMs: number;
  /** Drawn once per check, in [-JITTER_FRACTION, JITTER_FRACTION). */
  jitter: number;
  extraCheckHints?: readonly ExtraCheckHint[];
}

/** `release`: just after an opening; `follow-up`/`hint`: the other anchors; `spread`: the rest of the day. */
export type PlannedCheckKind = 'release' | 'follow-up' | 'hint' | 'spread';

export interface PlannedCheck {
  /** Epoch ms the check should start. */
  at: number;
  kind: PlannedCheckKind;
  /** Epoch ms of the opening that starts the cycle this check belongs to. */
  cycleOpeningAt: number;
}

/** One point of a cycle's plan before jitter. */
interface PlanPoint {
  nominal: number;
  kind: PlannedCheckKind;
  /** Anchors: jitter moves them forward only, within this. */
  forwardRange: number;
  /** Spread points: jitter moves them by ±JITTER_FRACTION of this step. */
  step: number;
  /** Spread points: the anchor after them, which they must leave a floor before. */
  nextAnchorAt: number;
}

/** Small memo tables: the engine asks for the same cycle at every decision, and zone lookups go through Intl. */
const MEMO_LIMIT = 64;
function memo<T>(table: Map<string, T>, key: string, make: () => T): T {
  const known = table.get(key);
  if (known !== undefined) return known;
  const made = make();
  if (table.size >= MEMO_LIMIT) table.delete(table.keys().next().value!);
  table.set(key, made);
  return made;
}
const openingMemo = new Map<string, number>();
const cycleMemo = new Map<string, PlanPoint[]>();

/** The instant of the opening on one consulate calendar day. */
function openingOn(release: ReleaseSchedule, day: string): number {
  return memo(openingMemo, `${release.timeZone}|${release.opening}|${day}`, () =>
    zonedDateTimeToInstant(day, release.opening, release.timeZone).getTime(),
  );
}

export function isUsableRelease(release: ReleaseSchedule | undefined): release is ReleaseSchedule {
  return (
    release !== undefined &&
    tryParseWallTime(release.opening) !== undefined &&
    isValidTimeZone(release.timeZone)
  );
}

/**
 * The openings around `instant`, earliest first: the one at or before it, then the next two. A skipped or
 * repeated local time follows zoned-time's choice (skipped: the same distance after the jump; repeated: the
 * earlier instant).
 */
function openingsAround(release: ReleaseSchedule, instant: number): [number, number, number] {
  const today = todayInZone(release.timeZone, new Date(instant));
  const candidates = [-1, 0, 1, 2, 3].map((shift) => openingOn(release, addDays(today, shift)));
  const index = candidates.findLastIndex((at) => at <= instant);
  const from = Math.max(0, index);
  return [candidates[from]!, candidates[from + 1]!, candidates[from + 2]!];
}

/** The first opening strictly after `instant` (epoch ms), or undefined when the facts cannot be used. */
export function nextOpeningAfter(release: ReleaseSchedule, instant: number): number | undefined {
  if (!isUsableRelease(release)) return undefined;
  const [, next] = openingsAround(release, instant);
  return next;
}

/** The consulate day that joins the window at this opening (opening day + window days), when the count is fixed. */
export function releasedDay(release: ReleaseSchedule, openingAt: number): string | undefined {
  const days = release.windowDays;
  if (days === undefined || !Number.isInteger(days) || !isUsableRelease(release)) return undefined;
  return addDays(todayInZone(release.timeZone, new Date(openingAt)), days);
}

/** How many checks the plain interval makes in a cycle of this length: the budget of the cycle. */
export function cycleBudget(cycleMs: number, intervalMs: number): number {
  return Math.floor(cycleMs / intervalMs);
}

/** Offsets after the opening of the anchors that fit the budget, each at least a floor after the one before. */
function anchorOffsets(
  cycleMs: number,
  budget: number,
  floorMs: number,
  hints: readonly ExtraCheckHint[],
): { offset: number; kind: PlannedCheckKind }[] {
  const wanted = [
    { offset: RELEASE_CHECK_DELAY_MS, kind: 'release' as const },
    ...RELEASE_FOLLOW_UPS_MS.map((offset) => ({ offset, kind: 'follow-up' as const })),
    ...hints
      .filter((hint) => Number.isFinite(hint.afterOpeningMs) && hint.afterOpeningMs > RELEASE_CHECK_DELAY_MS)
      .map((hint) => ({ offset: hint.afterOpeningMs, kind: 'hint' as const })),
  ].sort((a, b) => a.offset - b.offset);
  const anchors: { offset: number; kind: PlannedCheckKind }[] = [];
  for (const anchor of wanted) {
    if (anchors.length >= budget) break;
    const previous = anchors[anchors.length - 1];
    const offset = previous ? Math.max(anchor.offset, previous.offset + floorMs) : anchor.offset;
    // An anchor must leave a floor before the next cycle's release check.
    if (offset + floorMs > cycleMs + RELEASE_CHECK_DELAY_MS) break;
    anchors.push({ offset, kind: anchor.kind });
  }
  return anchors;
}

/**
 * Spread checks per gap between anchors (the last gap runs to the next cycle's release check): as even as
 * possible, never closer than the floor, and no more than the budget leaves.
 */
function spreadCounts(gaps: number[], spare: number, floorMs: number): number[] {
  const counts = gaps.map(() => 0);
  const capacity = gaps.map((gap) => Math.max(0, Math.floor(gap / floorMs) - 1));
  for (let placed = 0; placed < spare; placed += 1) {
    let best = -1;
    for (let i = 0; i < gaps.length; i += 1) {
      if (counts[i]! >= capacity[i]!) continue;
      if (best < 0 || gaps[i]! / (counts[i]! + 1) > gaps[best]! / (counts[best]! + 1)) best = i;
    }
    if (best < 0) break;
    counts[best]! += 1;
  }
  return counts;
}

/** Every point of the cycle that starts at `openingAt` and ends at `nextOpeningAt`, in time order. */
function cyclePoints(
  openingAt: number,
  nextOpeningAt: number,
  input: Pick<ReleasePlanInput, 'intervalMs' | 'floorMs' | 'extraCheckHints'>,
): PlanPoint[] {
  const hints = (input.extraCheckHints ?? []).map((hint) => hint.afterOpeningMs);
  const key = [openingAt, nextOpeningAt, input.intervalMs, input.floorMs, ...hints].join('|');
  return memo(cycleMemo, key, () => {
    const cycleMs = nextOpeningAt - openingAt;
    const budget = cycleBudget(cycleMs, input.intervalMs);
    const anchors = anchorOffsets(cycleMs, budget, input.floorMs, input.extraCheckHints ?? []);
    if (anchors.length === 0) return [];
    const ends = [...anchors.slice(1).map((a) => a.offset), cycleMs + RELEASE_CHECK_DELAY_MS];
    const gaps = anchors.map((anchor, i) => ends[i]! - anchor.offset);
    const counts = spreadCounts(gaps, budget - anchors.length, input.floorMs);
    const points: PlanPoint[] = [];
    anchors.forEach((anchor, i) => {
      const previousOffset = i === 0 ? undefined : anchors[i - 1]!.offset;
      // The release check moves within its own spread; a follow-up or hint by up to a fifth of its distance from
      // the last anchor, capped so a hint from history is still checked near the time it names.
      const forwardRange =
        previousOffset === undefined
          ? RELEASE_CHECK_SPREAD_MS
          : Math.min(ANCHOR_MAX_SPREAD_MS, JITTER_FRACTION * (anchor.offset - previousOffset));
      const nominal = openingAt + anchor.offset;
      const nextAnchorAt = openingAt + ends[i]!;
      points.push({ nominal, kind: anchor.kind, forwardRange, step: 0, nextAnchorAt });
      const step = gaps[i]! / (counts[i]! + 1);
      for (let k = 1; k <= counts[i]!; k += 1) {
        points.push({ nominal: nominal + k * step, kind: 'spread', forwardRange: 0, step, nextAnchorAt });
      }
    });
    return points;
  });
}

/** Index of the first point whose nominal time is after `instant`. */
function firstAfter(points: PlanPoint[], instant: number): number {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (points[mid]!.nominal <= instant) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Rounding of planned instants to whole ms must not make a point that already ran look unused. */
const ROUNDING_SLACK_MS = 1;

/**
 * The next check of a watch whose service opens new days at a known time, or undefined when the facts cannot be
 * used or the interval is longer than a whole cycle (the plain interval decides then).
 *
 * Rules: the first check after each opening starts in [opening + 5 s, opening + 10 s), never before the opening;
 * follow-ups at about +60 s and +180 s; the rest of the cycle is spread evenly, jittered by ±20 % of its step.
 * A cycle never holds more checks than the plain interval would make in it, and a check never starts less than
 * `floorMs` after the previous one ended; a spread check that jitter would bring within a floor of the next
 * anchor is dropped rather than allowed to delay the anchor.
 */
export function planNextCheck(input: ReleasePlanInput): PlannedCheck | undefined {
  const { after, release, floorMs } = input;
  if (!isUsableRelease(release) || !(input.intervalMs > 0) || !(floorMs >= 0)) return undefined;
  const jitter = Math.max(-JITTER_FRACTION, Math.min(JITTER_FRACTION, input.jitter));
  const uniform = (jitter / JITTER_FRACTION + 1) / 2;
  const [current, next, afterNext] = openingsAround(release, after);
  for (const [openingAt, nextOpeningAt] of [
    [current, next],
    [next, afterNext],
  ] as const) {
    const points = cyclePoints(openingAt, nextOpeningAt, input);
    for (let i = firstAfter(points, after); i < points.length; i += 1) {
      const point = points[i]!;
      if (point.kind === 'spread') {
        // Jitter may have run this point up to a fifth of a step early: then it is spent, not used again.
        if (point.nominal <= after + JITTER_FRACTION * point.step + ROUNDING_SLACK_MS) continue;
        const at = Math.max(point.nominal + jitter * point.step, after + floorMs);
        if (at > point.nextAnchorAt - floorMs) continue;
        return { at: Math.round(at), kind: 'spread', cycleOpeningAt: openingAt };
      }
      const at = Math.max(point.nominal + uniform * point.forwardRange, after + floorMs);
      return { at: Math.round(at), kind: point.kind, cycleOpeningAt: openingAt };
    }
  }
  return undefined;
}
