/** The engine: owns the watches, runs their checks through the provider when the scheduler says so, and turns outcomes into events. */
import type { OutcomeExplanation } from '../../shared/outcome-reasons';
import { isConclusive } from '../../shared/model';
import type {
  AppSnapshot,
  CheckOutcome,
  ReleaseSchedule,
  Slot,
  SlotFilter,
  Watch,
  WatchState,
  WatchStatus,
} from '../../shared/model';
import { slotMatches as sharedSlotMatches } from '../../shared/filters';
import { slotInstant } from '../../shared/zoned-time';
import { EngineEmitter } from './engine-events';
import type { EngineEventName, EngineEvents, Unsubscribe } from './engine-events';
import { scopeOf } from './engine-scope';
import { systemClock, systemRandom } from './ports';
import type { CancelTimer, Clock, Random } from './ports';
import type { AvailabilityProvider } from './providers/provider';
import { nextOpeningAfter, planNextCheck, releasedDay } from './release-plan';
import type { ExtraCheckHint } from './release-plan';
import {
  DEFAULT_INTERVAL_MS,
  DEFAULT_SITE_SPACING_MS,
  LOOPBACK_SITE_SPACING_MS,
  blockDurationMs,
  effectiveIntervalMs,
  followsReleasePlan,
  intervalFloorMs,
  isLoopback,
  jitterFactor,
  nextStartAt,
  siteOf,
  siteOpensAt,
  watchDueAt,
} from './scheduler';
import type { SiteState, WatchScheduleState } from './scheduler';
import { SeenSlots, slotKey } from './seen-slots';
import type { MemoryProblem, SlotScope } from './seen-slots';

export const DEFAULT_DEGRADED_AFTER = 3;
export const DEFAULT_CHECK_TIMEOUT_MS = 3 * 60_000;

export interface EngineOptions {
  provider: AvailabilityProvider;
  clock?: Clock;
  random?: Random;
  /** The alert-once memory; an in-memory one when omitted (nothing survives a restart then). */
  memory?: SeenSlots;
  /** Told once at start when the memory file was corrupt and set aside. */
  memoryProblem?: MemoryProblem;
  /** Interval of every watch without its own. */
  globalIntervalMs?: number;
  /** Gap between two check starts on one real site, shared by all its watches. */
  siteSpacingMs?: number;
  /** The same for loopback origins (replica, demo). */
  loopbackSiteSpacingMs?: number;
  /** A check that has not ended by then is abandoned as `unreachable`. */
  checkTimeoutMs?: number;
  /** Consecutive failures before the one "degraded" notice. */
  degradedAfter?: number;
  /** Whether a slot matches a filter, evaluated in the slot's zone; the shared rule by default. */
  slotMatches?: (slot: Slot, filter: SlotFilter, now: Date) => boolean;
  /** Told when a listener throws; the engine goes on. */
  onListenerError?: (error: unknown, event: EngineEventName) => void;
  /** Told when applying a check's outcome or rescheduling after it throws (a bug); the watchdog restarts the loop. */
  onInternalError?: (error: unknown) => void;
  /**
   * Where history says slots appear after this watch's opening (issue 9 item 3): extra anchors of the release
   * plan, within the same budget. Asked at every plan, so it must answer from memory, never wait.
   */
  releaseHints?: (
    watch: { id: string; bookingUrl: string },
    release: ReleaseSchedule,
  ) => readonly ExtraCheckHint[];
}

interface Waiter {
  resolve: (outcome: CheckOutcome) => void;
}

/** Everything the engine keeps about one watch. */
interface WatchRuntime {
  watch: Watch;
  schedule: WatchScheduleState;
  status: WatchStatus;
  /** The check in flight, joined by "check now". */
  running?: Promise<CheckOutcome>;
  abort?: AbortController;
  /** "Check now" callers waiting for the next check to start and end. */
  waiters: Waiter[];
  /** Matching slots present at the last conclusive check, by key; the base of `gone`. */
  present: Map<string, Slot>;
  pausedBy?: 'user' | 'action-needed';
  degradedNotified: boolean;
  blockedNotified: boolean;
  actionNeededNotified: boolean;
  /** The service's release schedule from the last conclusive check; the release plan uses it. */
  release?: ReleaseSchedule;
  /** Wall-clock epoch ms the last check finished: release openings are wall-clock events. */
  lastFinishedWallAt?: number;
  /** Last (state, outcome) told through a `status` event, so only changes are told. */
  lastToldStatus?: string;
  removed: boolean;
}

/** An outcome's reason for a notice: the English sentence and, when the provider gave it, the data behind it. */
function reasonOf(outcome: CheckOutcome): { reason: string; explanation?: OutcomeExplanation } {
  return outcome.explanation
    ? { reason: outcome.reason, explanation: outcome.explanation }
    : { reason: outcome.reason };
}

export class Engine {
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly provider: AvailabilityProvider;
  private readonly memory: SeenSlots;
  private readonly emitter: EngineEmitter;
  private readonly watches = new Map<string, WatchRuntime>();
  private readonly sites = new Map<string, SiteState>();
  private readonly slotMatches: (slot: Slot, filter: SlotFilter, now: Date) => boolean;
  private globalIntervalMs: number;
  private allPaused = false;
  private started = false;
  private stopped = false;
  private cancelTimer: CancelTimer | undefined;
  private timerAt: number | undefined;

  constructor(private readonly options: EngineOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? systemRandom;
    this.provider = options.provider;
    this.memory =
      options.memory ??
      SeenSlots.inMemory({ clock: this.clock, slotStartsAt: (s) => slotInstant(s).getTime() });
    this.emitter = new EngineEmitter(options.onListenerError);
    this.globalIntervalMs = options.globalIntervalMs ?? DEFAULT_INTERVAL_MS;
    this.slotMatches = options.slotMatches ?? sharedSlotMatches;
  }

  on<E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  /** Starts scheduling. Watches added before are due at once (spaced per site). */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    const problem = this.options.memoryProblem;
    if (problem) this.emitter.emit('memory-problem', { at: this.wallIso(), ...problem });
    this.reschedule();
  }

  /** Stops scheduling, aborts checks in flight, waits for them and for the memory to be on disk. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const running = [...this.watches.values()].flatMap((rt) => {
      rt.abort?.abort(new Error('The engine is stopping.'));
      this.releaseWaiters(rt, 'The engine stopped before the check ran.');
      return rt.running ? [rt.running] : [];
    });
    await Promise.allSettled(running);
    await this.memory.flush();
  }

  addWatch(watch: Watch): void {
    if (this.watches.has(watch.id)) throw new Error(`A watch with id ${watch.id} already exists.`);
    const now = this.clock.now();
    const rt: WatchRuntime = {
      watch: { ...watch },
      schedule: { readySince: now, consecutiveFailures: 0, jitter: 0, paused: false },
      status: { watchId: watch.id, state: watch.enabled ? 'idle' : 'off', slots: [], consecutiveFailures: 0 },
      waiters: [],
      present: new Map(),
      degradedNotified: false,
      blockedNotified: false,
      actionNeededNotified: false,
      removed: false,
    };
    this.watches.set(watch.id, rt);
    this.changed();
  }

  /** Changes a watch. A new URL or filter forgets which slots were present (they may not match any more). */
  updateWatch(id: string, patch: Partial<Omit<Watch, 'id'>>): void {
    const rt = this.runtime(id);
    const before = rt.watch;
    rt.watch = { ...before, ...patch };
    if (patch.bookingUrl !== undefined && patch.bookingUrl !== before.bookingUrl) {
      rt.present.clear();
      rt.release = undefined; // another page, maybe another service: its schedule is read again
    }
    if (patch.filter !== undefined) rt.present.clear();
    if (patch.enabled === true && !before.enabled) rt.schedule.readySince = this.clock.now();
    this.changed();
  }

  /** Removes a watch; its check in flight is aborted and its outcome ignored. */
  removeWatch(id: string): void {
    const rt = this.runtime(id);
    rt.removed = true;
    rt.abort?.abort(new Error('The watch was removed.'));
    this.releaseWaiters(rt, 'The watch was removed.');
    this.watches.delete(id);
    this.changed();
  }

  /** The global interval; watches without their own use the new value at the next decision. */
  setGlobalInterval(ms: number): void {
    this.globalIntervalMs = ms;
    this.changed();
  }

  /** Pauses one watch, or every watch when `id` is omitted. A check in flight finishes. */
  pause(id?: string): void {
    if (id === undefined) this.allPaused = true;
    else {
      const rt = this.runtime(id);
      rt.pausedBy = 'user';
      rt.schedule.paused = true;
    }
    this.changed();
  }

  /** Resumes one watch (also after "action needed"), or the global pause. A resumed watch is due at once. */
  resume(id?: string): void {
    if (id === undefined) this.allPaused = false;
    else {
      const rt = this.runtime(id);
      rt.pausedBy = undefined;
      rt.schedule.paused = false;
      rt.schedule.readySince = this.clock.now();
      rt.schedule.lastFinishedAt = undefined;
    }
    this.changed();
  }

  /**
   * After the machine wakes: each watch runs once after `graceMs` (spaced per site), not a burst of
   * every check missed while asleep (case D2).
   */
  resumeAfterSleep(graceMs = 10_000): void {
    const at = this.clock.now() + graceMs;
    for (const rt of this.watches.values()) {
      if (rt.running) continue;
      rt.schedule.readySince = at;
      rt.schedule.lastFinishedAt = undefined;
    }
    this.changed();
  }

  /**
   * Runs a check as soon as the site allows. Joins the check in flight, or the one already asked for:
   * never two checks of one watch at a time, never two queued.
   */
  checkNow(id: string): Promise<CheckOutcome> {
    const rt = this.runtime(id);
    if (rt.running) return rt.running;
    if (!rt.watch.enabled) return Promise.reject(new Error(`The watch ${id} is off.`));
    if (this.stopped) return Promise.resolve(this.unreachable('The engine is stopped.'));
    const joined = new Promise<CheckOutcome>((resolve) => rt.waiters.push({ resolve }));
    if (rt.schedule.requestedAt === undefined) {
      rt.schedule.requestedAt = this.clock.now();
      this.changed();
    }
    return joined;
  }

  status(id: string): WatchStatus {
    return structuredClone(this.runtime(id).status);
  }

  snapshot(): AppSnapshot {
    return {
      at: this.wallIso(),
      paused: this.allPaused,
      globalIntervalMs: this.globalIntervalMs,
      watches: [...this.watches.values()].map((rt) => ({
        watch: structuredClone(rt.watch),
        status: structuredClone(rt.status),
      })),
    };
  }

  // --- scheduling -------------------------------------------------------------------------------

  private runtime(id: string): WatchRuntime {
    const rt = this.watches.get(id);
    if (!rt) throw new Error(`No watch with id ${id}.`);
    return rt;
  }

  private site(bookingUrl: string): SiteState {
    const key = siteOf(bookingUrl);
    let site = this.sites.get(key);
    if (!site) this.sites.set(key, (site = { consecutiveBlocks: 0 }));
    return site;
  }

  private spacingFor(bookingUrl: string): number {
    return isLoopback(bookingUrl)
      ? (this.options.loopbackSiteSpacingMs ?? LOOPBACK_SITE_SPACING_MS)
      : (this.options.siteSpacingMs ?? DEFAULT_SITE_SPACING_MS);
  }

  /** When this watch may start next (monotonic), or undefined when it will not run on its own. */
  private startAt(rt: WatchRuntime): number | undefined {
    if (rt.running || !rt.watch.enabled) return undefined;
    const asked = rt.schedule.requestedAt !== undefined;
    // A person's explicit "check now" still runs during a pause; the schedule does not.
    if (!asked && (this.allPaused || rt.schedule.paused)) return undefined;
    const due =
      this.releasePlanDueAt(rt) ??
      watchDueAt(
        { ...rt.schedule, paused: false },
        rt.watch.intervalMs,
        { globalIntervalMs: this.globalIntervalMs },
        isLoopback(rt.watch.bookingUrl),
      );
    return nextStartAt(
      due,
      siteOpensAt(this.site(rt.watch.bookingUrl), this.spacingFor(rt.watch.bookingUrl)),
    );
  }

  /**
   * When the release plan puts this watch's next check (monotonic), or undefined when the plain interval
   * decides: no release schedule known, a "check now" waiting, a failure being backed off, or no plan possible.
   */
  private releasePlanDueAt(rt: WatchRuntime): number | undefined {
    const release = rt.release;
    if (!release || rt.lastFinishedWallAt === undefined) return undefined;
    if (!followsReleasePlan({ ...rt.schedule, paused: false })) return undefined;
    const loopback = isLoopback(rt.watch.bookingUrl);
    const planned = planNextCheck({
      after: rt.lastFinishedWallAt,
      release,
      intervalMs: effectiveIntervalMs(rt.watch.intervalMs, this.globalIntervalMs, loopback),
      floorMs: intervalFloorMs(loopback),
      jitter: rt.schedule.jitter,
      extraCheckHints: this.releaseHintsFor(rt, release),
    });
    if (!planned) return undefined;
    // The opening is a wall-clock event: map it through the current wall/monotonic offset.
    return this.clock.now() + (planned.at - this.clock.wallNow().getTime());
  }

  /** The hints for this watch, or none when there is no source or it failed: a hint is never worth a missed plan. */
  private releaseHintsFor(rt: WatchRuntime, release: ReleaseSchedule): readonly ExtraCheckHint[] {
    try {
      return this.options.releaseHints?.(rt.watch, release) ?? [];
    } catch {
      return [];
    }
  }

  /** The next opening of the watch's service and whether a check is planned just after it, for the window. */
  private nextRelease(rt: WatchRuntime): WatchStatus['nextRelease'] {
    const release = rt.release;
    if (!release) return undefined;
    const wallNow = this.clock.wallNow().getTime();
    const openingAt = nextOpeningAfter(release, wallNow);
    if (openingAt === undefined) return undefined;
    const blockedUntil = this.site(rt.watch.bookingUrl).blockedUntil;
    const openingMonotonic = this.clock.now() + (openingAt - wallNow);
    const checkPlanned =
      rt.watch.enabled &&
      !this.allPaused &&
      !rt.schedule.paused &&
      this.releasePlanDueAt(rt) !== undefined &&
      (blockedUntil === undefined || blockedUntil <= openingMonotonic);
    const day = releasedDay(release, openingAt);
    return { at: new Date(openingAt).toISOString(), checkPlanned, ...(day ? { day } : {}) };
  }

  /** Something changed: refresh statuses, tell the UI, and decide again. */
  private changed(): void {
    this.reschedule();
    this.emitSnapshot();
  }

  /** Starts every watch whose time has come (site spacing permitting), then sets one timer for the next. */
  private reschedule(): void {
    if (!this.started || this.stopped) return;
    const now = this.clock.now();
    const byStart = [...this.watches.values()]
      .map((rt) => ({ rt, at: this.startAt(rt) }))
      .filter((e): e is { rt: WatchRuntime; at: number } => e.at !== undefined)
      .sort((a, b) => a.at - b.at);
    for (const { rt } of byStart) {
      const at = this.startAt(rt); // recomputed: a start just now may have closed the site
      if (at !== undefined && at <= now) this.startCheck(rt);
    }
    let next: number | undefined;
    for (const rt of this.watches.values()) {
      const at = this.startAt(rt);
      rt.status.nextCheckAt = at === undefined ? undefined : this.wallIsoAt(at);
      rt.status.nextRelease = this.nextRelease(rt);
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    if (next === this.timerAt && this.cancelTimer) return;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.timerAt = next;
    if (next !== undefined) {
      this.cancelTimer = this.clock.setTimer(Math.max(0, next - now), () => {
        this.cancelTimer = undefined;
        this.timerAt = undefined;
        this.reschedule();
      });
    }
  }

  // --- running a check --------------------------------------------------------------------------

  private startCheck(rt: WatchRuntime): void {
    const now = this.clock.now();
    this.site(rt.watch.bookingUrl).lastStartAt = now;
    rt.schedule.requestedAt = undefined;
    const waiters = rt.waiters.splice(0);
    const abort = new AbortController();
    rt.abort = abort;
    const previous = rt.status.state;
    rt.status.state = 'checking';
    const watch = rt.watch;
    const running = this.runProvider(watch, abort).then((outcome) => {
      rt.running = undefined;
      rt.abort = undefined;
      // A throw here would be an unhandled rejection leaving the loop without a timer: the watchdog restarts it.
      try {
        if (!rt.removed && !this.stopped) this.applyOutcome(rt, watch, outcome, previous);
      } catch (error) {
        // Counted as finished, so a bug never turns into a tight loop of checks on the site.
        rt.schedule.lastFinishedAt = this.clock.now();
        this.options.onInternalError?.(error);
      }
      for (const waiter of waiters) waiter.resolve(outcome);
      try {
        if (!rt.removed && !this.stopped) this.changed();
      } catch (error) {
        this.options.onInternalError?.(error);
      }
      return outcome;
    });
    rt.running = running;
    this.emitSnapshot();
  }

  /** Always ends in an outcome: a throw, an abort or a timeout is `unreachable`, never "no slots". */
  private async runProvider(watch: Watch, abort: AbortController): Promise<CheckOutcome> {
    const timeoutMs = this.options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    let cancelTimeout: CancelTimer | undefined;
    const abandoned = new Promise<CheckOutcome>((resolve) => {
      const give = () =>
        resolve(
          this.unreachable(abort.signal.reason instanceof Error ? abort.signal.reason.message : 'Aborted.'),
        );
      abort.signal.addEventListener('abort', give, { once: true });
      cancelTimeout = this.clock.setTimer(timeoutMs, () =>
        abort.abort(new Error(`The check did not finish within ${Math.round(timeoutMs / 1000)} s.`)),
      );
    });
    try {
      const checking = this.provider
        .check({ bookingUrl: watch.bookingUrl, filter: watch.filter, signal: abort.signal })
        .catch((error: unknown) =>
          this.unreachable(`The check failed: ${error instanceof Error ? error.message : String(error)}`),
        );
      return await Promise.race([checking, abandoned]);
    } finally {
      cancelTimeout?.();
    }
  }

  /** "Check now" callers whose check will never run get an honest `unreachable`, not silence. */
  private releaseWaiters(rt: WatchRuntime, reason: string): void {
    for (const waiter of rt.waiters.splice(0)) waiter.resolve(this.unreachable(reason));
    rt.schedule.requestedAt = undefined;
  }

  private unreachable(reason: string): CheckOutcome {
    return {
      status: 'unreachable',
      reason,
      checkedAt: this.wallIso(),
      slots: [],
      unknownDays: [],
      apiRequests: 0,
    };
  }

  /** Turns one outcome into status, memory and events. */
  private applyOutcome(
    rt: WatchRuntime,
    watch: Watch,
    outcome: CheckOutcome,
    previousState: WatchState,
  ): void {
    const now = this.clock.now();
    const at = this.wallIso();
    const status = rt.status;
    rt.schedule.lastFinishedAt = now;
    rt.lastFinishedWallAt = this.clock.wallNow().getTime();
    rt.schedule.jitter = jitterFactor(this.random.next());
    status.lastCheckAt = outcome.checkedAt || at;
    status.outcome = outcome;
    if (outcome.target) status.target = outcome.target;
    const base = { watchId: watch.id, at, bookingUrl: watch.bookingUrl };

    if (isConclusive(outcome.status)) {
      const failedChecks = rt.schedule.consecutiveFailures;
      rt.schedule.consecutiveFailures = 0;
      status.consecutiveFailures = 0;
      status.lastSuccessAt = status.lastCheckAt;
      status.state = rt.schedule.paused || this.allPaused ? 'paused' : 'ok';
      this.site(watch.bookingUrl).consecutiveBlocks = 0;
      // Refreshed at every conclusive check: the site may move its opening or stop opening days daily.
      rt.release = outcome.target?.release;
      if (rt.degradedNotified) this.emitter.emit('recovered', { ...base, failedChecks });
      rt.degradedNotified = false;
      rt.blockedNotified = false;
      rt.actionNeededNotified = false;
      this.applySlots(rt, watch, outcome, base);
    } else {
      rt.schedule.consecutiveFailures += 1;
      status.consecutiveFailures = rt.schedule.consecutiveFailures;
      const failures = rt.schedule.consecutiveFailures;
      const threshold = this.options.degradedAfter ?? DEFAULT_DEGRADED_AFTER;
      status.state = failures >= threshold ? 'degraded' : 'failing';
      if (outcome.status === 'blocked') this.applyBlocked(rt, watch, outcome, base);
      if (outcome.status === 'captcha') {
        // A person must solve it; checking on would only deepen the block (human in the loop).
        rt.pausedBy = 'action-needed';
        rt.schedule.paused = true;
        status.state = 'action-needed';
        if (!rt.actionNeededNotified) this.emitter.emit('action-needed', { ...base, ...reasonOf(outcome) });
        rt.actionNeededNotified = true;
      }
      // A block and a captcha have a notice of their own for the episode; a "degraded" on top would tell it twice.
      const toldByOwnNotice = outcome.status === 'blocked' || outcome.status === 'captcha';
      if (failures >= threshold && !rt.degradedNotified && !toldByOwnNotice) {
        rt.degradedNotified = true;
        this.emitter.emit('degraded', {
          ...base,
          consecutiveFailures: failures,
          lastStatus: outcome.status,
          ...reasonOf(outcome),
        });
      }
    }
    this.tellStatus(rt, previousState, outcome);
  }

  private applyBlocked(
    rt: WatchRuntime,
    watch: Watch,
    outcome: CheckOutcome,
    base: { watchId: string; at: string; bookingUrl: string },
  ): void {
    const site = this.site(watch.bookingUrl);
    const interval = effectiveIntervalMs(
      watch.intervalMs,
      this.globalIntervalMs,
      isLoopback(watch.bookingUrl),
    );
    const until = this.clock.now() + blockDurationMs(outcome.retryAfterMs, site.consecutiveBlocks, interval);
    site.blockedUntil = Math.max(site.blockedUntil ?? -Infinity, until);
    site.consecutiveBlocks += 1;
    rt.status.state = 'blocked';
    if (!rt.blockedNotified) {
      rt.blockedNotified = true;
      this.emitter.emit('blocked', {
        ...base,
        site: siteOf(watch.bookingUrl),
        retryAt: this.wallIsoAt(site.blockedUntil),
        ...reasonOf(outcome),
      });
    }
  }

  /** Alerts from the set difference of slot keys (A1), through the alert-once memory (A2, A3, D4). */
  private applySlots(
    rt: WatchRuntime,
    watch: Watch,
    outcome: CheckOutcome,
    base: { watchId: string; at: string; bookingUrl: string },
  ): void {
    const wallNow = this.clock.wallNow();
    const scope: SlotScope = scopeOf(watch.bookingUrl, outcome);
    const slots = outcome.status === 'slots' ? outcome.slots : [];
    const matching = slots.filter((slot) => this.slotMatches(slot, watch.filter, wallNow));
    const fresh = sortSlots(this.memory.observe(scope, outcome, matching));

    const unknownDays = new Set(outcome.unknownDays);
    const current = new Map(matching.map((slot) => [slotKey(scope, slot), slot]));
    const gone: Slot[] = [];
    for (const [key, slot] of rt.present) {
      if (current.has(key)) continue;
      // A slot on a day whose request failed is unknown, not gone: keep it as present.
      if (unknownDays.has(slot.date)) current.set(key, slot);
      else gone.push(slot);
    }
    rt.present = current;
    rt.status.slots = sortSlots([...current.values()]);

    const consulate = outcome.target?.consulate ?? scope.consulate;
    const service = outcome.target?.service ?? scope.service;
    const earliest = fresh[0];
    if (earliest) {
      this.emitter.emit('new-slots', {
        ...base,
        consulate,
        service,
        count: fresh.length,
        earliest,
        slots: fresh,
      });
    }
    if (gone.length > 0) this.emitter.emit('gone', { ...base, consulate, service, slots: sortSlots(gone) });
  }

  private tellStatus(rt: WatchRuntime, previousState: WatchState, outcome: CheckOutcome): void {
    const told = `${rt.status.state}|${outcome.status}`;
    if (told === rt.lastToldStatus) return;
    rt.lastToldStatus = told;
    this.emitter.emit('status', {
      watchId: rt.watch.id,
      at: this.wallIso(),
      bookingUrl: rt.watch.bookingUrl,
      state: rt.status.state,
      previousState,
      outcome: outcome.status,
      reason: outcome.reason,
      status: structuredClone(rt.status),
    });
  }

  private emitSnapshot(): void {
    for (const rt of this.watches.values()) {
      if (rt.running) continue;
      if (!rt.watch.enabled) rt.status.state = 'off';
      else if (rt.pausedBy === 'action-needed') rt.status.state = 'action-needed';
      else if (rt.schedule.paused || this.allPaused) rt.status.state = 'paused';
      else if (['paused', 'off', 'action-needed'].includes(rt.status.state)) rt.status.state = 'idle';
    }
    this.emitter.emit('snapshot', this.snapshot());
  }

  private wallIso(): string {
    return this.clock.wallNow().toISOString();
  }

  /** A monotonic instant shown as a wall-clock ISO string (for "next check at"). */
  private wallIsoAt(monotonic: number): string {
    return new Date(this.clock.wallNow().getTime() + (monotonic - this.clock.now())).toISOString();
  }
}

/** Earliest first: by the instant each slot starts, so slots of different zones compare correctly. */
function sortSlots(slots: Slot[]): Slot[] {
  return slots
    .map((slot) => ({ slot, at: slotInstant(slot).getTime() }))
    .sort((a, b) => a.at - b.at)
    .map((e) => e.slot);
}
