/** The engine's ports to time, chance and disk, with the real implementations; tests swap in fakes. */
import { performance } from 'node:perf_hooks';

/** Cancels a timer set with `Clock.setTimer`; calling it twice is harmless. */
export type CancelTimer = () => void;

/**
 * Time as the engine sees it. `now()` is monotonic (never jumps when the wall clock is changed),
 * so every schedule decision uses it; `wallNow()` is only for timestamps shown to people and
 * for memory that must survive a restart.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale; only differences between two readings mean anything. */
  now(): number;
  /** The wall clock, for ISO timestamps and persisted expiries. */
  wallNow(): Date;
  /** Runs `fn` once after `ms` milliseconds of monotonic time. */
  setTimer(ms: number, fn: () => void): CancelTimer;
}

/** The longest delay setTimeout honours. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The real clock: `performance.now()` for schedules, `Date` for timestamps. */
export const systemClock: Clock = {
  now: () => performance.now(),
  wallNow: () => new Date(),
  setTimer(ms, fn) {
    // setTimeout fires at once for delays past 2^31-1 ms (about 24.8 days); wait in steps instead.
    const due = performance.now() + Math.max(0, ms);
    let handle: ReturnType<typeof setTimeout>;
    const arm = () => {
      const left = due - performance.now();
      handle = left > MAX_TIMER_MS ? setTimeout(arm, MAX_TIMER_MS) : setTimeout(fn, Math.max(0, left));
    };
    arm();
    return () => clearTimeout(handle);
  },
};

/** A source of uniform numbers in [0, 1), injected so jitter is testable. */
export interface Random {
  next(): number;
}

export const systemRandom: Random = { next: () => Math.random() };

/** What reading a JSON file found. A corrupt file has already been moved aside when this returns. */
export type JsonReadResult<T> =
  { kind: 'missing' } | { kind: 'ok'; value: T } | { kind: 'corrupt'; keptAt: string; error: string };

/** A JSON document on disk, written atomically: a reader sees the old or the new file, never half of one. */
export interface JsonFileStore<T> {
  readonly path: string;
  /** `parse` validates the decoded JSON and throws on a wrong shape, which counts as corrupt. */
  read(parse: (raw: unknown) => T): Promise<JsonReadResult<T>>;
  write(value: T): Promise<void>;
}
