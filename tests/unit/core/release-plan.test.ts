// The release planner on simulated days: the check after each opening, the plain-interval budget, the floor, DST.
import { seededRandom } from '../../support/seeded-random';
import { describe, expect, it } from 'vitest';
import type { ReleaseSchedule } from '../../../shared/model';
import {
  RELEASE_CHECK_DELAY_MS,
  cycleBudget,
  nextOpeningAfter,
  planNextCheck,
  releasedDay,
  type ExtraCheckHint,
  type PlannedCheck,
} from '../../../src-main/core/release-plan';
import {
  JITTER_FRACTION,
  LOOPBACK_FLOOR_MS,
  REAL_SITE_FLOOR_MS,
  jitterFactor,
} from '../../../src-main/core/scheduler';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const MONTREAL: ReleaseSchedule = { opening: '18:00', timeZone: 'America/Montreal', windowDays: 45 };
/** 01:30 does not exist in London on 2027-03-28 (clocks jump from 01:00 to 02:00). */
const LONDON_SKIPPED: ReleaseSchedule = { opening: '01:30', timeZone: 'Europe/London', windowDays: 45 };

interface Simulation {
  checks: (PlannedCheck & { endedAt: number })[];
}

/**
 * Runs the planner the way the engine does, on a simulated clock: from `start` to `end`, each check lasting
 * `durationMs`, a fresh jitter drawn after each.
 */
function simulate(options: {
  release: ReleaseSchedule;
  start: string;
  end: string;
  intervalMs: number;
  floorMs: number;
  durationMs?: number;
  seed?: number;
  jitter?: () => number;
  extraCheckHints?: ExtraCheckHint[];
}): Simulation {
  const random = seededRandom(options.seed ?? 1);
  const draw = options.jitter ?? (() => jitterFactor(random()));
  const end = Date.parse(options.end);
  const duration = options.durationMs ?? 2 * SECOND;
  const checks: Simulation['checks'] = [];
  let after = Date.parse(options.start);
  for (;;) {
    const planned = planNextCheck({
      after,
      release: options.release,
      intervalMs: options.intervalMs,
      floorMs: options.floorMs,
      jitter: draw(),
      ...(options.extraCheckHints ? { extraCheckHints: options.extraCheckHints } : {}),
    });
    if (!planned) throw new Error('no plan');
    if (planned.at >= end) return { checks };
    after = planned.at + duration;
    checks.push({ ...planned, endedAt: after });
  }
}

/** Every opening from `start` to `end`. */
function openingsBetween(release: ReleaseSchedule, start: string, end: string): number[] {
  const openings: number[] = [];
  let at = Date.parse(start);
  for (;;) {
    const next = nextOpeningAfter(release, at)!;
    if (next >= Date.parse(end)) return openings;
    openings.push(next);
    at = next;
  }
}

/** Checks per release cycle (opening to next opening), with the cycle's plain-interval budget. */
function perCycle(sim: Simulation, openings: number[], intervalMs: number) {
  return openings.slice(0, -1).map((openingAt, i) => {
    const nextAt = openings[i + 1]!;
    return {
      openingAt: new Date(openingAt).toISOString(),
      hours: (nextAt - openingAt) / HOUR,
      checks: sim.checks.filter((c) => c.at >= openingAt && c.at < nextAt).length,
      budget: cycleBudget(nextAt - openingAt, intervalMs),
    };
  });
}

function checksWithin(sim: Simulation, from: number, toMs: number) {
  return sim.checks.filter((c) => c.at >= from && c.at <= from + toMs);
}

describe('release plan: openings in the consulate zone', () => {
  it('finds the next 18:00 Montreal opening, in daylight and in standard time', () => {
    expect(new Date(nextOpeningAfter(MONTREAL, Date.parse('2026-10-31T12:00:00Z'))!).toISOString()).toBe(
      '2026-10-31T22:00:00.000Z',
    );
    // 2026-11-01: clocks go back at 02:00, so 18:00 that evening is 23:00 UTC, 25 hours after the one before.
    expect(new Date(nextOpeningAfter(MONTREAL, Date.parse('2026-10-31T22:00:00Z'))!).toISOString()).toBe(
      '2026-11-01T23:00:00.000Z',
    );
  });

  it("an opening at a skipped local time follows zoned-time's choice: the same distance after the jump", () => {
    // 01:30 GMT would be 01:30; on 2027-03-28 it is read with the offset before the jump: 02:30 BST = 01:30Z.
    expect(
      new Date(nextOpeningAfter(LONDON_SKIPPED, Date.parse('2027-03-27T12:00:00Z'))!).toISOString(),
    ).toBe('2027-03-28T01:30:00.000Z');
    // The next day it is 01:30 BST again (00:30Z): that cycle lasts 23 hours.
    expect(
      new Date(nextOpeningAfter(LONDON_SKIPPED, Date.parse('2027-03-28T02:00:00Z'))!).toISOString(),
    ).toBe('2027-03-29T00:30:00.000Z');
  });

  it('names the day that joins the window at an opening (opening day + window days, consulate calendar)', () => {
    expect(releasedDay(MONTREAL, Date.parse('2026-11-01T23:00:00Z'))).toBe('2026-12-16');
    expect(
      releasedDay({ opening: '18:00', timeZone: 'America/Montreal' }, Date.parse('2026-11-01T23:00:00Z')),
    ).toBe(undefined);
  });
});

describe('release plan: one simulated month', () => {
  const intervals = [
    { name: 'the default 3 min on a real site', intervalMs: 3 * MINUTE, floorMs: REAL_SITE_FLOOR_MS },
    { name: 'the 60 s real-site floor itself', intervalMs: REAL_SITE_FLOOR_MS, floorMs: REAL_SITE_FLOOR_MS },
    { name: '1 h', intervalMs: HOUR, floorMs: REAL_SITE_FLOOR_MS },
    { name: '30 s on the loopback replica', intervalMs: 30 * SECOND, floorMs: LOOPBACK_FLOOR_MS, days: 10 },
  ];
  const start = '2026-10-15T12:00:00Z';
  const end = '2026-11-15T12:00:00Z'; // includes 2026-11-01, the 25-hour cycle

  for (const { name, intervalMs, floorMs, days } of intervals) {
    it(`at ${name}: a check 5–10 s after every opening, budget and floor kept every day`, () => {
      // Short intervals run ten days around the change (2026-10-27 … 2026-11-06) to keep the test quick.
      const from = days ? '2026-10-27T12:00:00Z' : start;
      const to = days ? '2026-11-06T12:00:00Z' : end;
      const sim = simulate({
        release: MONTREAL,
        start: from,
        end: to,
        intervalMs,
        floorMs,
        seed: intervalMs,
      });
      const openings = openingsBetween(MONTREAL, from, to);
      expect(openings).toHaveLength(days ?? 31);

      for (const openingAt of openings) {
        const release = checksWithin(sim, openingAt, 15 * SECOND);
        expect(release.map((c) => c.kind)).toEqual(['release']);
        expect(release[0]!.at - openingAt).toBeGreaterThanOrEqual(RELEASE_CHECK_DELAY_MS);
        expect(release[0]!.at - openingAt).toBeLessThan(10 * SECOND);
      }

      // Never more checks in a cycle than the plain interval makes in the same time (25 h on 2026-11-01).
      const cycles = perCycle(sim, openings, intervalMs);
      for (const cycle of cycles) expect(cycle.checks).toBeLessThanOrEqual(cycle.budget);
      expect(cycles.find((c) => c.hours === 25)?.budget).toBe(Math.floor((25 * HOUR) / intervalMs));
      // And spending nearly all of it: the spread is not starved to pay for the openings.
      for (const cycle of cycles) expect(cycle.checks).toBeGreaterThanOrEqual(cycle.budget * 0.9 - 1);

      // The floor: from the end of one check to the start of the next, never less.
      for (let i = 1; i < sim.checks.length; i += 1) {
        expect(sim.checks[i]!.at - sim.checks[i - 1]!.endedAt).toBeGreaterThanOrEqual(floorMs);
      }
    });
  }

  it('over the month the total stays within what the plain interval would make', () => {
    const intervalMs = 3 * MINUTE;
    const sim = simulate({ release: MONTREAL, start, end, intervalMs, floorMs: REAL_SITE_FLOOR_MS });
    const spanMs = Date.parse(end) - Date.parse(start);
    expect(sim.checks.length).toBeLessThanOrEqual(Math.floor(spanMs / intervalMs));
  });

  it('follow-ups come within the next minutes (+60 s, +180 s), forward-jittered, then the normal spread', () => {
    const intervalMs = 10 * MINUTE;
    const sim = simulate({ release: MONTREAL, start, end, intervalMs, floorMs: REAL_SITE_FLOOR_MS });
    for (const openingAt of openingsBetween(MONTREAL, start, end)) {
      const firstTen = checksWithin(sim, openingAt, 10 * MINUTE).map((c) => ({
        kind: c.kind,
        afterS: (c.at - openingAt) / SECOND,
      }));
      expect(firstTen.map((c) => c.kind)).toEqual(['release', 'follow-up', 'follow-up']);
      expect(firstTen[1]!.afterS).toBeGreaterThanOrEqual(65); // 60 s, but a floor after the release check
      expect(firstTen[1]!.afterS).toBeLessThan(65 + 0.2 * 60);
      expect(firstTen[2]!.afterS).toBeGreaterThanOrEqual(180);
      expect(firstTen[2]!.afterS).toBeLessThan(180 + 0.2 * 115);
    }
  });
});

describe('release plan: the days the clocks change', () => {
  it('Montreal 2026-11-01 (back at 02:00): the 18:00 opening is checked 5–10 s after 23:00Z, not an hour early', () => {
    const intervalMs = 3 * MINUTE;
    const sim = simulate({
      release: MONTREAL,
      start: '2026-10-31T12:00:00Z',
      end: '2026-11-02T12:00:00Z',
      intervalMs,
      floorMs: REAL_SITE_FLOOR_MS,
    });
    const opening = Date.parse('2026-11-01T23:00:00Z');
    const release = sim.checks.filter((c) => c.kind === 'release');
    expect(release.map((c) => new Date(c.cycleOpeningAt).toISOString())).toEqual([
      '2026-10-31T22:00:00.000Z',
      '2026-11-01T23:00:00.000Z',
    ]);
    expect(release[1]!.at - opening).toBeGreaterThanOrEqual(5 * SECOND);
    expect(release[1]!.at - opening).toBeLessThan(10 * SECOND);
    const cycle = perCycle(sim, [Date.parse('2026-10-31T22:00:00Z'), opening], intervalMs)[0]!;
    expect(cycle).toMatchObject({ hours: 25, budget: 500 });
    expect(cycle.checks).toBeLessThanOrEqual(500);
  });

  it('London 2027-03-28 with an opening at 01:30, inside the skipped hour: checked just after 02:30 BST', () => {
    const intervalMs = 3 * MINUTE;
    const start = '2027-03-26T12:00:00Z';
    const end = '2027-03-30T12:00:00Z';
    const sim = simulate({ release: LONDON_SKIPPED, start, end, intervalMs, floorMs: REAL_SITE_FLOOR_MS });
    const openings = openingsBetween(LONDON_SKIPPED, start, end);
    expect(openings.map((at) => new Date(at).toISOString())).toEqual([
      '2027-03-27T01:30:00.000Z',
      '2027-03-28T01:30:00.000Z',
      '2027-03-29T00:30:00.000Z',
      '2027-03-30T00:30:00.000Z',
    ]);
    for (const openingAt of openings) {
      const [first] = checksWithin(sim, openingAt, 15 * SECOND);
      expect(first?.kind).toBe('release');
      expect(first!.at - openingAt).toBeGreaterThanOrEqual(5 * SECOND);
    }
    const cycles = perCycle(sim, openings, intervalMs);
    expect(cycles.map((c) => c.hours)).toEqual([24, 23, 24]);
    for (const cycle of cycles) expect(cycle.checks).toBeLessThanOrEqual(cycle.budget);
    expect(cycles[1]!.budget).toBe(460);
  });
});

describe('release plan: jitter', () => {
  it('the release check moves with the draw but never before opening + 5 s, at either end of the jitter range', () => {
    const after = Date.parse('2026-10-31T21:55:00Z');
    const opening = Date.parse('2026-10-31T22:00:00Z');
    const at = (jitter: number) =>
      planNextCheck({
        after,
        release: MONTREAL,
        intervalMs: 10 * MINUTE,
        floorMs: REAL_SITE_FLOOR_MS,
        jitter,
      })!;
    const lowest = at(-JITTER_FRACTION);
    const highest = at(JITTER_FRACTION - 1e-9);
    expect(lowest).toMatchObject({ kind: 'release', at: opening + 5 * SECOND });
    expect(highest.kind).toBe('release');
    expect(highest.at - opening).toBeGreaterThan(9 * SECOND);
    expect(highest.at - opening).toBeLessThanOrEqual(10 * SECOND);
  });

  it('over many draws the release checks are spread over [opening + 5 s, opening + 10 s), none earlier', () => {
    const sim = simulate({
      release: MONTREAL,
      start: '2026-06-01T12:00:00Z',
      end: '2026-09-01T12:00:00Z',
      intervalMs: 30 * MINUTE,
      floorMs: REAL_SITE_FLOOR_MS,
      seed: 7,
    });
    const offsets = sim.checks.filter((c) => c.kind === 'release').map((c) => c.at - c.cycleOpeningAt);
    expect(offsets).toHaveLength(92);
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(5 * SECOND);
    expect(Math.max(...offsets)).toBeLessThan(10 * SECOND);
    expect(new Set(offsets).size).toBeGreaterThan(80);
    // Spread checks are jittered too: their gaps are not all the same.
    const spread = sim.checks.filter((c) => c.kind === 'spread').map((c) => c.at);
    const gaps = new Set(spread.slice(1).map((at, i) => Math.round((at - spread[i]!) / SECOND)));
    expect(gaps.size).toBeGreaterThan(50);
  });

  it('the budget holds even with the most unlucky draws (always early, always late, alternating)', () => {
    const draws: Record<string, () => number> = {
      early: () => -JITTER_FRACTION,
      late: () => JITTER_FRACTION - 1e-9,
      alternating: (() => {
        let flip = false;
        return () => {
          flip = !flip;
          return flip ? -JITTER_FRACTION : JITTER_FRACTION - 1e-9;
        };
      })(),
    };
    const start = '2026-10-25T12:00:00Z';
    const end = '2026-11-05T12:00:00Z';
    for (const draw of Object.values(draws)) {
      for (const durationMs of [0, 2 * SECOND, 30 * SECOND]) {
        const sim = simulate({
          release: MONTREAL,
          start,
          end,
          intervalMs: 2 * MINUTE,
          floorMs: REAL_SITE_FLOOR_MS,
          durationMs,
          jitter: draw,
        });
        for (const cycle of perCycle(sim, openingsBetween(MONTREAL, start, end), 2 * MINUTE))
          expect(cycle.checks).toBeLessThanOrEqual(cycle.budget);
        for (let i = 1; i < sim.checks.length; i += 1)
          expect(sim.checks[i]!.at - sim.checks[i - 1]!.endedAt).toBeGreaterThanOrEqual(REAL_SITE_FLOOR_MS);
      }
    }
  });
});

describe('release plan: limits and the history seam', () => {
  it('gives no plan (the plain interval decides) for unusable facts or an interval longer than a day', () => {
    const base = {
      after: Date.parse('2026-10-31T12:00:00Z'),
      intervalMs: 3 * MINUTE,
      floorMs: 60_000,
      jitter: 0,
    };
    expect(
      planNextCheck({ ...base, release: { opening: '18:00', timeZone: 'Mars/Olympus' } }),
    ).toBeUndefined();
    expect(
      planNextCheck({ ...base, release: { opening: '6pm', timeZone: 'America/Montreal' } }),
    ).toBeUndefined();
    expect(planNextCheck({ ...base, release: MONTREAL, intervalMs: 2 * DAY })).toBeUndefined();
  });

  it('an interval of a whole day still makes the one check of the day just after the opening', () => {
    const sim = simulate({
      release: MONTREAL,
      start: '2026-10-20T12:00:00Z',
      end: '2026-10-25T12:00:00Z',
      intervalMs: DAY,
      floorMs: REAL_SITE_FLOOR_MS,
    });
    expect(sim.checks.map((c) => c.kind)).toEqual(['release', 'release', 'release', 'release', 'release']);
  });

  it('extra check hints (from history, later) become anchors paid for by the spread: same budget', () => {
    const intervalMs = 30 * MINUTE;
    const start = '2026-10-20T12:00:00Z';
    const end = '2026-10-27T12:00:00Z';
    const hints = [{ afterOpeningMs: 15 * HOUR }]; // 09:00 the next morning, Montreal
    const withHints = simulate({
      release: MONTREAL,
      start,
      end,
      intervalMs,
      floorMs: 60_000,
      extraCheckHints: hints,
    });
    const openings = openingsBetween(MONTREAL, start, end);
    for (const openingAt of openings.slice(0, -1)) {
      const hinted = withHints.checks.filter((c) => c.kind === 'hint' && c.cycleOpeningAt === openingAt);
      expect(hinted).toHaveLength(1);
      expect(hinted[0]!.at - openingAt - 15 * HOUR).toBeGreaterThanOrEqual(0);
      expect(hinted[0]!.at - openingAt - 15 * HOUR).toBeLessThan(60 * SECOND);
    }
    for (const cycle of perCycle(withHints, openings, intervalMs))
      expect(cycle.checks).toBeLessThanOrEqual(cycle.budget);
  });
});
