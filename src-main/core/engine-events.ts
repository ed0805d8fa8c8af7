/** The engine's typed events and a tiny emitter whose listeners can never break the engine. */
import type { OutcomeExplanation } from '../../shared/outcome-reasons';
import type { AppSnapshot, CheckStatus, Slot, WatchState, WatchStatus } from '../../shared/model';

/** Fields every watch event carries. `at` is an ISO instant (wall clock). */
interface WatchEventBase {
  watchId: string;
  at: string;
  bookingUrl: string;
}

/** New matching slots from one check, in ONE event however many there are (case A5). */
export interface NewSlotsEvent extends WatchEventBase {
  consulate: string;
  service: string;
  count: number;
  /** The earliest of `slots` (they are sorted by start). */
  earliest: Slot;
  slots: Slot[];
}

/** Matching slots a conclusive check no longer shows (never inferred from a failed check or an unknown day). */
export interface GoneEvent extends WatchEventBase {
  consulate: string;
  service: string;
  slots: Slot[];
}

/** The watch's state or last outcome kind changed. */
export interface StatusEvent extends WatchEventBase {
  state: WatchState;
  previousState: WatchState;
  outcome?: CheckStatus;
  reason: string;
  status: WatchStatus;
}

/** One notice per failure episode, at the threshold (case A3). */
export interface DegradedEvent extends WatchEventBase {
  consecutiveFailures: number;
  lastStatus: CheckStatus;
  reason: string;
  /** The reason as data, for the person's language. */
  explanation?: OutcomeExplanation;
}

/** One notice when a degraded watch concludes again. */
export interface RecoveredEvent extends WatchEventBase {
  failedChecks: number;
}

/** A challenge needs a person; the watch is paused until resumed. One per episode (case S2). */
export interface ActionNeededEvent extends WatchEventBase {
  reason: string;
  /** The reason as data, for the person's language. */
  explanation?: OutcomeExplanation;
}

/** The site asked us to wait; nothing on that site runs before `retryAt`. One per episode (case S1). */
export interface BlockedEvent extends WatchEventBase {
  site: string;
  retryAt: string;
  reason: string;
  /** The reason as data, for the person's language. */
  explanation?: OutcomeExplanation;
}

/**
 * The watchdog found no successful check for longer than its threshold (3 intervals) while nothing else
 * told the person why: checks stopped happening. One per episode.
 */
export interface MonitoringStoppedEvent extends WatchEventBase {
  /** ISO instant of the last successful check, if there ever was one. */
  lastSuccessAt?: string;
  /** How long nothing succeeded, in monotonic milliseconds. */
  silentForMs: number;
  reason: string;
}

/** The alert memory could not be read: it was kept aside and the memory started empty. Told once. */
export interface MemoryProblemEvent {
  at: string;
  file: string;
  keptAt: string;
  error: string;
}

export interface EngineEvents {
  'new-slots': NewSlotsEvent;
  gone: GoneEvent;
  status: StatusEvent;
  degraded: DegradedEvent;
  recovered: RecoveredEvent;
  'action-needed': ActionNeededEvent;
  blocked: BlockedEvent;
  'memory-problem': MemoryProblemEvent;
  'monitoring-stopped': MonitoringStoppedEvent;
  snapshot: AppSnapshot;
}

export type EngineEventName = keyof EngineEvents;
export type Unsubscribe = () => void;

/**
 * Synchronous, typed emitter. A throwing listener is reported to `onListenerError` and the others
 * still run: one failing alert channel must never block another, nor the engine.
 */
export class EngineEmitter {
  private readonly listeners = new Map<EngineEventName, Set<(payload: never) => void>>();

  constructor(
    private readonly onListenerError: (error: unknown, event: EngineEventName) => void = () => {},
  ) {}

  on<E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void): Unsubscribe {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<E extends EngineEventName>(event: E, payload: EngineEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as (p: EngineEvents[E]) => void)(payload);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
  }
}
