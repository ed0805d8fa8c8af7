// Release-aware scheduling end to end: the real engine and Chromium against the replica over simulated days (lockstep clocks).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleBudget } from '../../../src-main/core/release-plan';
import { startReplica, type Replica } from '../../replica/server';
import { launchTestBrowser } from '../consulat-gouv-fr/harness';
import {
  checksBetween,
  openingsBetween,
  publishWithOpenings,
  releasedDayOf,
  releaseLatencies,
  releaseScenario,
  runLockstep,
  seededRandom,
  type LockstepRun,
} from './lockstep';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
/** Half an hour: a plain-interval day is 48 checks, and the run stays short in real time. */
const INTERVAL_MS = 30 * MINUTE;

let browser: Browser;
let replica: Replica;

beforeAll(async () => {
  browser = await launchTestBrowser();
});

afterAll(async () => {
  expect(replica?.control.bookingAttempts() ?? []).toEqual([]);
  await browser?.close();
  await replica?.close();
});

/** A fresh replica at `start` with a slot waiting on the day each opening in the span publishes. */
async function simulate(start: string, end: string): Promise<{ run: LockstepRun; openings: number[] }> {
  await replica?.close();
  // A session that outlives the simulated days: re-walking the wizard at every check would only cost real time.
  replica = await startReplica({
    now: start,
    captcha: 'off',
    scenarios: [releaseScenario()],
    settings: { sessionTtlMs: 10 * 24 * 60 * MINUTE },
  });
  const openings = openingsBetween(Date.parse(start), Date.parse(end));
  publishWithOpenings(replica, openings);
  const run = await runLockstep({
    replica,
    browser,
    start,
    end,
    intervalMs: INTERVAL_MS,
    releaseAware: true,
    filter: { from: releasedDayOf(openings[0]!) },
    random: seededRandom(9),
  });
  return { run, openings };
}

function expectReleaseCaught(run: LockstepRun, openings: number[]): void {
  const latencies = releaseLatencies(run, openings);
  for (const latency of latencies) {
    expect(latency).toBeDefined();
    expect(latency!).toBeGreaterThanOrEqual(5 * SECOND);
    expect(latency!).toBeLessThanOrEqual(15 * SECOND);
  }
  // Nothing was reported before its opening: the slot was not there to be seen.
  for (const [i, openingAt] of openings.entries()) {
    const early = run.detections.filter((d) => d.slot.date === releasedDayOf(openingAt) && d.at < openingAt);
    expect(early, `opening ${i}`).toEqual([]);
  }
  // Every check concluded: the plan asked the replica nothing it could not answer.
  expect(run.checks.filter((check) => check.status !== 'slots' && check.status !== 'no-slots')).toEqual([]);
}

describe('release-aware scheduling against the replica (virtual time, real Chromium)', () => {
  it('a slot published at 18:00 Montreal is reported 5–15 s after the opening; the day keeps the 30-min budget', async () => {
    const { run, openings } = await simulate('2026-10-20T16:00:00Z', '2026-10-22T16:00:00Z');
    expect(openings.map((at) => new Date(at).toISOString())).toEqual([
      '2026-10-20T22:00:00.000Z',
      '2026-10-21T22:00:00.000Z',
    ]);
    expectReleaseCaught(run, openings);
    const day = checksBetween(run, openings[0]!, openings[1]!);
    expect(cycleBudget(openings[1]! - openings[0]!, INTERVAL_MS)).toBe(48);
    expect(day).toBeLessThanOrEqual(48);
    expect(day).toBeGreaterThanOrEqual(44);
    console.log(
      `release day: ${day} checks from opening to opening (budget 48), latencies ${releaseLatencies(
        run,
        openings,
      )
        .map((ms) => `${(ms! / 1000).toFixed(1)} s`)
        .join(', ')}; ${run.checks.length} checks in ${(run.realMs / 1000).toFixed(1)} s real time`,
    );
  }, 60_000);

  it('the same across the DST change: 2026-11-01 18:00 is 23:00Z, and its 25-hour cycle keeps its budget', async () => {
    const { run, openings } = await simulate('2026-10-31T16:00:00Z', '2026-11-02T17:00:00Z');
    expect(openings.map((at) => new Date(at).toISOString())).toEqual([
      '2026-10-31T22:00:00.000Z',
      '2026-11-01T23:00:00.000Z',
    ]);
    expectReleaseCaught(run, openings);
    const day = checksBetween(run, openings[0]!, openings[1]!);
    expect(cycleBudget(openings[1]! - openings[0]!, INTERVAL_MS)).toBe(50);
    expect(day).toBeLessThanOrEqual(50);
    expect(day).toBeGreaterThanOrEqual(45);
    // Nothing in the hour before 23:00Z was a release check: a plan that forgot the change would have been there.
    const hourEarly = openings[1]! - 60 * MINUTE;
    expect(run.checks.filter((c) => c.at >= hourEarly && c.at < hourEarly + 15 * SECOND)).toEqual([]);
    console.log(
      `DST day: ${day} checks in the 25-hour cycle (budget 50), latencies ${releaseLatencies(run, openings)
        .map((ms) => `${(ms! / 1000).toFixed(1)} s`)
        .join(', ')}; ${run.checks.length} checks in ${(run.realMs / 1000).toFixed(1)} s real time`,
    );
  }, 60_000);
});
