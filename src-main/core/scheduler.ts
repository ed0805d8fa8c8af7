/** Pure scheduling decisions: when a watch is due, how far to back off, and when a site may be asked again. */

export const DEFAULT_INTERVAL_MS = 3 * 60_000;
/** Real sites are never polled faster than this, whatever a person types. */
export const REAL_SITE_FLOOR_MS = 60_000;
/** Loopback origins (the replica, the demo) may go this fast. */
export const LOOPBACK_FLOOR_MS = 1_000;
/** Each wait is stretched or shrunk by up to this fraction so watches never march in step. */
export const JITTER_FRACTION = 0.2;
/** Back-off after errors never waits longer than this. */
export const MAX_BACKOFF_MS = 30 * 60_000;
/** Default gap between two check starts on the same site, shared by all its watches. */
export const DEFAULT_SITE_SPACING_MS = 20_000;
export const LOOPBACK_SITE_SPACING_MS = 0;

/** A site is the origin of a booking URL: every watch on it shares its politeness budget. */
export function siteOf(bookingUrl: string): string {
  try {
    return new URL(bookingUrl).origin;
  } catch {
    return bookingUrl;
  }
}

/** Loopback hosts are ours (replica, demo), so the real-site floor does not protect anyone there. */
export function isLoopback(bookingUrl: string): boolean {
  let host: string;
  try {
    host = new URL(bookingUrl).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The least wait between two checks of one watch on this kind of site. */
export function intervalFloorMs(loopback: boolean): number {
  return loopback ? LOOPBACK_FLOOR_MS : REAL_SITE_FLOOR_MS;
}

/** The interval a watch runs at: its own, else the global one, never under the floor for its site. */
export function effectiveIntervalMs(
  watchIntervalMs: number | undefined,
  globalIntervalMs: number,
  loopback: boolean,
): number {
  const floor = intervalFloorMs(loopback);
  const wanted = watchIntervalMs ?? globalIntervalMs;
  return Math.max(floor, Number.isFinite(wanted) ? wanted : DEFAULT_INTERVAL_MS);
}

/** A jitter factor in [-JITTER_FRACTION, +JITTER_FRACTION) from a uniform number in [0, 1). */
export function jitterFactor(uniform: number): number {
  return (uniform * 2 - 1) * JITTER_FRACTION;
}

/**
 * The wait after a check: the interval when the last check concluded, doubled per consecutive
 * failure otherwise, capped at MAX_BACKOFF_MS (unless the interval itself is longer), then jittered.
 * The jitter never pushes a back-off past the cap nor any wait under `floorMs`.
 */
export function delayAfterCheckMs(input: {
  intervalMs: number;
  consecutiveFailures: number;
  jitter: number;
  floorMs: number;
}): number {
  const { intervalMs, consecutiveFailures, jitter, floorMs } = input;
  const cap = Math.max(intervalMs, MAX_BACKOFF_MS);
  const base =
    consecutiveFailures > 0 ? Math.min(cap, intervalMs * 2 ** Math.min(consecutiveFailures, 30)) : intervalMs;
  const jittered = base * (1 + jitter);
  return Math.round(Math.max(floorMs, consecutiveFailures > 0 ? Math.min(cap, jittered) : jittered));
}

/** What the scheduler remembers about one watch; everything else is derived at decision time. */
export interface WatchScheduleState {
  /** Monotonic time the watch was added or resumed: it is due at once then. */
  readySince: number;
  /** Monotonic time the last check finished, if any since `readySince`. */
  lastFinishedAt?: number;
  consecutiveFailures: number;
  /** Drawn once per check so the due time is stable between two decisions. */
  jitter: number;
  /** A "check now" waiting to run. */
  requestedAt?: number;
  paused: boolean;
}

export interface ScheduleSettings {
  globalIntervalMs: number;
}

/**
 * When a watch is due, ignoring its site. Derived from state and the current settings, so a changed
 * global interval applies to every watch that uses it at the next decision. Undefined when paused.
 */
export function watchDueAt(
  state: WatchScheduleState,
  watchIntervalMs: number | undefined,
  settings: ScheduleSettings,
  loopback: boolean,
): number | undefined {
  if (state.paused) return undefined;
  if (state.requestedAt !== undefined) return state.requestedAt;
  if (state.lastFinishedAt === undefined) return state.readySince;
  const intervalMs = effectiveIntervalMs(watchIntervalMs, settings.globalIntervalMs, loopback);
  return (
    state.lastFinishedAt +
    delayAfterCheckMs({
      intervalMs,
      consecutiveFailures: state.consecutiveFailures,
      jitter: state.jitter,
      floorMs: loopback ? LOOPBACK_FLOOR_MS : REAL_SITE_FLOOR_MS,
    })
  );
}

/**
 * Whether a watch whose service opens new days at a known time follows the release plan (release-plan.ts) for
 * its next check: only after a concluded check, with no "check now" waiting. Failures keep the plain back-off:
 * being early for an opening never outweighs easing off a site that is failing.
 */
export function followsReleasePlan(state: WatchScheduleState): boolean {
  return (
    !state.paused &&
    state.requestedAt === undefined &&
    state.lastFinishedAt !== undefined &&
    state.consecutiveFailures === 0
  );
}

/** What the scheduler remembers about one site, shared by all its watches. */
export interface SiteState {
  /** Monotonic time the last check on this site started. */
  lastStartAt?: number;
  /** The site asked us to wait (Retry-After) or blocked us: nothing runs before this. */
  blockedUntil?: number;
  /** Consecutive blocked answers without Retry-After, for the site's own back-off. */
  consecutiveBlocks: number;
}

/** The earliest a new check may start on a site: after the spacing since the last start, and after any block. */
export function siteOpensAt(site: SiteState, spacingMs: number): number {
  const afterSpacing = site.lastStartAt === undefined ? -Infinity : site.lastStartAt + spacingMs;
  return Math.max(afterSpacing, site.blockedUntil ?? -Infinity);
}

/** When a watch actually may run: when it is due and its site is open. */
export function nextStartAt(watchDue: number | undefined, siteOpens: number): number | undefined {
  return watchDue === undefined ? undefined : Math.max(watchDue, siteOpens);
}

/**
 * How long a blocked site stays closed: the Retry-After it sent, else an exponential back-off that
 * reaches the cap (S1: without Retry-After the wait grows to 30 min).
 */
export function blockDurationMs(
  retryAfterMs: number | undefined,
  consecutiveBlocks: number,
  intervalMs: number,
): number {
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0) return retryAfterMs;
  return Math.min(
    MAX_BACKOFF_MS,
    Math.max(intervalMs, REAL_SITE_FLOOR_MS) * 2 ** Math.max(0, consecutiveBlocks),
  );
}
