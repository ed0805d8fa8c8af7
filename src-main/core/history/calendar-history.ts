/** Replays a calendar's history records into what people ask about: appearance episodes and check outcomes. */
import { isConclusive } from '../../../shared/model';
import type { CalendarDay, CheckStatus, WallTime } from '../../../shared/model';
import { episodeKey } from './history-records';
import type { HistoryRecord } from './history-records';

/** One stretch of time a slot stayed free: from the check that first showed it to the one that no longer did. */
export interface Episode {
  date: CalendarDay;
  time: WallTime;
  timeZone: string;
  capacity: number;
  /** ISO instant of the check that first showed it. */
  firstSeenAt: string;
  /** The conclusive check before that one: the slot appeared in between. Absent at the first check ever. */
  appearedAfter?: string;
  /** ISO instant of the last check that showed it. */
  lastSeenAt: string;
  /** ISO instant of the first covering check that no longer showed it. */
  endedAt?: string;
  /** `open`: still free at the last check; `gone`: taken (or withdrawn); `expired`: its own time came. */
  end: 'open' | 'gone' | 'expired';
}

export interface CheckEntry {
  at: string;
  status: CheckStatus;
  slotCount: number;
  /** Open episodes ("date time") this check did not cover: kept so a compacted file replays the same. */
  skipped?: string[];
}

export interface CalendarHistory {
  bookingUrl?: string;
  timeZone?: string;
  consulate?: string;
  service?: string;
  /** Oldest first. */
  checks: CheckEntry[];
  /** By first seen, oldest first. */
  episodes: Episode[];
}

/**
 * Records in file order → history. Tolerant by design: an appearance of a slot already open (a line written
 * twice) or a gone slot never opened (its appearance compacted or torn) is ignored rather than trusted.
 */
export function replayHistory(records: Iterable<HistoryRecord>): CalendarHistory {
  const history: CalendarHistory = { checks: [], episodes: [] };
  const open = new Map<string, Episode>();
  for (const record of records) {
    switch (record.k) {
      case 'm':
        history.bookingUrl = record.url;
        if (record.z) history.timeZone = record.z;
        if (record.consulate) history.consulate = record.consulate;
        if (record.service) history.service = record.service;
        break;
      case 'a': {
        const key = episodeKey(record);
        if (open.has(key)) break;
        const episode: Episode = {
          date: record.d,
          time: record.h,
          timeZone: record.z,
          capacity: record.cap,
          firstSeenAt: record.t,
          lastSeenAt: record.last ?? record.t,
          end: 'open',
          ...(record.p ? { appearedAfter: record.p } : {}),
        };
        open.set(key, episode);
        history.episodes.push(episode);
        break;
      }
      case 'g': {
        const key = episodeKey(record);
        const episode = open.get(key);
        if (!episode) break;
        open.delete(key);
        episode.lastSeenAt = record.last;
        episode.endedAt = record.t;
        episode.end = record.why === 'expired' ? 'expired' : 'gone';
        break;
      }
      case 'c': {
        history.checks.push({
          at: record.t,
          status: record.s,
          slotCount: record.n,
          ...(record.skip?.length ? { skipped: record.skip } : {}),
        });
        // Unknown is not empty: only a conclusive check says an open slot is still there.
        if (!isConclusive(record.s)) break;
        const skipped = new Set(record.skip ?? []);
        for (const [key, episode] of open) {
          // max: after compaction an episode carries its own `last`, which an older check must not lower.
          if (!skipped.has(key) && Date.parse(record.t) > Date.parse(episode.lastSeenAt)) {
            episode.lastSeenAt = record.t;
          }
        }
        break;
      }
    }
  }
  history.episodes.sort((a, b) => Date.parse(a.firstSeenAt) - Date.parse(b.firstSeenAt));
  return history;
}

/** The episodes still open, by key: the recorder starts from them after a restart. */
export function openEpisodes(history: CalendarHistory): Map<string, Episode> {
  return new Map(
    history.episodes.filter((e) => e.end === 'open').map((e) => [episodeKey({ d: e.date, h: e.time }), e]),
  );
}

/** The last conclusive check, or undefined. */
export function lastConclusiveAt(history: CalendarHistory): string | undefined {
  for (let i = history.checks.length - 1; i >= 0; i -= 1) {
    const check = history.checks[i]!;
    if (isConclusive(check.status)) return check.at;
  }
  return undefined;
}
