/** The alert-once memory: which slots were already announced, keyed by site + consulate + service + slot, kept across restarts. */
import { isConclusive } from '../../shared/model';
import type { CheckOutcome, Slot } from '../../shared/model';
import { slotInstant } from '../../shared/zoned-time';
import { join } from 'node:path';
import type { Clock, JsonFileStore } from './ports';
import { jsonFileStore } from './storage/atomic-file';

/** Where a slot lives. Two watches on the same consulate and service share one memory entry per slot. */
export interface SlotScope {
  /** Origin of the booking site, e.g. `https://consulat.gouv.fr`. */
  site: string;
  /** Team id or slug: stable across page layouts and languages. */
  consulate: string;
  /** Service id or name. */
  service: string;
}

/** The dedup key. Date, time and zone of the slot; never the watch id and never anything from the page layout. */
export function slotKey(scope: SlotScope, slot: Slot): string {
  return [scope.site, scope.consulate, scope.service, slot.date, slot.time, slot.timeZone].join('|');
}

/** One remembered slot; times are wall-clock epoch milliseconds because they must survive a restart. */
export interface SeenEntry {
  firstSeenAt: number;
  lastSeenAt: number;
  /** When the slot starts; past that the entry is useless and is dropped. */
  startsAt: number;
}

export interface SeenSlotsFile {
  version: 1;
  entries: Record<string, SeenEntry>;
}

export const DEFAULT_MEMORY_WINDOW_MS = 6 * 60 * 60_000;

export interface SeenSlotsOptions {
  clock: Clock;
  /** Converts a slot's date + time in its zone to an epoch instant; defaults to the shared zone math. */
  slotStartsAt?: (slot: Slot) => number;
  /** How long after it was last seen a slot stays remembered. */
  windowMs?: number;
  /** Where the memory lives; without it the memory lasts only as long as the process. */
  store?: JsonFileStore<SeenSlotsFile>;
  /** Told when a save fails; the memory goes on in RAM and the next save retries. */
  onSaveError?: (error: unknown) => void;
}

/** Reported once when the memory file could not be read: it was kept aside and the memory starts empty. */
export interface MemoryProblem {
  file: string;
  keptAt: string;
  error: string;
}

export function parseSeenSlotsFile(raw: unknown): SeenSlotsFile {
  if (typeof raw !== 'object' || raw === null) throw new Error('not an object');
  const { version, entries } = raw as Partial<SeenSlotsFile>;
  if (version !== 1) throw new Error(`unknown version ${String(version)}`);
  if (typeof entries !== 'object' || entries === null) throw new Error('entries missing');
  for (const [key, entry] of Object.entries(entries)) {
    const ok =
      typeof entry === 'object' &&
      entry !== null &&
      [entry.firstSeenAt, entry.lastSeenAt, entry.startsAt].every(
        (n) => typeof n === 'number' && Number.isFinite(n),
      );
    if (!ok) throw new Error(`bad entry ${key}`);
  }
  return { version, entries };
}

function defaultSlotStartsAt(slot: Slot): number {
  return slotInstant(slot).getTime();
}

export class SeenSlots {
  private readonly entries = new Map<string, SeenEntry>();
  private readonly windowMs: number;
  private pendingSave: Promise<void> = Promise.resolve();

  private constructor(private readonly options: SeenSlotsOptions) {
    this.windowMs = options.windowMs ?? DEFAULT_MEMORY_WINDOW_MS;
  }

  /** Loads the memory from its store. A corrupt file is kept aside and reported in `problem`; the memory then starts empty. */
  static async open(options: SeenSlotsOptions): Promise<{ memory: SeenSlots; problem?: MemoryProblem }> {
    const memory = new SeenSlots(options);
    if (!options.store) return { memory };
    const read = await options.store.read(parseSeenSlotsFile);
    if (read.kind === 'ok') {
      for (const [key, entry] of Object.entries(read.value.entries)) memory.entries.set(key, entry);
      memory.prune();
      return { memory };
    }
    if (read.kind === 'corrupt') {
      return { memory, problem: { file: options.store.path, keptAt: read.keptAt, error: read.error } };
    }
    return { memory };
  }

  /** The memory kept in `<dataDir>/seen-slots.json`. */
  static openInDir(
    dataDir: string,
    options: Omit<SeenSlotsOptions, 'store'>,
  ): Promise<{ memory: SeenSlots; problem?: MemoryProblem }> {
    const store = jsonFileStore<SeenSlotsFile>(join(dataDir, SEEN_SLOTS_FILE), () => options.clock.wallNow());
    return SeenSlots.open({ ...options, store });
  }

  /** A memory without a file (tests, one-shot commands). */
  static inMemory(options: Omit<SeenSlotsOptions, 'store'>): SeenSlots {
    return new SeenSlots(options);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether this slot is remembered (seen within the window and not yet started). */
  remembers(scope: SlotScope, slot: Slot): boolean {
    const entry = this.entries.get(slotKey(scope, slot));
    return entry !== undefined && this.isLive(entry, this.options.clock.wallNow().getTime());
  }

  /**
   * Records what a check saw and returns the slots that were not remembered: those, and only those,
   * deserve an alert. A check that is not conclusive changes nothing and returns nothing, because
   * "unknown" is neither a new slot nor a vanished one. Slots on the outcome's unknown days are
   * simply not refreshed; their entries stay until they expire.
   */
  observe(scope: SlotScope, outcome: CheckOutcome, matchingSlots: readonly Slot[]): Slot[] {
    if (!isConclusive(outcome.status)) return [];
    const now = this.options.clock.wallNow().getTime();
    this.prune(now);
    const fresh: Slot[] = [];
    for (const slot of matchingSlots) {
      const key = slotKey(scope, slot);
      const entry = this.entries.get(key);
      if (entry) {
        entry.lastSeenAt = now;
        continue;
      }
      const startsAt = (this.options.slotStartsAt ?? defaultSlotStartsAt)(slot);
      if (startsAt <= now) continue; // a slot in the past cannot be booked; never alert it
      this.entries.set(key, { firstSeenAt: now, lastSeenAt: now, startsAt });
      fresh.push(slot);
    }
    void this.save();
    return fresh;
  }

  /** Writes the memory atomically; saves are serialised, and a failed save is reported, not thrown. */
  save(): Promise<void> {
    const store = this.options.store;
    if (!store) return Promise.resolve();
    this.pendingSave = this.pendingSave.then(() =>
      store.write(this.toFile()).catch((error: unknown) => this.options.onSaveError?.(error)),
    );
    return this.pendingSave;
  }

  /** Resolves once every save started so far is on disk. */
  flush(): Promise<void> {
    return this.pendingSave;
  }

  private toFile(): SeenSlotsFile {
    return { version: 1, entries: Object.fromEntries(this.entries) };
  }

  private isLive(entry: SeenEntry, now: number): boolean {
    return now < entry.startsAt && now - entry.lastSeenAt <= this.windowMs;
  }

  private prune(now = this.options.clock.wallNow().getTime()): void {
    for (const [key, entry] of this.entries) if (!this.isLive(entry, now)) this.entries.delete(key);
  }
}

export const SEEN_SLOTS_FILE = 'seen-slots.json';
