/** The alert dispatcher: engine events → alerts → every enabled channel, independently, once each, with retries and quiet hours. */
import { createHash } from 'node:crypto';
import { ALERT_CHANNEL_NAMES } from '../../../shared/alert-settings';
import type { AlertChannelName, AlertSettings } from '../../../shared/alert-settings';
import type { ActivityLog, DeliveryActivity } from '../activity-log';
import type { EngineEvents, Unsubscribe } from '../engine-events';
import type { AppSnapshot } from '../../../shared/model';
import type { CancelTimer, Clock } from '../ports';
import { asDeliveryError } from './alert-channel';
import type { AlertChannel, DeliveryError } from './alert-channel';
import { ALERTING_EVENTS, alertFromEvent } from './alert';
import type { Alert, WatchDescription } from './alert';
import { renderAlert } from './alert-messages';
import { createAlertChannel, machineTimeZone } from './channel-factory';
import type { ChannelDependencies } from './channel-factory';
import type { DesktopNotifier } from './desktop-channel';
import { isQuietAt, quietEndsAfter } from './quiet-hours';

/** Exponential backoff for retryable failures: initial, ×factor each time, capped; then AmbiSlot gives up. */
export interface RetryPolicy {
  initialDelayMs: number;
  factor: number;
  maxDelayMs: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  initialDelayMs: 30_000,
  factor: 2,
  maxDelayMs: 30 * 60_000,
  maxAttempts: 8,
};

/**
 * A refusal such as SMTP 535 rarely passes by itself, but sometimes does (a provider's auth back end having a bad
 * minute): tried twice more, slowly, so a wrong password never hammers the server, then parked until the
 * person changes that channel's settings.
 */
export const DEFAULT_REFUSED_RETRY_POLICY: RetryPolicy = {
  initialDelayMs: 10 * 60_000,
  factor: 3,
  maxDelayMs: 30 * 60_000,
  maxAttempts: 3,
};

/** A channel that just started failing: told once per distinct reply, for the window ("e-mail: 535 …"). */
export interface ChannelProblem {
  channel: AlertChannelName;
  at: string;
  alertId: string;
  serverReply: string;
  hint?: string;
  retryable: boolean;
}

/** Anything that emits the engine's events: the Engine itself, or a test emitter. */
export interface AlertEventSource {
  on<E extends keyof EngineEvents>(event: E, listener: (payload: EngineEvents[E]) => void): Unsubscribe;
  snapshot?(): AppSnapshot;
}

export interface DispatcherOptions {
  /** Read at every attempt, so a saved change (a fixed password, a channel switched off) applies at once. */
  getSettings: () => AlertSettings;
  desktopNotifier: DesktopNotifier;
  clock: Clock;
  activityLog: ActivityLog;
  /** The reader's zone, for quiet hours and "your time". Default: the machine's. */
  userTimeZone?: string;
  retry?: Partial<RetryPolicy>;
  /** Retries of a failure marked not retryable (a refused password or token); see DEFAULT_REFUSED_RETRY_POLICY. */
  refusedRetry?: Partial<RetryPolicy>;
  /**
   * An attempt still running after this long is aborted and counts as a retryable failure. Default 60 s: a
   * safety net for a channel that never settles (a stuck notifier); the network channels time out sooner on
   * their own (SMTP 20 s, HTTP 15 s), so an answer already on its way is not cut off and then sent twice.
   */
  attemptTimeoutMs?: number;
  /** Names a watch in notices, which carry only its id. Default with `attach`: the engine's snapshot. */
  describeWatch?: (watchId: string) => WatchDescription | undefined;
  onChannelProblem?: (problem: ChannelProblem) => void;
  /** A channel that had a problem delivered again. */
  onChannelRecovered?: (channel: AlertChannelName) => void;
  /** Extra CAs for the e-mail channel (a self-hosted server's own certificate). */
  emailExtraCa?: string | string[];
  /** Replaces the built-in channels (tests of the dispatcher's own rules). */
  createChannel?: (
    name: AlertChannelName,
    settings: AlertSettings,
    deps: ChannelDependencies,
  ) => AlertChannel;
  /** A non-retryable failure is retried when that channel's settings change, if the alert is younger than this. Default 6 h. */
  parkedMaxAgeMs?: number;
}

export const DEFAULT_ATTEMPT_TIMEOUT_MS = 60_000;
export const DEFAULT_PARKED_MAX_AGE_MS = 6 * 3_600_000;
/** Dedup keys kept; older finished deliveries are forgotten beyond this (the engine's memory dedups slots anyway). */
const MAX_REMEMBERED_DELIVERIES = 5_000;

/**
 * Where one (alert, channel) delivery stands. `parked`: refused (535, a refused token) and out of its slow
 * retries — tried again only when that channel's settings change. `gave-up`: retryable, but out of attempts.
 */
type DeliveryState = 'held' | 'sending' | 'waiting-retry' | 'parked' | 'delivered' | 'gave-up' | 'cancelled';

interface Delivery {
  alert: Alert;
  channel: AlertChannelName;
  title: string;
  attempts: number;
  state: DeliveryState;
  cancelTimer?: CancelTimer;
  abort?: AbortController;
}

/**
 * Sends each alert to every enabled channel, each on its own: one channel's failure, slowness or retries
 * never delay, block or repeat another's (case A4). Each alert id reaches a channel at most once.
 *
 * Quiet hours (per channel, on the user's clock): the desktop still shows the alert at once, silently, so it
 * waits in the notification centre and wakes nobody; e-mail, ntfy and webhook HOLD it and send it when the
 * window ends, with the time it was found in it. Nothing is dropped: a slot alert may be stale by morning, but
 * the person decided to sleep, and a missed "monitoring degraded" would be worse than a late one.
 * Held alerts live in memory; a crash loses them, but their "held" entry stays in the activity log.
 */
export class AlertDispatcher {
  private readonly deliveries = new Map<string, Delivery>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly problems = new Map<AlertChannelName, string>();
  private readonly fingerprints = new Map<AlertChannelName, string>();
  private readonly retry: RetryPolicy;
  private readonly refusedRetry: RetryPolicy;
  private readonly userTimeZone: string;
  private closed = false;

  constructor(private readonly options: DispatcherOptions) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.refusedRetry = { ...DEFAULT_REFUSED_RETRY_POLICY, ...options.refusedRetry };
    this.userTimeZone = options.userTimeZone ?? machineTimeZone();
    const settings = options.getSettings();
    for (const name of ALERT_CHANNEL_NAMES) this.fingerprints.set(name, fingerprint(settings, name));
  }

  /** Subscribes to the engine's alerting events; returns the unsubscribe. */
  attach(source: AlertEventSource): Unsubscribe {
    const describe =
      this.options.describeWatch ??
      (source.snapshot ? describeFromSnapshot(() => source.snapshot!()) : undefined);
    const offs = ALERTING_EVENTS.map((name) =>
      source.on(name, (event: EngineEvents[typeof name]) => {
        this.dispatch(alertFromEvent(name, event, describe?.(event.watchId)));
      }),
    );
    return () => offs.forEach((off) => off());
  }

  /** Starts the delivery of `alert` to every enabled channel; returns at once (deliveries run on their own). */
  dispatch(alert: Alert): void {
    if (this.closed) return;
    const settings = this.options.getSettings();
    for (const channel of ALERT_CHANNEL_NAMES) {
      if (!settings[channel].enabled) continue;
      const key = deliveryKey(alert.id, channel);
      if (this.deliveries.has(key)) continue; // the same alert twice: each channel gets it once
      const title = renderAlert(alert, {
        language: settings.language,
        userTimeZone: this.userTimeZone,
      }).title;
      const delivery: Delivery = { alert, channel, title, attempts: 0, state: 'held' };
      this.deliveries.set(key, delivery);
      this.startOrHold(delivery);
    }
    this.forgetOldDeliveries();
  }

  /**
   * Call after the alert settings were saved. A channel whose settings changed gets its parked and waiting
   * deliveries tried again now (the person may just have fixed the password); a switched-off channel's are cancelled.
   */
  settingsChanged(): void {
    const settings = this.options.getSettings();
    for (const channel of ALERT_CHANNEL_NAMES) {
      const next = fingerprint(settings, channel);
      if (next === this.fingerprints.get(channel)) continue;
      this.fingerprints.set(channel, next);
      // Still a problem until a delivery works, but a failure with the new settings is news: tell it again.
      if (this.problems.has(channel)) this.problems.set(channel, '');
      const maxAge = this.options.parkedMaxAgeMs ?? DEFAULT_PARKED_MAX_AGE_MS;
      for (const delivery of this.deliveries.values()) {
        if (delivery.channel !== channel) continue;
        if (delivery.state !== 'parked' && delivery.state !== 'waiting-retry' && delivery.state !== 'held')
          continue;
        delivery.cancelTimer?.();
        if (!settings[channel].enabled) {
          delivery.state = 'cancelled';
          continue;
        }
        const age = this.options.clock.wallNow().getTime() - Date.parse(delivery.alert.at);
        if (delivery.state === 'parked' && age > maxAge) continue;
        this.startOrHold(delivery);
      }
    }
  }

  /** Resolves when no attempt is running (held and waiting deliveries do not count). Tests and shutdown use it. */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Cancels timers and aborts running attempts; later events are ignored. */
  close(): void {
    this.closed = true;
    for (const delivery of this.deliveries.values()) {
      delivery.cancelTimer?.();
      delivery.abort?.abort(new Error('AmbiSlot is closing'));
    }
  }

  private settingsNow(): AlertSettings {
    return this.options.getSettings();
  }

  private isQuiet(channel: AlertChannelName, settings: AlertSettings): boolean {
    return isQuietAt(settings[channel].quietHours, this.options.clock.wallNow(), this.userTimeZone);
  }

  private startOrHold(delivery: Delivery): void {
    const settings = this.settingsNow();
    const quiet = settings[delivery.channel].quietHours;
    if (delivery.channel !== 'desktop' && quiet && this.isQuiet(delivery.channel, settings)) {
      const now = this.options.clock.wallNow();
      const end = quietEndsAfter(quiet, now, this.userTimeZone);
      delivery.state = 'held';
      delivery.cancelTimer = this.options.clock.setTimer(end.getTime() - now.getTime(), () =>
        this.startOrHold(delivery),
      );
      this.record(delivery, { outcome: 'held', nextAttemptAt: end.toISOString() });
      return;
    }
    this.attempt(delivery);
  }

  private attempt(delivery: Delivery): void {
    if (this.closed) return;
    const settings = this.settingsNow();
    if (!settings[delivery.channel].enabled) {
      delivery.state = 'cancelled';
      return;
    }
    delivery.attempts += 1;
    delivery.state = 'sending';
    const silent = delivery.channel === 'desktop' && this.isQuiet('desktop', settings);
    const channel = (this.options.createChannel ?? createAlertChannel)(delivery.channel, settings, {
      desktopNotifier: this.options.desktopNotifier,
      userTimeZone: this.userTimeZone,
      silent: () => silent,
      ...(this.options.emailExtraCa ? { emailExtraCa: this.options.emailExtraCa } : {}),
    });
    const abort = new AbortController();
    delivery.abort = abort;
    const cancelTimeout = this.options.clock.setTimer(
      this.options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS,
      () => abort.abort(new Error('timed out')),
    );
    const run = (async () => {
      try {
        // A channel that throws synchronously is still only that channel's failure.
        await channel.send(delivery.alert, abort.signal);
        this.succeeded(delivery, silent);
      } catch (error) {
        this.failed(delivery, asDeliveryError(delivery.channel, error));
      } finally {
        cancelTimeout();
        delete delivery.abort;
      }
    })();
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  private succeeded(delivery: Delivery, silent: boolean): void {
    delivery.state = 'delivered';
    this.record(delivery, { outcome: 'delivered', ...(silent ? { silent: true } : {}) });
    if (this.problems.delete(delivery.channel)) this.options.onChannelRecovered?.(delivery.channel);
  }

  private failed(delivery: Delivery, error: DeliveryError): void {
    if (this.closed) return;
    const policy = error.retryable ? this.retry : this.refusedRetry;
    const canRetry = delivery.attempts < policy.maxAttempts;
    let nextAttemptAt: string | undefined;
    if (canRetry) {
      const backoff = Math.min(
        policy.maxDelayMs,
        policy.initialDelayMs * policy.factor ** (delivery.attempts - 1),
      );
      // A server that said how long to wait is believed, within reason.
      const delay = Math.max(backoff, Math.min(error.retryAfterMs ?? 0, 2 * this.retry.maxDelayMs));
      delivery.state = 'waiting-retry';
      delivery.cancelTimer = this.options.clock.setTimer(delay, () => this.startOrHold(delivery));
      nextAttemptAt = new Date(this.options.clock.wallNow().getTime() + delay).toISOString();
    } else {
      delivery.state = error.retryable ? 'gave-up' : 'parked';
    }
    this.record(delivery, {
      outcome: 'failed',
      retryable: error.retryable,
      serverReply: error.serverReply,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(nextAttemptAt ? { nextAttemptAt } : {}),
    });
    // The window shows a failing channel once, not once per alert or per retry.
    if (this.problems.get(delivery.channel) !== error.serverReply) {
      this.problems.set(delivery.channel, error.serverReply);
      this.options.onChannelProblem?.({
        channel: delivery.channel,
        at: this.options.clock.wallNow().toISOString(),
        alertId: delivery.alert.id,
        serverReply: error.serverReply,
        retryable: error.retryable,
        ...(error.hint ? { hint: error.hint } : {}),
      });
    }
  }

  private record(
    delivery: Delivery,
    step: Pick<
      DeliveryActivity,
      'outcome' | 'silent' | 'retryable' | 'serverReply' | 'hint' | 'nextAttemptAt'
    >,
  ): void {
    this.options.activityLog.record({
      type: 'delivery',
      at: this.options.clock.wallNow().toISOString(),
      channel: delivery.channel,
      alertId: delivery.alert.id,
      alertKind: delivery.alert.kind,
      ...(delivery.alert.watchId ? { watchId: delivery.alert.watchId } : {}),
      title: delivery.title,
      attempt: delivery.attempts,
      ...step,
    });
  }

  private forgetOldDeliveries(): void {
    if (this.deliveries.size <= MAX_REMEMBERED_DELIVERIES) return;
    for (const [key, delivery] of this.deliveries) {
      if (this.deliveries.size <= MAX_REMEMBERED_DELIVERIES) break;
      // Only finished ones: forgetting a pending delivery would lose it.
      if (delivery.state === 'delivered' || delivery.state === 'gave-up' || delivery.state === 'cancelled') {
        this.deliveries.delete(key);
      }
    }
  }
}

function deliveryKey(alertId: string, channel: AlertChannelName): string {
  return `${channel}\u0000${alertId}`;
}

/** A digest of one channel's settings: enough to see a change, without keeping a second copy of its secrets. */
function fingerprint(settings: AlertSettings, channel: AlertChannelName): string {
  return createHash('sha256').update(JSON.stringify(settings[channel])).digest('hex');
}

function describeFromSnapshot(
  snapshot: () => AppSnapshot,
): (watchId: string) => WatchDescription | undefined {
  return (watchId) => {
    const entry = snapshot().watches.find((w) => w.watch.id === watchId);
    if (!entry) return undefined;
    const target = entry.status.target;
    return {
      ...(entry.watch.label ? { label: entry.watch.label } : {}),
      ...(target?.consulate ? { consulate: target.consulate } : {}),
      ...(target?.service ? { service: target.service } : {}),
    };
  };
}
