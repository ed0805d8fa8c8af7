/** Reads `--interval` (90s, 3m, 1h) and enforces the polling floor: 60 s on real sites, 1 s on loopback. */
import { LOOPBACK_FLOOR_MS, REAL_SITE_FLOOR_MS } from '../core/scheduler';
import { UsageError } from './command-args';

/** Slots go within minutes: a watch that looks less than daily is not watching. */
export const MAX_INTERVAL_MS = 24 * 3_600_000;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Human duration: `1500ms`, `90s`, `3m`, `1.5h`. A bare number is refused: "3" could mean seconds or minutes. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/i.exec(text);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNIT_MS[match[2]!.toLowerCase()]!);
}

export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1_000 === 0) return `${ms / 1_000} s`;
  return `${ms} ms`;
}

/**
 * The interval of a watch on `bookingUrl`'s site. Below the floor is an error, not a silent raise: the person
 * must know the tool will not poll as fast as they asked.
 */
export function parseInterval(text: string, loopback: boolean): number {
  const ms = parseDuration(text);
  if (ms === undefined) {
    throw new UsageError(`--interval "${text}" is not a duration; write it like 90s, 3m or 1h.`);
  }
  if (ms > MAX_INTERVAL_MS) {
    throw new UsageError(
      `--interval ${text} is too long; check at least once a day (24h or less), or slots come and go unseen.`,
    );
  }
  const floor = loopback ? LOOPBACK_FLOOR_MS : REAL_SITE_FLOOR_MS;
  if (ms < floor) {
    throw new UsageError(
      loopback
        ? `--interval ${text} is too short; the shortest interval is 1s, even on a local replica.`
        : `--interval ${text} is too short; consulat.gouv.fr is checked at most once a minute (60s or more), to stay polite and avoid being blocked.`,
    );
  }
  return ms;
}
