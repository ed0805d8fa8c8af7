/** The history file's line format: one JSON record per line, validated on the way in so a garbled line is skipped. */
import type { CalendarDay, CheckStatus, WallTime } from '../../../shared/model';

export const HISTORY_FORMAT_VERSION = 1;

/**
 * What the calendar is (written when a file starts, and again whenever the page names it differently).
 * `z` is the consulate's IANA zone, once a check read it.
 */
export interface MetaRecord {
  k: 'm';
  v: typeof HISTORY_FORMAT_VERSION;
  t: string;
  url: string;
  z?: string;
  consulate?: string;
  service?: string;
}

/**
 * One check's outcome: ISO instant, status, how many free slots it read. `skip` lists the open episodes
 * ("date time") the check did not cover (a day outside its filter or whose request failed): they were neither
 * seen nor gone, so their "last seen" does not move. Written after the check's `a`/`g` records.
 */
export interface CheckRecord {
  k: 'c';
  t: string;
  s: CheckStatus;
  n: number;
  skip?: string[];
}

/**
 * A slot seen free for the first time since it was last gone: an appearance episode opens at `t`.
 * `p` is the previous conclusive check (the slot appeared between `p` and `t`); absent when nothing was watched
 * just before (first check, after a gap), so the appearance time is unknown. `last` is only written by
 * compaction, for an episode still open, so its "last seen" survives the check records being dropped.
 */
export interface AppearRecord {
  k: 'a';
  t: string;
  d: CalendarDay;
  h: WallTime;
  z: string;
  cap: number;
  p?: string;
  last?: string;
}

/**
 * An episode closed at `t` (the first covering check that no longer showed the slot); `last` is when it was last
 * seen. `why: 'expired'` when the slot's own time had come (it was not taken, it passed).
 */
export interface GoneRecord {
  k: 'g';
  t: string;
  d: CalendarDay;
  h: WallTime;
  z: string;
  last: string;
  why?: 'expired';
}

export type HistoryRecord = MetaRecord | CheckRecord | AppearRecord | GoneRecord;

const STATUSES = new Set<CheckStatus>([
  'slots',
  'no-slots',
  'blocked',
  'captcha',
  'session-lost',
  'site-changed',
  'unreachable',
]);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

const isString = (v: unknown): v is string => typeof v === 'string';
const isInstant = (v: unknown): v is string => isString(v) && !Number.isNaN(Date.parse(v));
const optional = (v: unknown, test: (x: unknown) => boolean) => v === undefined || test(v);

/** The record on one line, or undefined for a torn, garbled or unknown line (skipped, never fatal). */
export function parseHistoryLine(line: string): HistoryRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  if (!isInstant(r.t)) return undefined;
  switch (r.k) {
    case 'm':
      return isString(r.url) && optional(r.z, isString) ? (r as unknown as MetaRecord) : undefined;
    case 'c':
      return STATUSES.has(r.s as CheckStatus) &&
        typeof r.n === 'number' &&
        optional(r.skip, (s) => Array.isArray(s) && s.every(isString))
        ? (r as unknown as CheckRecord)
        : undefined;
    case 'a':
      return isSlotPart(r) &&
        typeof r.cap === 'number' &&
        optional(r.p, isInstant) &&
        optional(r.last, isInstant)
        ? (r as unknown as AppearRecord)
        : undefined;
    case 'g':
      return isSlotPart(r) && isInstant(r.last) ? (r as unknown as GoneRecord) : undefined;
    default:
      return undefined;
  }
}

function isSlotPart(r: Record<string, unknown>): boolean {
  return isString(r.d) && DAY.test(r.d) && isString(r.h) && TIME.test(r.h) && isString(r.z);
}

/** Serialised record: one line, newline included. */
export function historyLine(record: HistoryRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** The key of a slot inside one calendar's file: one open episode per key at a time. */
export function episodeKey(slot: { d: CalendarDay; h: WallTime }): string {
  return `${slot.d} ${slot.h}`;
}
