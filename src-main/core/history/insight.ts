/** Insight from a calendar's history: when slots appear (weekday × hour, consulate time), how long they stay free, and what that rests on. */
import { isConclusive } from '../../../shared/model';
import type { Weekday } from '../../../shared/model';
import type { AppearanceView, HeatCell, Insight, Lifetimes } from '../../../shared/insight';
import { wallClockAt, weekdayOf } from '../../../shared/zoned-time';
import type { CalendarHistory, Episode } from './calendar-history';

export type { AppearanceView, DataBasis, HeatCell, Insight, Lifetimes } from '../../../shared/insight';

export const QUICK_MS = 5 * 60_000;
/**
 * An appearance is timed when the check before the one that first showed it was at most this long before:
 * the slot appeared in that gap. A slot already there at the first check, or after the app was closed for a
 * while, appeared at an unknown time and is left out of the heat map and the lifetimes.
 */
export const DEFAULT_TIMED_GAP_MS = 30 * 60_000;
export const DEFAULT_LAST_APPEARANCES = 10;

export interface InsightOptions {
  timedGapMs?: number;
  lastAppearances?: number;
}

/** Whether the slot's appearance time is known to within one check (see DEFAULT_TIMED_GAP_MS). */
export function isTimedAppearance(e: Episode, timedGapMs = DEFAULT_TIMED_GAP_MS): boolean {
  if (e.appearedAfter === undefined) return false;
  const gap = Date.parse(e.firstSeenAt) - Date.parse(e.appearedAfter);
  // A negative gap (a wall clock set back) says nothing about when the slot appeared.
  return gap >= 0 && gap <= timedGapMs;
}

export function buildInsight(history: CalendarHistory, options: InsightOptions = {}): Insight {
  const timedGapMs = options.timedGapMs ?? DEFAULT_TIMED_GAP_MS;
  const timeZone = history.timeZone ?? history.episodes[0]?.timeZone ?? 'UTC';
  const timed = (e: Episode) => isTimedAppearance(e, timedGapMs);
  const timedEpisodes = history.episodes.filter(timed);

  const heatmap: HeatCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday += 1)
    for (let hour = 0; hour < 24; hour += 1) heatmap.push({ weekday: weekday as Weekday, hour, count: 0 });
  const byHour = new Array<number>(24).fill(0);
  for (const episode of timedEpisodes) {
    const wall = wallClockAt(new Date(episode.firstSeenAt), timeZone);
    const hour = Number(wall.time.slice(0, 2));
    heatmap[(weekdayOf(wall.date) - 1) * 24 + hour]!.count += 1;
    byHour[hour]! += 1;
  }
  const peak = heatmap.reduce<HeatCell | undefined>(
    (best, c) => (c.count > (best?.count ?? 0) ? c : best),
    undefined,
  );
  let peakHour: Insight['peakHour'];
  byHour.forEach((count, hour) => {
    if (count > (peakHour?.count ?? 0)) peakHour = { hour, count };
  });

  const limit = options.lastAppearances ?? DEFAULT_LAST_APPEARANCES;
  const lastAppearances = [...history.episodes]
    .sort((a, b) => Date.parse(b.firstSeenAt) - Date.parse(a.firstSeenAt))
    .slice(0, limit)
    .map((e) => viewOf(e, timed(e)));

  const conclusive = history.checks.filter((c) => isConclusive(c.status));
  const days = new Set(conclusive.map((c) => wallClockAt(new Date(c.at), timeZone).date));
  return {
    timeZone,
    heatmap,
    ...(peak ? { peak } : {}),
    ...(peakHour ? { peakHour } : {}),
    lifetimes: lifetimesOf(timedEpisodes),
    lastAppearances,
    basis: {
      daysObserved: days.size,
      checks: history.checks.length,
      conclusiveChecks: conclusive.length,
      appearances: history.episodes.length,
      timedAppearances: timedEpisodes.length,
      ...(history.checks[0] ? { firstCheckAt: history.checks[0].at } : {}),
      ...(history.checks.at(-1) ? { lastCheckAt: history.checks.at(-1)!.at } : {}),
    },
  };
}

function durationOf(e: Episode): number {
  const end = e.end === 'gone' ? (e.endedAt ?? e.lastSeenAt) : e.lastSeenAt;
  return Math.max(0, Date.parse(end) - Date.parse(e.firstSeenAt));
}

function viewOf(e: Episode, timed: boolean): AppearanceView {
  return {
    date: e.date,
    time: e.time,
    timeZone: e.timeZone,
    capacity: e.capacity,
    firstSeenAt: e.firstSeenAt,
    lastSeenAt: e.lastSeenAt,
    ...(e.endedAt ? { endedAt: e.endedAt } : {}),
    end: e.end,
    durationMs: durationOf(e),
    timed,
  };
}

/**
 * Kaplan–Meier over the timed episodes: a gone slot is an event at its duration; an open or expired one is
 * censored at its duration (it lasted at least that long). Ignoring the censored ones would make slots look
 * shorter-lived than they are; counting them as gone would too.
 */
export function lifetimesOf(episodes: Episode[]): Lifetimes {
  const observations = episodes
    .map((e) => ({ ms: durationOf(e), gone: e.end === 'gone' }))
    .sort((a, b) => a.ms - b.ms);
  const ended = observations.filter((o) => o.gone).length;
  const result: Lifetimes = { ended, censored: observations.length - ended };
  if (observations.length === 0) return result;

  let survival = 1;
  let atRisk = observations.length;
  let quickShare: number | undefined;
  let i = 0;
  while (i < observations.length) {
    const ms = observations[i]!.ms;
    let events = 0;
    let leaving = 0;
    while (i < observations.length && observations[i]!.ms === ms) {
      if (observations[i]!.gone) events += 1;
      leaving += 1;
      i += 1;
    }
    if (quickShare === undefined && ms > QUICK_MS) quickShare = 1 - survival;
    survival *= 1 - events / atRisk;
    atRisk -= leaving;
    if (result.medianMs === undefined && survival <= 0.5) result.medianMs = ms;
  }
  result.goneWithin5MinShare = quickShare ?? 1 - survival;
  if (result.medianMs === undefined) result.medianAtLeastMs = observations.at(-1)!.ms;
  return result;
}
