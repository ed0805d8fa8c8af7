// A scripted week of drops on the replica, through the real engine, provider, Chromium and history recorder (clocks in lockstep): stored history, insight, CSV.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, zonedDateTimeToInstant } from '../../../shared/zoned-time';
import { Engine } from '../../../src-main/core/engine';
import type { CalendarHistory } from '../../../src-main/core/history/calendar-history';
import { historyFileFor } from '../../../src-main/core/history/history-calendar';
import { historyCsv } from '../../../src-main/core/history/history-csv';
import { readHistoryFile } from '../../../src-main/core/history/history-file';
import { HistoryRecorder } from '../../../src-main/core/history/history-recorder';
import { buildInsight } from '../../../src-main/core/history/insight';
import { recordingHistory } from '../../../src-main/core/history/recording-provider';
import { startReplica, type Replica } from '../../replica/server';
import { FakeClock } from '../../support/fake-clock';
import { replicaLockstep, type ReplicaLockstep } from '../../support/replica-lockstep';
import { launchTestBrowser } from '../../support/test-browser';
import { tempDataDir } from '../../unit/history/history-support';
import {
  RELEASE_SERVICE as SERVICE,
  RELEASE_SLUG as SLUG,
  RELEASE_ZONE as ZONE,
  releaseScenario,
  withoutRelease,
} from '../release/lockstep';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/**
 * Half an hour, without release-aware scheduling (its own test covers it): the checks fall on :00 and :30
 * exactly, so what each drop leaves in the history follows from the script at that resolution.
 */
const INTERVAL_MS = 30 * MINUTE;
/** Monday 2026-06-08 00:00 in Montreal (EDT) to the next Monday. */
const WEEK = [
  '2026-06-08',
  '2026-06-09',
  '2026-06-10',
  '2026-06-11',
  '2026-06-12',
  '2026-06-13',
  '2026-06-14',
];
const [MON, TUE, WED, THU, FRI, SAT, SUN] = WEEK as [string, string, string, string, string, string, string];
const local = (day: string, time: string) => zonedDateTimeToInstant(day, time, ZONE).getTime();
const iso = (ms: number) => new Date(ms).toISOString();
const START = local(MON, '00:00');
const END = START + 7 * DAY;

interface ScriptedDrop {
  /** Consulate day and time the slot is freed, and for how long. */
  day: string;
  freedAt: string;
  minutes: number;
  /** The slot itself: 20 days after the drop, at this time (each drop its own slot, so its own episode). */
  slotTime: string;
}

/**
 * Weekday evenings a slot frees at 18:10 for 70 min; Tuesday two more (18:05 for 100 min, 18:25 for 40) and
 * Thursday one (18:05 for 100); Wednesday 09:40 one for 10 min, which no check sees; Saturday 11:15 for 20 min;
 * Sunday 14:45 one that stays. One more slot is free before the week starts and all through it.
 */
const DROPS: ScriptedDrop[] = [
  ...[MON, TUE, WED, THU, FRI].map((day) => ({ day, freedAt: '18:10', minutes: 70, slotTime: '09:00' })),
  { day: TUE, freedAt: '18:05', minutes: 100, slotTime: '10:00' },
  { day: TUE, freedAt: '18:25', minutes: 40, slotTime: '11:00' },
  { day: THU, freedAt: '18:05', minutes: 100, slotTime: '10:00' },
  { day: WED, freedAt: '09:40', minutes: 10, slotTime: '12:00' },
  { day: SAT, freedAt: '11:15', minutes: 20, slotTime: '13:00' },
  { day: SUN, freedAt: '14:45', minutes: 2 * 24 * 60, slotTime: '14:00' },
];
const ALREADY_FREE = { date: addDays(MON, 20), time: '15:00' };

/** The checks of the week: every half hour from Monday 00:00 to Sunday 23:30. */
const GRID = Array.from({ length: 7 * 48 }, (_, k) => START + k * INTERVAL_MS);

/**
 * What the history must say of a drop, at the checks' resolution: first seen at the first check inside its free
 * time (none: never seen), last seen at the last one, gone at the first check after it.
 */
function expectedEpisode(drop: ScriptedDrop) {
  const from = local(drop.day, drop.freedAt);
  const until = from + drop.minutes * MINUTE;
  const seen = GRID.filter((t) => t >= from && t < until);
  if (seen.length === 0) return undefined;
  const endedAt = GRID.find((t) => t >= until);
  return {
    date: addDays(drop.day, 20),
    time: drop.slotTime,
    timeZone: ZONE,
    capacity: 1,
    appearedAfter: iso(seen[0]! - INTERVAL_MS),
    firstSeenAt: iso(seen[0]!),
    lastSeenAt: iso(seen.at(-1)!),
    ...(endedAt !== undefined ? { endedAt: iso(endedAt), end: 'gone' } : { end: 'open' }),
  };
}

describe('a scripted week on the replica through the engine, the provider, Chromium and the history', () => {
  let browser: Browser;
  let replica: Replica;
  let dir: string;
  let remove: () => Promise<void>;
  let lockstep: ReplicaLockstep;
  let history: CalendarHistory;
  let realMs: number;

  beforeAll(async () => {
    const realStart = performance.now();
    browser = await launchTestBrowser();
    // A session that outlives the week: re-walking the wizard at every check would only cost real time.
    replica = await startReplica({
      now: iso(START),
      captcha: 'off',
      scenarios: [releaseScenario()],
      settings: { sessionTtlMs: 10 * DAY },
    });
    for (const drop of DROPS) {
      replica.control.scheduleDrop({
        slug: SLUG,
        service: SERVICE,
        date: addDays(drop.day, 20),
        time: drop.slotTime,
        capacity: 1,
        at: iso(local(drop.day, drop.freedAt)),
        durationMs: drop.minutes * MINUTE,
      });
    }
    replica.control.scheduleDrop({
      slug: SLUG,
      service: SERVICE,
      ...ALREADY_FREE,
      capacity: 1,
      at: iso(START - 60 * MINUTE),
      durationMs: 8 * DAY,
    });
    ({ dir, remove } = await tempDataDir());

    const clock = new FakeClock(new Date(START));
    lockstep = replicaLockstep({ replica, browser, clock });
    // As createMonitor wires it: the recorder on the engine's wall clock, outermost around the site provider.
    const recorder = new HistoryRecorder({ dataDir: dir, now: () => clock.wallNow() });
    const engine = new Engine({
      provider: recordingHistory(withoutRelease(lockstep.provider), recorder, () => clock.wallNow()),
      clock,
      random: { next: () => 0.5 }, // no jitter: checks on the half-hour grid
      loopbackSiteSpacingMs: 0,
    });
    engine.addWatch({
      id: 'week',
      bookingUrl: replica.bookingUrl(SLUG, { name: SERVICE }),
      filter: {},
      intervalMs: INTERVAL_MS,
      enabled: true,
    });
    try {
      engine.start();
      await lockstep.runUntil(END);
    } finally {
      await engine.stop();
      await lockstep.provider.close();
    }
    await recorder.flush();
    // Read back from disk by a fresh recorder, as the window and the CLI do.
    history = await new HistoryRecorder({ dataDir: dir }).read(replica.bookingUrl(SLUG, { name: SERVICE }));
    realMs = performance.now() - realStart;
    console.log(
      `replica week: ${lockstep.checks.length} checks, ${history.episodes.length} episodes, ${(realMs / 1000).toFixed(1)} s real time`,
    );
  }, 120_000);

  afterAll(async () => {
    expect(replica?.control.bookingAttempts() ?? []).toEqual([]);
    await browser?.close();
    await replica?.close();
    await remove?.();
  });

  it('ran the week on the half-hour grid in about a minute of real time, every check concluded and filed', async () => {
    expect(lockstep.checks.map((c) => c.at)).toEqual(GRID);
    expect(lockstep.checks.filter((c) => c.outcome.status !== 'slots')).toEqual([]);
    expect(history.checks.map((c) => Date.parse(c.at))).toEqual(GRID);
    expect(history.checks.every((c) => c.status === 'slots')).toBe(true);
    expect(history).toMatchObject({ timeZone: ZONE, service: SERVICE });
    expect((await readHistoryFile(historyFileFor(dir, history.bookingUrl!))).skippedLines).toBe(0);
    expect(realMs).toBeLessThan(90_000);
  });

  it('stored one episode per drop a check saw, with first seen, last seen and end at the checks’ resolution', () => {
    const expected = DROPS.map(expectedEpisode);
    // Wednesday's 10-minute drop fell between two checks: no history of it.
    expect(expected.filter((e) => e === undefined)).toHaveLength(1);
    expect(expectedEpisode(DROPS.find((d) => d.day === WED && d.freedAt === '09:40')!)).toBeUndefined();
    const alreadyFree = {
      ...ALREADY_FREE,
      timeZone: ZONE,
      capacity: 1,
      firstSeenAt: iso(START),
      lastSeenAt: iso(GRID.at(-1)!),
      end: 'open',
    };
    type Seen = { firstSeenAt: string; time: string };
    const byFirstSeen = (a: Seen, b: Seen) =>
      Date.parse(a.firstSeenAt) - Date.parse(b.firstSeenAt) || a.time.localeCompare(b.time);
    expect([...history.episodes].sort(byFirstSeen)).toEqual(
      [alreadyFree, ...expected.filter((e) => e !== undefined)].sort(byFirstSeen),
    );
    // Read plainly, for one of them: Tuesday's 18:25 drop (40 min) was seen at 18:30 and 19:00, gone by 19:30.
    expect(history.episodes.find((e) => e.date === addDays(TUE, 20) && e.time === '11:00')).toEqual({
      date: '2026-06-29',
      time: '11:00',
      timeZone: ZONE,
      capacity: 1,
      appearedAfter: '2026-06-09T22:00:00.000Z',
      firstSeenAt: '2026-06-09T22:30:00.000Z',
      lastSeenAt: '2026-06-09T23:00:00.000Z',
      endedAt: '2026-06-09T23:30:00.000Z',
      end: 'gone',
    });
  });

  it('the insight: Tuesday 18 h is the peak cell, 18 h the peak hour, a 60-minute median, none gone within 5 minutes', () => {
    const insight = buildInsight(history);
    expect(insight.timeZone).toBe(ZONE);
    // Tuesday 18 h: the 18:10, 18:05 and 18:25 drops, all first seen at 18:30.
    expect(insight.peak).toEqual({ weekday: 2, hour: 18, count: 3 });
    // 18 h: five weekday drops, two more on Tuesday, one more on Thursday.
    expect(insight.peakHour).toEqual({ hour: 18, count: 8 });
    const cells = insight.heatmap.filter((c) => c.count > 0).map((c) => [c.weekday, c.hour, c.count]);
    expect(cells).toEqual([
      [1, 18, 1],
      [2, 18, 3],
      [3, 18, 1],
      [4, 18, 2],
      [5, 18, 1],
      [6, 11, 1],
      [7, 15, 1], // freed at 14:45, first seen at 15:00
    ]);
    // Lifetimes as the checks see them (first seen → first check without it): Saturday's 20 min reads 30;
    // the five 70-min drops and Tuesday's 40-min one read 60; the two 100-min ones 90; Sunday's is still open.
    // Kaplan–Meier: S(30) = 9/10, S(60) = 9/10 × 3/9 = 0.3 ≤ ½, so the median is 60 min.
    expect(insight.lifetimes).toEqual({
      ended: 9,
      censored: 1,
      medianMs: 60 * MINUTE,
      goneWithin5MinShare: 0,
    });
    expect(insight.basis).toMatchObject({
      daysObserved: 7,
      checks: 7 * 48,
      conclusiveChecks: 7 * 48,
      appearances: 11,
      timedAppearances: 10,
    });
  });

  it('the CSV: one row per episode in consulate time with the zone, ISO instants, minutes free', () => {
    const lines = historyCsv(history).split('\r\n');
    expect(lines).toHaveLength(1 + 11 + 1); // header, 11 rows, the empty string after the last CRLF
    const consulate = history.consulate!;
    expect(lines).toContain(
      `${consulate},${SERVICE},2026-06-29,11:00,${ZONE},2026-06-29T15:00:00.000Z,1,2026-06-09,18:30,2026-06-09T22:30:00.000Z,2026-06-09,19:00,2026-06-09T23:00:00.000Z,2026-06-09T23:30:00.000Z,gone,60,yes`,
    );
    // Sunday's slot, still free at the last check: open, its minutes so far.
    expect(lines).toContain(
      `${consulate},${SERVICE},2026-07-04,14:00,${ZONE},2026-07-04T18:00:00.000Z,1,2026-06-14,15:00,2026-06-14T19:00:00.000Z,2026-06-14,23:30,2026-06-15T03:30:00.000Z,,open,510,yes`,
    );
    // The one free before the week began: its appearance time is unknown.
    expect(lines).toContain(
      `${consulate},${SERVICE},2026-06-28,15:00,${ZONE},2026-06-28T19:00:00.000Z,1,2026-06-08,00:00,2026-06-08T04:00:00.000Z,2026-06-14,23:30,2026-06-15T03:30:00.000Z,,open,10050,no`,
    );
  });
});
