// A scripted week of slot drops through the real engine on an accelerated clock: stored history, insight figures, CSV.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/core/engine';
import { historyFileFor } from '../../../src-main/core/history/history-calendar';
import { HistoryRecorder } from '../../../src-main/core/history/history-recorder';
import { historyCsv } from '../../../src-main/core/history/history-csv';
import { buildInsight } from '../../../src-main/core/history/insight';
import type { CalendarHistory } from '../../../src-main/core/history/calendar-history';
import { recordingHistory } from '../../../src-main/core/history/recording-provider';
import { FakeClock } from '../../support/fake-clock';
import { tempDataDir } from '../../unit/history/history-support';
import { BOOKING_URL, MINUTE, OUTAGE, WEEK_START, outcomeAt } from './scripted-week';

const WEEK_MS = 7 * 24 * 60 * MINUTE;

describe('a scripted week through the engine', () => {
  let dir: string;
  let remove: () => Promise<void>;
  let history: CalendarHistory;

  beforeAll(async () => {
    ({ dir, remove } = await tempDataDir());
    const clock = new FakeClock(new Date(WEEK_START));
    const recorder = new HistoryRecorder({ dataDir: dir, now: () => clock.wallNow() });
    const provider = recordingHistory(
      { check: async () => outcomeAt(clock.wallNow().getTime()), close: async () => {} },
      recorder,
    );
    const engine = new Engine({ provider, clock, random: { next: () => 0.5 }, globalIntervalMs: 3 * MINUTE });
    engine.addWatch({ id: 'w1', bookingUrl: BOOKING_URL, filter: {}, enabled: true });
    engine.start();
    // A day at a time, so each day's checks are filed before the next (the file is the subject, not the RAM).
    for (let day = 0; day < 7; day += 1) {
      await clock.advance(day === 6 ? 24 * 60 * MINUTE - MINUTE : 24 * 60 * MINUTE);
      await recorder.flush();
    }
    await engine.stop();
    await recorder.flush();
    history = await new HistoryRecorder({ dataDir: dir }).read(BOOKING_URL);
  }, 120_000);
  afterAll(() => remove());

  it('stored every check of the week, the outage as unknown', () => {
    expect(history.checks.length).toBeGreaterThan(3300);
    expect(history.checks.filter((c) => c.status === 'unreachable')).toHaveLength(1);
    expect(Date.parse(history.checks[0]!.at)).toBe(WEEK_START);
    expect(Date.parse(history.checks.at(-1)!.at)).toBeLessThan(WEEK_START + WEEK_MS);
  });

  it('stored one episode per appearance, with first seen, last seen and end', () => {
    expect(history.episodes).toHaveLength(7 * 3 + 2 + 1 + 1);
    const monday = history.episodes.find((e) => e.date === '2026-07-20' && e.time === '09:00')!;
    expect(monday).toMatchObject({
      firstSeenAt: '2026-07-06T08:03:00.000Z',
      appearedAfter: '2026-07-06T08:00:00.000Z',
      lastSeenAt: '2026-07-06T08:03:00.000Z',
      endedAt: '2026-07-06T08:06:00.000Z',
      end: 'gone',
    });
    // Wednesday's 09:06 check failed: unknown is not empty, the slot closed at the next conclusive check.
    const wednesday = history.episodes.find((e) => e.date === '2026-07-22' && e.time === '09:00')!;
    expect(Date.parse(wednesday.endedAt!)).toBeGreaterThanOrEqual(OUTAGE.until);
    expect(wednesday.lastSeenAt).toBe('2026-07-08T08:03:00.000Z');
    const there = history.episodes.find((e) => e.time === '08:30')!;
    expect(there).toMatchObject({ end: 'open', firstSeenAt: new Date(WEEK_START).toISOString() });
    expect(there.appearedAfter).toBeUndefined();
  });

  it('the insight: Tuesday 09 h is the peak cell, 09 h the peak hour, a 9-minute median, a third gone within 5 minutes', () => {
    const insight = buildInsight(history);
    expect(insight.timeZone).toBe('Europe/London');
    expect(insight.peak).toEqual({ weekday: 2, hour: 9, count: 4 });
    expect(insight.peakHour).toEqual({ hour: 9, count: 22 });
    const cell = (weekday: number, hour: number) =>
      insight.heatmap.find((c) => c.weekday === weekday && c.hour === hour)!.count;
    expect(cell(2, 13)).toBe(1);
    expect(cell(7, 20)).toBe(1);
    expect(insight.heatmap.reduce((sum, c) => sum + c.count, 0)).toBe(24);
    // Durations (first seen → first check without it): 3 min ×8, 9 min ×8 (Wednesday's outage included), 39 min ×7,
    // and Sunday's slot still open (censored). Kaplan–Meier: S(3) = 16/24, S(9) = 16/24 × 8/16 = 1/3.
    expect(insight.lifetimes).toMatchObject({ ended: 23, censored: 1, medianMs: 9 * MINUTE });
    expect(insight.lifetimes.goneWithin5MinShare).toBeCloseTo(8 / 24, 6);
    expect(insight.basis).toMatchObject({ daysObserved: 7, appearances: 25, timedAppearances: 24 });
    expect(insight.lastAppearances[0]).toMatchObject({
      date: '2026-07-22',
      time: '16:00',
      end: 'open',
      timed: true,
    });
  });

  it('the CSV: one row per episode, consulate-time columns with the zone, ISO instants, CRLF', async () => {
    const csv = historyCsv(history);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'consulate,service,slot_date,slot_time,time_zone,slot_starts_at,capacity,first_seen_date,first_seen_time,first_seen_at,last_seen_date,last_seen_time,last_seen_at,ended_at,end,minutes_free,appearance_time_known',
    );
    expect(lines).toHaveLength(25 + 2); // header, 25 rows, the empty string after the last CRLF
    expect(lines).toContain(
      'Ambassade de France à Londres,Visas,2026-07-20,09:00,Europe/London,2026-07-20T08:00:00.000Z,1,2026-07-06,09:03,2026-07-06T08:03:00.000Z,2026-07-06,09:03,2026-07-06T08:03:00.000Z,2026-07-06T08:06:00.000Z,gone,3,yes',
    );
    // The file on disk is compact: one short line per check and per appearance change.
    const bytes = (await readFile(historyFileFor(dir, BOOKING_URL))).length;
    expect(bytes / history.checks.length).toBeLessThan(80);
  });
});
