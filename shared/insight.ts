/** The insight the window draws: when slots appear, how long they stay free, and what that rests on (built in main). */
import type { CalendarDay, WallTime, Weekday } from './model';

export interface HeatCell {
  weekday: Weekday;
  /** 0 … 23, consulate time. */
  hour: number;
  count: number;
}

export interface Lifetimes {
  /**
   * Kaplan–Meier median of how long a slot stayed free (from the check that first showed it to the first
   * check that no longer did). Undefined while fewer than half are known to have gone.
   */
  medianMs?: number;
  /** When `medianMs` is undefined but something was observed: half the slots lasted longer than this. */
  medianAtLeastMs?: number;
  /** Kaplan–Meier share of slots gone within 5 minutes (0 … 1); undefined without any timed appearance. */
  goneWithin5MinShare?: number;
  /** Episodes that ended with the slot gone: complete observations. */
  ended: number;
  /**
   * Censored observations: still free at the last check, or whose own time came while free. Counted as
   * lasting at least as long as they were seen (first seen → last seen), never as gone.
   */
  censored: number;
}

export interface AppearanceView {
  date: CalendarDay;
  time: WallTime;
  timeZone: string;
  capacity: number;
  firstSeenAt: string;
  lastSeenAt: string;
  endedAt?: string;
  /** `open`: still free at the last check; `gone`: taken (or withdrawn); `expired`: its own time came. */
  end: 'open' | 'gone' | 'expired';
  /** Gone: first seen → first check without it; otherwise first seen → last seen (at least). */
  durationMs: number;
  /** The appearance time is known to within one check interval. */
  timed: boolean;
}

export interface DataBasis {
  /** Distinct days (consulate time) with at least one conclusive check. */
  daysObserved: number;
  checks: number;
  conclusiveChecks: number;
  /** Every appearance episode stored. */
  appearances: number;
  /** Those whose appearance time is known (the heat map and lifetimes rest on them). */
  timedAppearances: number;
  firstCheckAt?: string;
  lastCheckAt?: string;
}

export interface Insight {
  /** The consulate's zone every hour and weekday here is in; UTC when no check ever read it. */
  timeZone: string;
  /** 7 × 24 cells, Monday 00 h first: timed appearances by the weekday and hour they were first seen. */
  heatmap: HeatCell[];
  /** The busiest cell, absent without any timed appearance. Ties go to the earliest in the week. */
  peak?: HeatCell;
  /** The busiest hour of day over all weekdays. */
  peakHour?: { hour: number; count: number };
  lifetimes: Lifetimes;
  /** Newest first. */
  lastAppearances: AppearanceView[];
  basis: DataBasis;
}
