/** Turns each check's outcome into history records for its calendar, as the engine runs: appearances, gones, the check. */
import { makeDirectory } from '../storage/make-directory';
import { join } from 'node:path';
import { isConclusive } from '../../../shared/model';
import type { CheckOutcome, Slot, SlotFilter } from '../../../shared/model';
import { compareCalendarDays, slotInstant } from '../../../shared/zoned-time';
import { lastConclusiveAt, openEpisodes, replayHistory } from './calendar-history';
import type { CalendarHistory } from './calendar-history';
import { coveredDay } from './check-coverage';
import { calendarOf, historyDirIn } from './history-calendar';
import {
  DEFAULT_HISTORY_RETENTION_MS,
  appendHistoryRecords,
  compactHistoryFile,
  loadCalendarHistory,
  readHistoryFile,
} from './history-file';
import { episodeKey } from './history-records';
import type { AppearRecord, CheckRecord, GoneRecord, HistoryRecord, MetaRecord } from './history-records';

export interface HistoryRecorderOptions {
  /** The app's data dir; files go to `<dataDir>/history/`. */
  dataDir: string;
  /** Older records are dropped by compaction. Default 90 days. */
  retentionMs?: number;
  /** Wall clock, for compaction and for checks that threw. */
  now?: () => Date;
  /** Told when the disk refused; the check itself is never affected. */
  onError?: (error: unknown) => void;
}

interface OpenSlot {
  date: string;
  time: string;
  timeZone: string;
}

/** What the recorder keeps per calendar between checks (rebuilt from the file after a restart). */
interface CalendarState {
  file: string;
  open: Map<string, OpenSlot & { lastSeenAt: string }>;
  lastConclusiveAt?: string;
  metaSignature?: string;
  /** The oldest instant still in the file: compaction is due once it falls past the retention. */
  oldestAt?: number;
  startOnNewLine: boolean;
}

const COMPACTION_SLACK_MS = 86_400_000;

export class HistoryRecorder {
  private readonly states = new Map<string, Promise<CalendarState>>();
  /** One queue per file: appends, compactions and reads of one calendar never overlap. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly retentionMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: HistoryRecorderOptions) {
    this.retentionMs = options.retentionMs ?? DEFAULT_HISTORY_RETENTION_MS;
    this.now = options.now ?? (() => new Date());
  }

  /** Queues the records of one check; never throws (a history problem must not touch monitoring). */
  record(request: { bookingUrl: string; filter: SlotFilter }, outcome: CheckOutcome): Promise<void> {
    let file: string;
    try {
      file = join(historyDirIn(this.options.dataDir), calendarOf(request.bookingUrl).fileName);
    } catch {
      return Promise.resolve(); // not a booking page we know: nothing to file it under
    }
    return this.enqueue(file, async () => {
      const state = await this.stateOf(file);
      const records = this.recordsFor(state, request, outcome);
      await appendHistoryRecords(file, records, state.startOnNewLine);
      state.startOnNewLine = false;
      state.oldestAt ??= Date.parse(outcome.checkedAt);
      if (state.oldestAt < this.now().getTime() - this.retentionMs - COMPACTION_SLACK_MS) {
        await this.compact(state);
      }
    }).catch((error: unknown) => {
      this.options.onError?.(error);
    });
  }

  /** The calendar's history as stored, after every record queued before this call reached the disk. */
  read(bookingUrl: string): Promise<CalendarHistory> {
    const file = join(historyDirIn(this.options.dataDir), calendarOf(bookingUrl).fileName);
    return this.enqueue(file, () => loadCalendarHistory(file));
  }

  /** Resolves once every queued record reached the disk (or failed to). */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.queues.values()]);
  }

  private enqueue<T>(file: string, task: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(file) ?? Promise.resolve()).catch(() => undefined).then(task);
    this.queues.set(file, run);
    return run;
  }

  private stateOf(file: string): Promise<CalendarState> {
    let state = this.states.get(file);
    if (!state) {
      state = this.load(file);
      // A failed load is tried again at the next check rather than remembered.
      state.catch(() => this.states.delete(file));
      this.states.set(file, state);
    }
    return state;
  }

  private async load(file: string): Promise<CalendarState> {
    await makeDirectory(historyDirIn(this.options.dataDir));
    const read = await readHistoryFile(file);
    const state: CalendarState = { file, open: new Map(), startOnNewLine: !read.endsWithNewline };
    const first = read.records[0];
    if (first) state.oldestAt = Date.parse(first.t);
    let history = replayHistory(read.records);
    if (state.oldestAt !== undefined && state.oldestAt < this.now().getTime() - this.retentionMs) {
      history = await this.compact(state);
    }
    this.adopt(state, history);
    return state;
  }

  private adopt(state: CalendarState, history: CalendarHistory): void {
    state.open = new Map(
      [...openEpisodes(history)].map(([key, e]) => [
        key,
        { date: e.date, time: e.time, timeZone: e.timeZone, lastSeenAt: e.lastSeenAt },
      ]),
    );
    const last = lastConclusiveAt(history);
    if (last) state.lastConclusiveAt = last;
    if (history.bookingUrl) {
      state.metaSignature = metaSignature({
        url: history.bookingUrl,
        ...(history.timeZone ? { z: history.timeZone } : {}),
        ...(history.consulate ? { consulate: history.consulate } : {}),
        ...(history.service ? { service: history.service } : {}),
      });
    }
  }

  private async compact(state: CalendarState): Promise<CalendarHistory> {
    const now = this.now();
    const history = await compactHistoryFile(state.file, now.getTime() - this.retentionMs, now);
    state.startOnNewLine = false;
    const first = history.checks[0]?.at ?? history.episodes[0]?.firstSeenAt;
    state.oldestAt = first ? Date.parse(first) : undefined;
    return history;
  }

  private recordsFor(
    state: CalendarState,
    request: { bookingUrl: string; filter: SlotFilter },
    outcome: CheckOutcome,
  ): HistoryRecord[] {
    const t = validInstant(outcome.checkedAt) ?? this.now().toISOString();
    const records: HistoryRecord[] = [];
    const meta = this.metaFor(state, request.bookingUrl, outcome, t);
    if (meta) records.push(meta);
    if (!isConclusive(outcome.status)) {
      records.push({ k: 'c', t, s: outcome.status, n: 0 });
      return records;
    }
    const seen = new Map<string, Slot>();
    for (const slot of outcome.status === 'slots' ? outcome.slots : [])
      seen.set(episodeKey({ d: slot.date, h: slot.time }), slot);

    for (const [key, slot] of seen) {
      const open = state.open.get(key);
      if (open) {
        open.lastSeenAt = t;
        continue;
      }
      const appear: AppearRecord = {
        k: 'a',
        t,
        d: slot.date,
        h: slot.time,
        z: slot.timeZone,
        cap: slot.capacity,
        ...(state.lastConclusiveAt ? { p: state.lastConclusiveAt } : {}),
      };
      records.push(appear);
      state.open.set(key, { date: slot.date, time: slot.time, timeZone: slot.timeZone, lastSeenAt: t });
    }

    const covered = coveredDay(outcome, request.filter);
    const skip: string[] = [];
    for (const [key, open] of state.open) {
      if (seen.has(key)) continue;
      const expired =
        slotInstant(open).getTime() <= Date.parse(t) ||
        (outcome.window !== undefined && compareCalendarDays(open.date, outcome.window.start) < 0);
      if (!expired && !covered(open.date)) {
        skip.push(key);
        continue;
      }
      const gone: GoneRecord = {
        k: 'g',
        t,
        d: open.date,
        h: open.time,
        z: open.timeZone,
        last: open.lastSeenAt,
        ...(expired ? { why: 'expired' as const } : {}),
      };
      records.push(gone);
      state.open.delete(key);
    }
    const check: CheckRecord = {
      k: 'c',
      t,
      s: outcome.status,
      n: seen.size,
      ...(skip.length ? { skip } : {}),
    };
    records.push(check);
    state.lastConclusiveAt = t;
    return records;
  }

  /** A meta record when the file has none yet or the page now names the calendar differently. */
  private metaFor(
    state: CalendarState,
    bookingUrl: string,
    outcome: CheckOutcome,
    t: string,
  ): MetaRecord | undefined {
    const target = outcome.target;
    const fields = {
      url: calendarOfSafe(bookingUrl),
      ...(target?.timeZone ? { z: target.timeZone } : {}),
      ...(target?.consulate ? { consulate: target.consulate } : {}),
      ...(target?.service ? { service: target.service } : {}),
    };
    // Without a target (a failed check) only a first record is worth writing: it says which page this is.
    if (!target && state.metaSignature !== undefined) return undefined;
    const signature = metaSignature(fields);
    if (signature === state.metaSignature) return undefined;
    state.metaSignature = signature;
    return { k: 'm', v: 1, t, ...fields };
  }
}

function metaSignature(fields: { url: string; z?: string; consulate?: string; service?: string }): string {
  return JSON.stringify([fields.url, fields.z ?? '', fields.consulate ?? '', fields.service ?? '']);
}

function calendarOfSafe(bookingUrl: string): string {
  return calendarOf(bookingUrl).bookingUrl;
}

function validInstant(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
