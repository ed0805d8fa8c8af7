// The engine on a fake clock with hints from history: a check lands where slots tend to appear, and the day keeps its budget.
import { describe, expect, it } from 'vitest';
import type { CheckTarget, ReleaseSchedule } from '../../../shared/model';
import { addDays, zonedDateTimeToInstant } from '../../../shared/zoned-time';
import { Engine } from '../../../src-main/core/engine';
import type { EngineOptions } from '../../../src-main/core/engine';
import type { CalendarHistory, Episode } from '../../../src-main/core/history/calendar-history';
import { RELEASE_HINTS_REFRESH_MS, releaseHintsFromStore } from '../../../src-main/core/release-hints-source';
import { cycleBudget } from '../../../src-main/core/release-plan';
import { FakeClock } from '../../support/fake-clock';
import { MINUTE, watch } from './engine-harness';
import { AROUND_1820 } from './release-fixtures';
import { LONDON, ScriptedProvider, seen } from './scripted-provider';

const SECOND = 1_000;
const HOUR = 60 * MINUTE;
const INTERVAL_MS = 30 * MINUTE;
const ZONE = 'America/Montreal';
const RELEASE: ReleaseSchedule = { opening: '18:00', timeZone: ZONE, windowDays: 45 };
const MONTREAL: CheckTarget = {
  ...LONDON,
  consulate: 'Consulat général de France à Montréal',
  service: 'Demande de passeport/CNI',
  timeZone: ZONE,
  release: RELEASE,
};
/** 18:00 Montreal (EDT) on 2026-06-01, 06-02 and 06-03. */
const OPENINGS = ['2026-06-01T22:00:00Z', '2026-06-02T22:00:00Z', '2026-06-03T22:00:00Z'].map(Date.parse);

function cyclingRandom() {
  let i = 0;
  const draws = [0.03, 0.91, 0.47, 0.66, 0.12, 0.78, 0.35, 0.999];
  return { next: () => draws[i++ % draws.length]! };
}

/** Three days of an empty Montreal calendar at a 30-min interval; the check instants (wall clock). */
async function run(options: Partial<EngineOptions>): Promise<number[]> {
  const clock = new FakeClock('2026-06-01T12:00:00Z');
  const provider = new ScriptedProvider(clock, [seen([], { target: MONTREAL })]);
  const engine = new Engine({ provider, clock, random: cyclingRandom(), siteSpacingMs: 0, ...options });
  engine.addWatch(watch('w1', { intervalMs: INTERVAL_MS }));
  engine.start();
  await clock.advance(3 * 24 * HOUR);
  await engine.stop();
  const wallOf = (monotonic: number) => clock.wallNow().getTime() + (monotonic - clock.now());
  return provider.calls.map((call) => wallOf(call.at));
}

const within = (times: number[], from: number, to: number) => times.filter((at) => at >= from && at < to);

/** One slot a day first seen by a check just after 18:20 Montreal, the check before it some minutes earlier. */
function historyWithCluster(): CalendarHistory {
  const episodes: Episode[] = AROUND_1820.map(([after, first], i) => {
    const day = addDays('2026-05-25', i);
    const at = (time: string) => zonedDateTimeToInstant(day, time, ZONE).toISOString();
    return {
      date: addDays(day, 45),
      time: '10:00',
      timeZone: ZONE,
      capacity: 1,
      appearedAfter: at(after),
      firstSeenAt: at(first),
      lastSeenAt: at(first),
      endedAt: at('19:00'),
      end: 'gone',
    };
  });
  return {
    timeZone: ZONE,
    checks: episodes.map((e) => ({ at: e.firstSeenAt, status: 'slots', slotCount: 1 })),
    episodes,
  };
}

describe('engine with release hints', () => {
  it('a hint at +20 min puts one check in [+20, +21) min of every opening; the day keeps the 30-min budget', async () => {
    const plain = await run({});
    const hinted = await run({ releaseHints: () => [{ afterOpeningMs: 20 * MINUTE }] });
    for (const opening of OPENINGS) {
      const window = [opening + 20 * MINUTE, opening + 21 * MINUTE] as const;
      expect(within(plain, ...window)).toEqual([]); // the plain plan has nothing there
      expect(within(hinted, ...window)).toHaveLength(1);
      // The release check is still there first.
      expect(within(hinted, opening + 5 * SECOND, opening + 10 * SECOND)).toHaveLength(1);
    }
    const budget = cycleBudget(OPENINGS[1]! - OPENINGS[0]!, INTERVAL_MS);
    expect(budget).toBe(48);
    for (const times of [plain, hinted]) {
      const day = within(times, OPENINGS[0]!, OPENINGS[1]!).length;
      expect(day).toBeLessThanOrEqual(budget);
      expect(day).toBeGreaterThanOrEqual(budget - 4);
    }
    // The hint is paid for by a spread check, not added on top.
    expect(within(hinted, OPENINGS[0]!, OPENINGS[1]!).length).toBeLessThanOrEqual(
      within(plain, OPENINGS[0]!, OPENINGS[1]!).length,
    );
  });

  it('from the stored history: a cluster at 18:20 brings a check at about +21 min, the disk read never awaited', async () => {
    const reads: string[] = [];
    let clockNow = () => 0;
    const source = releaseHintsFromStore(
      async (url) => {
        reads.push(url);
        return historyWithCluster();
      },
      () => clockNow(),
    );
    const clock = new FakeClock('2026-06-01T12:00:00Z');
    clockNow = () => clock.now();
    const provider = new ScriptedProvider(clock, [seen([], { target: MONTREAL })]);
    const engine = new Engine({
      provider,
      clock,
      random: cyclingRandom(),
      siteSpacingMs: 0,
      releaseHints: source,
    });
    engine.addWatch(watch('w1', { intervalMs: INTERVAL_MS }));
    engine.start();
    await clock.advance(3 * 24 * HOUR);
    await engine.stop();
    const wallOf = (monotonic: number) => clock.wallNow().getTime() + (monotonic - clock.now());
    const times = provider.calls.map((call) => wallOf(call.at));
    for (const opening of OPENINGS) {
      expect(within(times, opening + 21 * MINUTE, opening + 22 * MINUTE)).toHaveLength(1);
      const day = within(times, opening, opening + 24 * HOUR).length;
      expect(day).toBeLessThanOrEqual(48);
    }
    // The history was read in the background at most once per refresh period, not at every plan.
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.length).toBeLessThanOrEqual(Math.ceil((3 * 24 * HOUR) / RELEASE_HINTS_REFRESH_MS) + 1);
    expect(new Set(reads)).toEqual(new Set([LONDON.bookingUrl]));
  });

  it('a hint source that throws or never answers costs the plan nothing: the release checks stay', async () => {
    const throwing = await run({
      releaseHints: () => {
        throw new Error('broken');
      },
    });
    const pending = releaseHintsFromStore(
      () => new Promise<CalendarHistory>(() => {}),
      () => 0,
    );
    const waiting = await run({ releaseHints: pending });
    const plain = await run({});
    expect(throwing).toEqual(plain);
    expect(waiting).toEqual(plain);
  });
});
