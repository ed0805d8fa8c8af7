/** Release hints from the stored history for the engine: answered from memory, each calendar's re-read in the background at most every few hours. */
import type { ReleaseSchedule } from '../../shared/model';
import type { CalendarHistory } from './history/calendar-history';
import { calendarOf } from './history/history-calendar';
import { releaseHintsFromHistory } from './release-hints';
import type { ExtraCheckHint } from './release-plan';

/** Where slots appear moves over weeks, not hours; re-reading a 90-day file more often would buy nothing. */
export const RELEASE_HINTS_REFRESH_MS = 3 * 3_600_000;

interface Entry {
  hints: readonly ExtraCheckHint[];
  /** Monotonic ms the last read started. */
  readAt: number;
}

/**
 * The engine's `releaseHints` source. The engine plans synchronously and often, so an answer never waits for the
 * disk: the first ask for a calendar returns none and starts the read; later asks get what it found. A failed
 * read keeps the hints it had (none at first) until the next refresh.
 */
export function releaseHintsFromStore(
  read: (bookingUrl: string) => Promise<CalendarHistory>,
  now: () => number,
  refreshMs = RELEASE_HINTS_REFRESH_MS,
): (watch: { bookingUrl: string }, release: ReleaseSchedule) => readonly ExtraCheckHint[] {
  const entries = new Map<string, Entry>();
  return (watch, release) => {
    let calendar: string;
    try {
      calendar = calendarOf(watch.bookingUrl).key;
    } catch {
      return []; // not a booking page: it has no history
    }
    // The hints are offsets after this opening: a changed opening time asks for a fresh reading.
    const key = `${calendar}|${release.opening}|${release.timeZone}`;
    const entry = entries.get(key);
    if (!entry || now() - entry.readAt >= refreshMs) {
      const refreshing: Entry = { hints: entry?.hints ?? [], readAt: now() };
      entries.set(key, refreshing);
      read(watch.bookingUrl).then(
        (history) => {
          if (entries.get(key) === refreshing) refreshing.hints = releaseHintsFromHistory(history, release);
        },
        () => undefined,
      );
    }
    return entries.get(key)!.hints;
  };
}
