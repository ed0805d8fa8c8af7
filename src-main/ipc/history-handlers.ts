/** The window's history verbs: a watch's insight, and its history as a CSV file saved where the person chooses. */
import type { Watch } from '../../shared/model';
import type { CalendarHistory } from '../core/history/calendar-history';
import { calendarOf, historyFileFor } from '../core/history/history-calendar';
import { loadCalendarHistory } from '../core/history/history-file';
import { historyCsv } from '../core/history/history-csv';
import { buildInsight } from '../core/history/insight';
import type { IpcHandlers } from './ipc-router';

/** Reads a calendar's stored history (the monitor's recorder, or the file when nothing is monitoring). */
export interface HistoryReader {
  read(bookingUrl: string): Promise<CalendarHistory>;
}

/**
 * Asks where to save `text` (the shell's save dialog) and writes it there; undefined when the person cancelled.
 * The only part of an export that needs Electron.
 */
export type CsvSaver = (suggestedName: string, text: string) => Promise<string | undefined>;

export interface HistoryHandlerDeps {
  findWatch: (id: string) => Watch;
  history: () => HistoryReader;
  saveCsv: CsvSaver;
  now?: () => Date;
}

export function createHistoryHandlers(
  deps: HistoryHandlerDeps,
): Pick<IpcHandlers, 'getInsight' | 'exportHistoryCsv'> {
  const now = deps.now ?? (() => new Date());
  return {
    async getInsight({ id }) {
      const history = await deps.history().read(deps.findWatch(id).bookingUrl);
      return {
        watchId: id,
        ...(history.consulate ? { consulate: history.consulate } : {}),
        ...(history.service ? { service: history.service } : {}),
        insight: buildInsight(history),
      };
    },
    async exportHistoryCsv({ id, kind }) {
      const { bookingUrl } = deps.findWatch(id);
      const history = await deps.history().read(bookingUrl);
      const slug = calendarOf(bookingUrl).fileName.split('--')[0];
      const day = now().toISOString().slice(0, 10);
      const path = await deps.saveCsv(`ambislot-${slug}-${kind}-${day}.csv`, historyCsv(history, kind));
      if (path === undefined) return { saved: false };
      return { saved: true, path, rows: kind === 'checks' ? history.checks.length : history.episodes.length };
    },
  };
}

/** Reads the history files directly: the insight still shows while nothing is monitoring (no browser). */
export function fileHistoryReader(dataDir: string): HistoryReader {
  return { read: (bookingUrl) => loadCalendarHistory(historyFileFor(dataDir, bookingUrl)) };
}
