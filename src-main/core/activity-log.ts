/** The activity log: what happened to each alert delivery, in a bounded memory ring and a JSONL file that survives a crash. */
import { appendFile, readFile, rename, stat } from 'node:fs/promises';
import type { AlertChannelName } from '../../shared/alert-settings';

/**
 * One delivery step. `delivered` (attempt > 1 means it was retried), `failed` (with the server's reply;
 * `nextAttemptAt` when a retry is scheduled, absent when AmbiSlot gave up), `held` (quiet hours: sent at
 * `nextAttemptAt`).
 */
export interface DeliveryActivity {
  type: 'delivery';
  /** ISO instant of the step. */
  at: string;
  channel: AlertChannelName;
  alertId: string;
  alertKind: string;
  watchId?: string;
  /** The alert's title as the person saw it (or would have). */
  title: string;
  outcome: 'delivered' | 'failed' | 'held';
  attempt: number;
  /** Delivered without sound (desktop in quiet hours). */
  silent?: boolean;
  retryable?: boolean;
  serverReply?: string;
  hint?: string;
  nextAttemptAt?: string;
  /** A test alert (button or CLI), not a real one. */
  test?: boolean;
}

export type ActivityEntry = DeliveryActivity;

export interface ActivityLogOptions {
  /** The JSONL file (`activity.jsonl` in the data dir); omitted keeps the log in memory only. */
  file?: string;
  /** Entries kept in memory for the window. */
  capacity?: number;
  /** Past this size the file moves to `<file>.1` (replacing the older one) and a new one starts. */
  maxFileBytes?: number;
  /** Told when the file could not be written; the memory ring still has the entry. */
  onWriteError?: (error: unknown) => void;
}

export const DEFAULT_ACTIVITY_CAPACITY = 500;
export const DEFAULT_ACTIVITY_FILE_BYTES = 1_000_000;
export const ACTIVITY_FILE_NAME = 'activity.jsonl';

/**
 * Reads a JSONL activity file, oldest first, the last `limit` entries. A torn last line (a crash mid-append)
 * or a garbled one is skipped rather than losing the whole file.
 */
export async function readActivityFile(
  path: string,
  limit = DEFAULT_ACTIVITY_CAPACITY,
): Promise<ActivityEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: ActivityEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value === 'object' && value !== null && typeof (value as { at?: unknown }).at === 'string') {
        entries.push(value as ActivityEntry);
      }
    } catch {
      // A torn or garbled line: skip it, keep the rest.
    }
  }
  return entries.slice(-limit);
}

export class ActivityLog {
  private ring: ActivityEntry[] = [];
  private readonly listeners = new Set<(entry: ActivityEntry) => void>();
  private writes: Promise<void> = Promise.resolve();
  private readonly capacity: number;

  private constructor(private readonly options: ActivityLogOptions) {
    this.capacity = options.capacity ?? DEFAULT_ACTIVITY_CAPACITY;
  }

  /** A log over `options.file`, starting with what the file already holds (the window lists it after a crash). */
  static async open(options: ActivityLogOptions): Promise<ActivityLog> {
    const log = new ActivityLog(options);
    if (options.file) {
      const capacity = options.capacity ?? DEFAULT_ACTIVITY_CAPACITY;
      const older = await readActivityFile(`${options.file}.1`, capacity);
      const recent = await readActivityFile(options.file, capacity);
      log.ring = [...older, ...recent].slice(-capacity);
    }
    return log;
  }

  static inMemory(capacity = DEFAULT_ACTIVITY_CAPACITY): ActivityLog {
    return new ActivityLog({ capacity });
  }

  get file(): string | undefined {
    return this.options.file;
  }

  /** Records at once in memory and queues the append; listeners hear it synchronously. */
  record(entry: ActivityEntry): void {
    this.ring.push(entry);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
    for (const listener of this.listeners) {
      try {
        listener(entry);
      } catch {
        // A broken listener (a closed window) must not stop the log.
      }
    }
    const file = this.options.file;
    if (!file) return;
    this.writes = this.writes
      .then(() => this.append(file, entry))
      .catch((error: unknown) => this.options.onWriteError?.(error));
  }

  private async append(file: string, entry: ActivityEntry): Promise<void> {
    // One write per line: an append of one small buffer is never interleaved with another of ours.
    await appendFile(file, `${JSON.stringify(entry)}\n`, { encoding: 'utf8', mode: 0o600 });
    const max = this.options.maxFileBytes ?? DEFAULT_ACTIVITY_FILE_BYTES;
    if ((await stat(file)).size > max) await rename(file, `${file}.1`);
  }

  /** Oldest first. */
  entries(): ActivityEntry[] {
    return [...this.ring];
  }

  subscribe(listener: (entry: ActivityEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once every recorded entry reached the file (or failed to). */
  flush(): Promise<void> {
    return this.writes;
  }
}
