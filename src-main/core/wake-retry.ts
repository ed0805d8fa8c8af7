/** Right after the machine wakes, a check that fails only because the network is not back yet is retried once, quietly (case D2). */
import type { CheckOutcome } from '../../shared/model';
import type { Clock } from './ports';
import type { AvailabilityProvider, CheckRequest } from './providers/provider';

/** How long after a wake an offline failure is still blamed on the wake. */
export const DEFAULT_WAKE_WINDOW_MS = 2 * 60_000;
/** Wi-Fi and DNS usually come back within seconds of a wake. */
export const DEFAULT_WAKE_RETRY_DELAY_MS = 10_000;

/**
 * Chromium's and Node's names for "no network" and "no name resolution": what a laptop sees for a few
 * seconds after it wakes. A refused connection or a 5xx is the site's answer, not this.
 */
const OFFLINE =
  /ERR_(NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|INTERNET_DISCONNECTED|NETWORK_CHANGED|NETWORK_IO_SUSPENDED|ADDRESS_UNREACHABLE)|ENOTFOUND|EAI_AGAIN|ENETUNREACH/;

export function isOfflineOutcome(outcome: CheckOutcome): boolean {
  return outcome.status === 'unreachable' && OFFLINE.test(outcome.reason);
}

export interface WakeRetryOptions {
  clock: Clock;
  windowMs?: number;
  retryDelayMs?: number;
  /** Told when a check is retried (a log line, never a notice). */
  onRetry?: (bookingUrl: string, reason: string) => void;
}

export interface WakeAwareProvider extends AvailabilityProvider {
  /** The machine just woke: the next offline failure of each watch within the window is retried once. */
  noteWake(): void;
}

/**
 * Wraps a provider so the engine only ever sees the retry's outcome: the watch never turns "failing" nor
 * counts towards "degraded" because DNS needed ten more seconds.
 */
export function retryingAfterWake(
  provider: AvailabilityProvider,
  options: WakeRetryOptions,
): WakeAwareProvider {
  const windowMs = options.windowMs ?? DEFAULT_WAKE_WINDOW_MS;
  const delayMs = options.retryDelayMs ?? DEFAULT_WAKE_RETRY_DELAY_MS;
  let wokeAt: number | undefined;
  /** Booking URLs already retried since the last wake: once each, never a loop. */
  const retried = new Set<string>();

  const afterWake = () => wokeAt !== undefined && options.clock.now() - wokeAt <= windowMs;

  return {
    noteWake() {
      wokeAt = options.clock.now();
      retried.clear();
    },
    async check(request: CheckRequest): Promise<CheckOutcome> {
      const outcome = await provider.check(request);
      if (!isOfflineOutcome(outcome) || !afterWake() || retried.has(request.bookingUrl)) return outcome;
      retried.add(request.bookingUrl);
      options.onRetry?.(request.bookingUrl, outcome.reason);
      if (!(await pause(options.clock, delayMs, request.signal))) return outcome;
      return provider.check(request);
    },
    close: () => provider.close(),
  };
}

/** Waits `ms` on the clock; false when the check was aborted meanwhile (quit, watch removed). */
function pause(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      cancel();
      resolve(false);
    };
    const cancel = clock.setTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
