/** The watchdog: watches the engine from outside, restarts a scheduling loop that died, flags watches with no recent success, tells once. */
import type { AppSnapshot, Watch, WatchState, WatchStatus } from '../../shared/model';
import { EngineEmitter } from './engine-events';
import type { EngineEventName, EngineEvents, Unsubscribe } from './engine-events';
import type { Engine } from './engine';
import type { CancelTimer, Clock } from './ports';
import { effectiveIntervalMs, isLoopback } from './scheduler';

export const DEFAULT_STALE_AFTER_INTERVALS = 3;
export const DEFAULT_WATCHDOG_TICK_MS = 30_000;
/** A due check this late (not running, not started) means the loop lost it. */
export const DEFAULT_LATE_AFTER_MS = 60_000;
/** Restarts of a loop that keeps throwing are spaced, doubling up to this. */
export const DEFAULT_MAX_RESTART_DELAY_MS = 5 * 60_000;

/** What the watchdog needs of the engine: its snapshot, its events, and a way to decide again. */
export interface WatchdogTarget {
  snapshot(): AppSnapshot;
  on(event: 'snapshot', listener: (snapshot: AppSnapshot) => void): Unsubscribe;
  /** Recomputes every watch's next check and sets the timer again (a no-op for a healthy engine). */
  restartScheduling(): void;
}

/**
 * The engine as the watchdog sees it, read through `engine()` so the watchdog can exist first (the engine's
 * timers report their failures to it). Setting the interval to its own value makes the engine decide again and
 * set its timer: the public door to its scheduling that changes nothing else.
 */
export function engineWatchdogTarget(engine: () => Engine): WatchdogTarget {
  return {
    snapshot: () => engine().snapshot(),
    on: (event, listener) => engine().on(event, listener),
    restartScheduling: () => engine().setGlobalInterval(engine().snapshot().globalIntervalMs),
  };
}

export interface WatchdogOptions {
  target: WatchdogTarget;
  clock: Clock;
  staleAfterIntervals?: number;
  tickMs?: number;
  lateAfterMs?: number;
  maxRestartDelayMs?: number;
  /** The interval a watch runs at; the scheduler's rule by default. */
  intervalOf?: (watch: Watch, globalIntervalMs: number) => number;
  log?: (line: string) => void;
}

/** States that already told the person (or that they chose): a watchdog notice there would be a second one. */
const ALREADY_TOLD: readonly WatchState[] = ['degraded', 'blocked', 'action-needed'];
/**
 * Only a watch whose checks stopped happening (idle or ok with nothing due, or a check that never ends) gets the
 * notice: a failing one is backing off and the engine's "degraded" threshold notice speaks for it.
 */
const SILENT: readonly WatchState[] = ['idle', 'ok', 'checking'];
/** States in which no check is expected. */
const RESTING: readonly WatchState[] = ['paused', 'off', 'action-needed'];

interface Tracked {
  /** Monotonic ms since which a success is awaited: added, resumed, woken, or last success seen. */
  since: number;
  lastSuccessAt?: string;
  active: boolean;
  /** Monotonic ms the engine said the next check would start at (from its wall-clock ISO, converted once). */
  dueAt?: number;
  state: WatchState;
  stale: boolean;
  told: boolean;
}

/**
 * Observes without owning: time is measured on the monotonic clock (a wall-clock jump never makes a watch
 * look stale), and the only notice is `monitoring-stopped`, emitted on its own event source so the alert
 * dispatcher can attach to it like to the engine.
 */
export class Watchdog {
  private readonly emitter: EngineEmitter;
  private readonly tracked = new Map<string, Tracked>();
  private readonly clock: Clock;
  private cancelTick: CancelTimer | undefined;
  private cancelRestart: CancelTimer | undefined;
  private offSnapshot: Unsubscribe | undefined;
  private lastSnapshot: AppSnapshot | undefined;
  private restartFailures = 0;
  private restartCount = 0;
  private running = false;

  constructor(private readonly options: WatchdogOptions) {
    this.clock = options.clock;
    this.emitter = new EngineEmitter((error) =>
      options.log?.(`A watchdog listener failed: ${String(error)}`),
    );
  }

  /** The dispatcher's source interface: only `monitoring-stopped` is ever emitted here. */
  on<E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  /** Lets the dispatcher name the watch in its notice. */
  snapshot(): AppSnapshot {
    return this.lastSnapshot ?? this.options.target.snapshot();
  }

  /** How many times the scheduling loop was restarted. */
  get restarts(): number {
    return this.restartCount;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.offSnapshot = this.options.target.on('snapshot', (snapshot) => this.observe(snapshot));
    this.scheduleTick();
  }

  stop(): void {
    this.running = false;
    this.offSnapshot?.();
    this.cancelTick?.();
    this.cancelRestart?.();
  }

  /** The machine woke: the time asleep is nobody's fault, every watch gets a fresh three intervals. */
  noteWake(): void {
    const now = this.clock.now();
    for (const entry of this.tracked.values()) entry.since = now;
  }

  /**
   * A timer callback of the engine threw (see `guardClock`): its loop may have no timer any more.
   * Restarted at once the first time, then with a doubling delay while it keeps failing.
   */
  loopFailed(error: unknown): void {
    this.options.log?.(`The scheduling loop failed: ${messageOf(error)}; restarting it.`);
    this.restartFailures += 1;
    this.scheduleRestart();
  }

  /** Whether this watch has had no success for longer than the threshold ("needs attention"). */
  isStale(watchId: string): boolean {
    return this.tracked.get(watchId)?.stale ?? false;
  }

  /** The snapshot as the person should see it: a stale watch shows the "needs attention" state (`degraded`). */
  decorate(snapshot: AppSnapshot): AppSnapshot {
    if (![...this.tracked.values()].some((t) => t.stale)) return snapshot;
    return {
      ...snapshot,
      watches: snapshot.watches.map((entry) =>
        this.isStale(entry.watch.id) && !ALREADY_TOLD.includes(entry.status.state)
          ? { ...entry, status: { ...entry.status, state: 'degraded' } }
          : entry,
      ),
    };
  }

  /** One watchdog pass; runs on its own timer, public for tests and for hosts that want one now. */
  tick(): void {
    let snapshot: AppSnapshot;
    try {
      snapshot = this.options.target.snapshot();
    } catch (error) {
      // An engine that cannot even describe itself is as stuck as one with no timer.
      this.loopFailed(error);
      this.judge(this.lastSnapshot);
      return;
    }
    this.observe(snapshot);
    this.judge(snapshot);
  }

  private scheduleTick(): void {
    if (!this.running) return;
    this.cancelTick = this.clock.setTimer(this.options.tickMs ?? DEFAULT_WATCHDOG_TICK_MS, () => {
      this.cancelTick = undefined;
      try {
        this.tick();
      } finally {
        this.scheduleTick();
      }
    });
  }

  private observe(snapshot: AppSnapshot): void {
    this.lastSnapshot = snapshot;
    const now = this.clock.now();
    const wallNow = Date.parse(snapshot.at);
    const seen = new Set<string>();
    for (const { watch, status } of snapshot.watches) {
      seen.add(watch.id);
      const active = watch.enabled && !snapshot.paused && !RESTING.includes(status.state);
      const entry = this.tracked.get(watch.id);
      const dueAt =
        status.nextCheckAt !== undefined && Number.isFinite(wallNow)
          ? now + (Date.parse(status.nextCheckAt) - wallNow)
          : undefined;
      if (!entry) {
        this.tracked.set(watch.id, {
          since: now,
          ...(status.lastSuccessAt ? { lastSuccessAt: status.lastSuccessAt } : {}),
          active,
          ...(dueAt !== undefined ? { dueAt } : {}),
          state: status.state,
          stale: false,
          told: false,
        });
        continue;
      }
      const succeeded = status.lastSuccessAt !== undefined && status.lastSuccessAt !== entry.lastSuccessAt;
      if (succeeded || (active && !entry.active)) {
        entry.since = now;
        entry.stale = false;
        entry.told = false;
        this.restartFailures = 0;
      }
      if (status.lastSuccessAt !== undefined) entry.lastSuccessAt = status.lastSuccessAt;
      entry.active = active;
      entry.state = status.state;
      entry.dueAt = dueAt;
    }
    for (const id of this.tracked.keys()) if (!seen.has(id)) this.tracked.delete(id);
  }

  private judge(snapshot: AppSnapshot | undefined): void {
    if (!snapshot) return;
    const now = this.clock.now();
    const late = this.options.lateAfterMs ?? DEFAULT_LATE_AFTER_MS;
    let loopLost = false;
    for (const { watch, status } of snapshot.watches) {
      const entry = this.tracked.get(watch.id);
      if (!entry) continue;
      if (!entry.active) {
        entry.stale = false;
        continue;
      }
      const interval = (this.options.intervalOf ?? defaultIntervalOf)(watch, snapshot.globalIntervalMs);
      const threshold = (this.options.staleAfterIntervals ?? DEFAULT_STALE_AFTER_INTERVALS) * interval;
      const silentFor = now - entry.since;
      entry.stale = silentFor > threshold;
      const overdue = entry.state !== 'checking' && (entry.dueAt === undefined || now - entry.dueAt > late);
      if (overdue) loopLost = true;
      // A future check the engine planned (a site's Retry-After, a back-off) is waiting on purpose, not stopped.
      const planBroken = overdue || entry.state === 'checking';
      if (entry.stale && !entry.told && planBroken && SILENT.includes(entry.state)) {
        entry.told = true;
        this.emitter.emit('monitoring-stopped', {
          watchId: watch.id,
          at: this.clock.wallNow().toISOString(),
          bookingUrl: watch.bookingUrl,
          ...(entry.lastSuccessAt ? { lastSuccessAt: entry.lastSuccessAt } : {}),
          silentForMs: silentFor,
          reason: stoppedReason(status),
        });
      }
    }
    if (loopLost && !this.cancelRestart) {
      this.options.log?.('A due check did not start: restarting the scheduling loop.');
      this.restart();
    }
  }

  private scheduleRestart(): void {
    if (this.cancelRestart || !this.running) return;
    const maxDelay = this.options.maxRestartDelayMs ?? DEFAULT_MAX_RESTART_DELAY_MS;
    // The first failure is restarted at once (next turn), a loop that keeps throwing ever more slowly.
    const delay = this.restartFailures <= 1 ? 0 : Math.min(maxDelay, 1_000 * 2 ** (this.restartFailures - 2));
    this.cancelRestart = this.clock.setTimer(delay, () => {
      this.cancelRestart = undefined;
      this.restart();
    });
  }

  private restart(): void {
    this.restartCount += 1;
    try {
      this.options.target.restartScheduling();
    } catch (error) {
      this.options.log?.(`Restarting the scheduling loop failed: ${messageOf(error)}.`);
      this.restartFailures += 1;
      this.scheduleRestart();
    }
  }
}

/**
 * The engine's clock with every timer callback guarded: a throw in the scheduling loop (a bug, a broken
 * listener) is handed to the watchdog instead of escaping as an uncaught exception and leaving no timer.
 */
export function guardClock(clock: Clock, onError: (error: unknown) => void): Clock {
  return {
    now: () => clock.now(),
    wallNow: () => clock.wallNow(),
    setTimer: (ms, fn) =>
      clock.setTimer(ms, () => {
        try {
          fn();
        } catch (error) {
          onError(error);
        }
      }),
  };
}

function defaultIntervalOf(watch: Watch, globalIntervalMs: number): number {
  return effectiveIntervalMs(watch.intervalMs, globalIntervalMs, isLoopback(watch.bookingUrl));
}

function stoppedReason(status: WatchStatus): string {
  if (status.state === 'checking') return 'A check has been running far longer than it may.';
  return 'No check ran when it was due.';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
