/** The domain vocabulary shared by main, preload and renderer: slots, filters, check outcomes. */
import type { OutcomeExplanation } from './outcome-reasons';

/** A calendar day in the consulate's own time zone, `YYYY-MM-DD`. Never parse it with `new Date()`. */
export type CalendarDay = string;
/** A wall-clock time in the consulate's own time zone, `HH:MM`. */
export type WallTime = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** One bookable appointment start. Date, time and zone always travel together. */
export interface Slot {
  date: CalendarDay;
  time: WallTime;
  /** IANA zone of the consulate, e.g. `Europe/London`. */
  timeZone: string;
  /** Places left at that time, as the site reports it. */
  capacity: number;
}

/** An hour window in consulate time; both ends inclusive. `from > to` wraps past midnight. */
export interface HourWindow {
  from: WallTime;
  to: WallTime;
}

/** What the person wants. Every field is optional; an empty filter matches every slot. */
export interface SlotFilter {
  /** First acceptable day (inclusive), consulate zone. */
  from?: CalendarDay;
  /** Last acceptable day (inclusive: the whole day counts), consulate zone. */
  to?: CalendarDay;
  /** Only these weekdays, evaluated in the consulate zone. */
  weekdays?: Weekday[];
  /** Only slots starting inside one of these windows, consulate time. */
  hours?: HourWindow[];
  /** Strictly earlier than this day ("earlier than my current appointment"). */
  before?: CalendarDay;
  /** Relative: starts no later than now + this many hours (an exact instant, not a day count). */
  withinHours?: number;
}

/**
 * How a check ended. Only `slots` and `no-slots` are conclusions about the calendar;
 * every other status means "unknown" and must never be read as "no slots".
 */
export type CheckStatus =
  'slots' | 'no-slots' | 'blocked' | 'captcha' | 'session-lost' | 'site-changed' | 'unreachable';

export const CONCLUSIVE_STATUSES: readonly CheckStatus[] = ['slots', 'no-slots'];

export function isConclusive(status: CheckStatus): boolean {
  return CONCLUSIVE_STATUSES.includes(status);
}

/**
 * When a service publishes the next day of its calendar (§2.2 `dynamic_calendar_opening`): every day at
 * `opening` consulate time the window's last day moves one day on, and that is when most fresh slots appear.
 */
export interface ReleaseSchedule {
  /** Consulate wall time new days open, `HH:MM`. */
  opening: WallTime;
  /** IANA zone of the consulate; the opening follows its DST. */
  timeZone: string;
  /** How many days after the opening day the newly opened day lies (`dynamic_calendar.end` in days), when fixed. */
  windowDays?: number;
}

/** What the page told us about the consulate and the service being read. */
export interface CheckTarget {
  consulate: string;
  service: string;
  timeZone: string;
  /** The booking page a person opens to book (the URL they gave us, normalised). */
  bookingUrl: string;
  teamId?: string;
  serviceId?: string;
  /** Present when the service opens new days daily at a fixed time (its calendar is dynamic). */
  release?: ReleaseSchedule;
}

/** The outcome of one check. Every check ends in exactly one of these. */
export interface CheckOutcome {
  status: CheckStatus;
  /** One sentence a person understands: what happened and, if needed, what to do (English). */
  reason: string;
  /** The same reason as data, for the person's language (shared/outcome-reasons.ts); absent on older records. */
  explanation?: OutcomeExplanation;
  /** ISO instant when the check finished. */
  checkedAt: string;
  /** Known once the page said which consulate and service this is. */
  target?: CheckTarget;
  /** Every free slot read (matching or not). Empty unless status is `slots`. */
  slots: Slot[];
  /** The bookable window the server announced, if it was read. */
  window?: { start: CalendarDay; end: CalendarDay };
  /** Days that could hold slots but whose request failed: unknown, not empty. */
  unknownDays: CalendarDay[];
  /** For `blocked`: how long the site asked us to wait. */
  retryAfterMs?: number;
  /** For `site-changed`: the name of what was not found on the page. */
  missing?: string;
  /** API requests the check caused on the site (the page's own and ours). */
  apiRequests: number;
}

/** A watch: "this booking page, these filters, this often". */
export interface Watch {
  id: string;
  /** The booking page URL exactly as the person copied it. */
  bookingUrl: string;
  filter: SlotFilter;
  /** Its own interval; undefined means "the global interval", which may change later. */
  intervalMs?: number;
  /** Off means never checked until switched on. */
  enabled: boolean;
  /** A name the person chose, shown instead of the URL. */
  label?: string;
}

/**
 * Where a watch stands, for the tray and the window. `failing` is a failure below the degraded
 * threshold; `degraded` is at or above it; `blocked` means the site asked us to wait;
 * `action-needed` means a person must solve a challenge before checks resume.
 */
export type WatchState =
  'idle' | 'checking' | 'ok' | 'failing' | 'degraded' | 'blocked' | 'action-needed' | 'paused' | 'off';

export interface WatchStatus {
  watchId: string;
  state: WatchState;
  /** ISO instants. */
  lastCheckAt?: string;
  lastSuccessAt?: string;
  nextCheckAt?: string;
  /** The last outcome, conclusive or not. */
  outcome?: CheckOutcome;
  /** Matching slots known from the last conclusive check (kept through failures: unknown is not empty). */
  slots: Slot[];
  consecutiveFailures: number;
  /** What the page said the watch is about, once known. */
  target?: CheckTarget;
  /**
   * The service's next opening of a new day (ISO instant), once a conclusive check read its release schedule,
   * and whether a check is planned just after it (false while paused, off, failing or blocked past it).
   */
  nextRelease?: { at: string; checkPlanned: boolean; day?: CalendarDay };
}

/** Everything the window and the tray draw, in one object. */
export interface AppSnapshot {
  /** ISO instant the snapshot was taken. */
  at: string;
  /** Every watch paused at once (tray "Pause"). */
  paused: boolean;
  globalIntervalMs: number;
  watches: { watch: Watch; status: WatchStatus }[];
}
