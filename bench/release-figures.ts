/** Release figures for `npm run bench`: how soon slots published at an opening are reported, with and without release-aware scheduling, and what each costs in checks per day. */
import type { Browser } from 'playwright-core';
import { cycleBudget } from '../src-main/core/release-plan';
import { startReplica } from '../tests/replica/server';
import {
  checksBetween,
  openingsBetween,
  publishWithOpenings,
  releasedDayOf,
  releaseLatencies,
  releaseScenario,
  runLockstep,
  seededRandom,
  RELEASE_OPENING,
  RELEASE_ZONE,
} from '../tests/integration/release/lockstep';
import { fmtSeconds, median } from './stats';

export interface ReleaseModeFigures {
  label: string;
  /** Per opening; undefined when the run ended before the slot was reported. */
  latenciesMs: (number | undefined)[];
  /** Checks from each opening to the next, with that cycle's plain-interval budget. */
  days: { checks: number; budget: number; hours: number }[];
  totalChecks: number;
  realMs: number;
}

export interface ReleaseFigures {
  start: string;
  end: string;
  intervalMs: number;
  openings: number;
  modes: ReleaseModeFigures[];
}

/**
 * The same scenario, span, interval and jitter draws twice: once with the engine told the release schedule,
 * once with it hidden (the plain interval). Time is simulated in lockstep (engine fake clock = replica clock),
 * real Chromium reads every check, so latencies are virtual time from the opening to the new-slots event.
 */
export async function measureRelease(
  browser: Browser,
  options: { start: string; end: string; intervalMs: number },
): Promise<ReleaseFigures> {
  const modes: ReleaseModeFigures[] = [];
  let openingCount = 0;
  for (const releaseAware of [true, false]) {
    const replica = await startReplica({
      now: options.start,
      captcha: 'off',
      scenarios: [releaseScenario()],
      settings: { sessionTtlMs: 30 * 24 * 3_600_000 },
    });
    try {
      const openings = openingsBetween(Date.parse(options.start), Date.parse(options.end));
      openingCount = openings.length;
      publishWithOpenings(replica, openings);
      const run = await runLockstep({
        replica,
        browser,
        start: options.start,
        end: options.end,
        intervalMs: options.intervalMs,
        releaseAware,
        filter: { from: releasedDayOf(openings[0]!) },
        random: seededRandom(2026),
      });
      modes.push({
        label: releaseAware ? 'release-aware' : 'plain interval',
        latenciesMs: releaseLatencies(run, openings),
        days: openings.slice(0, -1).map((openingAt, i) => ({
          checks: checksBetween(run, openingAt, openings[i + 1]!),
          budget: cycleBudget(openings[i + 1]! - openingAt, options.intervalMs),
          hours: (openings[i + 1]! - openingAt) / 3_600_000,
        })),
        totalChecks: run.checks.length,
        realMs: run.realMs,
      });
    } finally {
      await replica.close();
    }
  }
  return { ...options, openings: openingCount, modes };
}

export function printReleaseFigures(figures: ReleaseFigures): void {
  const minutes = figures.intervalMs / 60_000;
  console.log(
    `release: slots published at the ${RELEASE_OPENING} opening (${RELEASE_ZONE}), ${figures.openings} openings from ` +
      `${figures.start} to ${figures.end} (incl. the 2026-11-01 DST change), ${minutes} min interval,`,
  );
  console.log(
    '  virtual time in lockstep (engine fake clock = replica clock), real Chromium reads every check',
  );
  const head = ['mode', 'latency median', 'max', 'checks per release day / budget', 'total', 'real time'];
  const widths = [18, 16, 14, 42, 8, 10];
  const row = (cells: string[]) => `  ${cells.map((cell, k) => cell.padEnd(widths[k]!)).join('')}`.trimEnd();
  console.log(row(head));
  for (const mode of figures.modes) {
    const seen = mode.latenciesMs.filter((ms): ms is number => ms !== undefined);
    const days = mode.days
      .map((d) => `${d.checks}/${d.budget}${d.hours === 24 ? '' : ` (${d.hours} h)`}`)
      .join(' ');
    console.log(
      row([
        mode.label,
        seen.length ? fmtMinSec(median(seen)) : 'n/a',
        seen.length ? fmtMinSec(Math.max(...seen)) : 'n/a',
        days,
        String(mode.totalChecks),
        fmtSeconds(mode.realMs),
      ]),
    );
  }
  for (const mode of figures.modes) {
    const each = mode.latenciesMs.map((ms) => (ms === undefined ? 'missed' : fmtMinSec(ms))).join(', ');
    console.log(`  ${mode.label} latency per opening: ${each}`);
  }
  console.log(
    '  target: release-aware latency <= 15 s, checks per release day <= budget (what the plain interval makes)',
  );
}

/** Seconds under two minutes, else minutes and seconds: latencies range from seconds to a whole interval. */
function fmtMinSec(ms: number): string {
  if (ms < 120_000) return fmtSeconds(ms);
  const totalSeconds = Math.round(ms / 1000);
  return `${Math.floor(totalSeconds / 60)} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
}
