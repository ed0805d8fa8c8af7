/** One calendar's history on disk: append-only JSONL, read past a torn line, compacted to a bounded age by an atomic rewrite. */
import { appendFile, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../storage/atomic-file';
import { replayHistory } from './calendar-history';
import type { CalendarHistory, Episode } from './calendar-history';
import { historyLine, parseHistoryLine } from './history-records';
import type { HistoryRecord, MetaRecord } from './history-records';

export const DEFAULT_HISTORY_RETENTION_MS = 90 * 86_400_000;

export interface HistoryFileRead {
  records: HistoryRecord[];
  /** Lines that could not be read (a crash mid-append, a garbled byte): skipped, counted. */
  skippedLines: number;
  /** False when the file ends inside a line: the next append must start on a fresh line. */
  endsWithNewline: boolean;
}

/** Reads every record; a missing file is an empty history. */
export async function readHistoryFile(path: string): Promise<HistoryFileRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { records: [], skippedLines: 0, endsWithNewline: true };
    throw error;
  }
  const records: HistoryRecord[] = [];
  let skippedLines = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const record = parseHistoryLine(line);
    if (record) records.push(record);
    else skippedLines += 1;
  }
  return { records, skippedLines, endsWithNewline: text.length === 0 || text.endsWith('\n') };
}

/** Reads and replays one calendar's history file. */
export async function loadCalendarHistory(path: string): Promise<CalendarHistory> {
  return replayHistory((await readHistoryFile(path)).records);
}

/** Appends records as one write (one small append is never interleaved with another of ours). */
export async function appendHistoryRecords(
  path: string,
  records: HistoryRecord[],
  startOnNewLine = false,
): Promise<void> {
  if (records.length === 0 && !startOnNewLine) return;
  const text = (startOnNewLine ? '\n' : '') + records.map(historyLine).join('');
  await appendFile(path, text, { encoding: 'utf8', mode: 0o600 });
}

// Within one instant, the order the recorder writes: what the calendar is, appearances, gones, then the check.
const ORDER: Record<HistoryRecord['k'], number> = { m: 0, a: 1, g: 2, c: 3 };

/**
 * The records of `history` younger than `cutoff`: checks since then, every episode still open (with its `last`
 * seen, since the checks that said so may be dropped) and every episode that ended since then, in the order a
 * replay needs. Replaying the result gives the same episodes and checks, minus what is older than the cutoff.
 */
export function compactedRecords(history: CalendarHistory, cutoffMs: number, at: string): HistoryRecord[] {
  const out: HistoryRecord[] = [];
  if (history.bookingUrl) {
    const meta: MetaRecord = { k: 'm', v: 1, t: at, url: history.bookingUrl };
    if (history.timeZone) meta.z = history.timeZone;
    if (history.consulate) meta.consulate = history.consulate;
    if (history.service) meta.service = history.service;
    out.push(meta);
  }
  const timed: HistoryRecord[] = [];
  for (const check of history.checks) {
    if (Date.parse(check.at) < cutoffMs) continue;
    timed.push({
      k: 'c',
      t: check.at,
      s: check.status,
      n: check.slotCount,
      ...(check.skipped ? { skip: check.skipped } : {}),
    });
  }
  for (const episode of history.episodes) {
    if (episode.end !== 'open' && Date.parse(episode.endedAt ?? episode.lastSeenAt) < cutoffMs) continue;
    timed.push(...episodeRecords(episode));
  }
  timed.sort((a, b) => Date.parse(a.t) - Date.parse(b.t) || ORDER[a.k] - ORDER[b.k]);
  return [...out, ...timed];
}

function episodeRecords(episode: Episode): HistoryRecord[] {
  const slot = { d: episode.date, h: episode.time, z: episode.timeZone };
  const appear: HistoryRecord = {
    k: 'a',
    t: episode.firstSeenAt,
    ...slot,
    cap: episode.capacity,
    ...(episode.appearedAfter ? { p: episode.appearedAfter } : {}),
  };
  if (episode.end === 'open') return [{ ...appear, last: episode.lastSeenAt }];
  return [
    appear,
    {
      k: 'g',
      t: episode.endedAt ?? episode.lastSeenAt,
      ...slot,
      last: episode.lastSeenAt,
      ...(episode.end === 'expired' ? { why: 'expired' as const } : {}),
    },
  ];
}

/** Rewrites the file with only what is younger than the cutoff; a crash leaves the old or the new file whole. */
export async function compactHistoryFile(path: string, cutoffMs: number, at: Date): Promise<CalendarHistory> {
  const history = replayHistory((await readHistoryFile(path)).records);
  const records = compactedRecords(history, cutoffMs, at.toISOString());
  await writeFileAtomic(path, records.map(historyLine).join(''));
  return replayHistory(records);
}
