// The hint rule: where a calendar's timed appearances cluster after the daily opening, read in consulate time.
import { describe, expect, it } from 'vitest';
import type { ReleaseSchedule } from '../../../shared/model';
import { addDays, zonedDateTimeToInstant } from '../../../shared/zoned-time';
import type { CalendarHistory, Episode } from '../../../src-main/core/history/calendar-history';
import { RELEASE_COVERED_MS, releaseHintsFromHistory } from '../../../src-main/core/release-hints';
import { AROUND_1820 } from './release-fixtures';

const ZONE = 'America/Montreal';
const RELEASE: ReleaseSchedule = { opening: '18:00', timeZone: ZONE, windowDays: 45 };
const MINUTE = 60_000;

const iso = (day: string, time: string, seconds = 0) =>
  new Date(zonedDateTimeToInstant(day, time, ZONE).getTime() + seconds * 1000).toISOString();

/** A slot that the check at `seen` (Montreal wall time) first showed, and the check at `after` did not. */
function appearance(day: string, after: string, seen: string, slotTime = '10:00'): Episode {
  return {
    date: addDays(day, 45),
    time: slotTime,
    timeZone: ZONE,
    capacity: 1,
    appearedAfter: iso(day, after),
    firstSeenAt: iso(day, seen),
    lastSeenAt: iso(day, seen),
    endedAt: iso(day, seen, 600),
    end: 'gone',
  };
}

function historyOf(episodes: Episode[]): CalendarHistory {
  const sorted = [...episodes].sort((a, b) => Date.parse(a.firstSeenAt) - Date.parse(b.firstSeenAt));
  return {
    timeZone: ZONE,
    checks: sorted.map((e) => ({ at: e.firstSeenAt, status: 'slots', slotCount: 1 })),
    episodes: sorted,
  };
}

const DAYS = ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05', '2026-06-06'];

describe('releaseHintsFromHistory', () => {
  it('too little data gives no hint: four appearances, or six on only two days', () => {
    const four = DAYS.slice(0, 4).map((day, i) => appearance(day, ...AROUND_1820[i]!));
    expect(releaseHintsFromHistory(historyOf(four), RELEASE)).toEqual([]);
    const twoDays = AROUND_1820.map(([after, seen], i) => appearance(DAYS[i % 2]!, after, seen, `1${i}:00`));
    expect(releaseHintsFromHistory(historyOf(twoDays), RELEASE)).toEqual([]);
  });

  it('a clear cluster at 18:20 gives one hint at the earliest check that caught it on most days, about +21 min', () => {
    const cluster = DAYS.map((day, i) => appearance(day, ...AROUND_1820[i]!));
    // Cancellations at scattered times, one each: no pattern, no hint.
    const scattered = [
      appearance(DAYS[0]!, '09:10', '09:40', '08:30'),
      appearance(DAYS[2]!, '13:05', '13:35', '08:30'),
      appearance(DAYS[4]!, '02:00', '02:30', '08:30'),
    ];
    const hints = releaseHintsFromHistory(historyOf([...cluster, ...scattered]), RELEASE);
    // Every day's interval holds 18:19–18:21; its end is the first instant all six days had the slot out.
    expect(hints).toEqual([{ afterOpeningMs: 21 * MINUTE }]);
  });

  it('appearances that were not timed (no check just before) do not count', () => {
    const untimed = DAYS.map((day, i) => {
      const e = appearance(day, ...AROUND_1820[i]!);
      delete e.appearedAfter;
      return e;
    });
    expect(releaseHintsFromHistory(historyOf(untimed), RELEASE)).toEqual([]);
  });

  it('across the DST change the cluster stays at +20 min in consulate time (one hint, not two an hour apart)', () => {
    // Montreal leaves DST on 2026-11-01: 18:20 is 22:20Z before and 23:20Z after.
    const days = ['2026-10-29', '2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03'];
    const cluster = days.map((day, i) => appearance(day, ...AROUND_1820[i]!));
    expect(cluster[2]!.firstSeenAt).toBe('2026-10-31T22:33:00.000Z');
    expect(cluster[3]!.firstSeenAt).toBe('2026-11-01T23:22:00.000Z');
    expect(releaseHintsFromHistory(historyOf(cluster), RELEASE)).toEqual([{ afterOpeningMs: 21 * MINUTE }]);
  });

  it('appearances the release check and its follow-ups already catch give no hint', () => {
    const early = DAYS.map((day) => appearance(day, '18:00', '18:01'));
    const followUp = DAYS.map((day) => appearance(day, '18:01', '18:03', '11:00'));
    expect(RELEASE_COVERED_MS).toBe(4 * MINUTE);
    expect(releaseHintsFromHistory(historyOf([...early, ...followUp]), RELEASE)).toEqual([]);
  });

  it('one big drop on a single day is one cycle, not a pattern', () => {
    const batch = ['08:30', '09:00', '09:30', '10:00', '10:30', '11:00'].map((time) =>
      appearance(DAYS[0]!, '21:00', '21:30', time),
    );
    const others = [appearance(DAYS[1]!, '03:00', '03:30'), appearance(DAYS[2]!, '12:00', '12:30')];
    expect(releaseHintsFromHistory(historyOf([...batch, ...others]), RELEASE)).toEqual([]);
  });

  it('two recurring times give two hints, earliest first, and never more than asked', () => {
    const at1820 = DAYS.map((day, i) => appearance(day, ...AROUND_1820[i]!));
    // A second batch around 08:45 the next morning (14 h 45 min after the opening), on four of the six days.
    const at0845 = DAYS.slice(0, 4).map((day, i) =>
      appearance(addDays(day, 1), `08:${30 + i * 3}`, `08:${46 + i}`, '14:00'),
    );
    const both = historyOf([...at1820, ...at0845]);
    expect(releaseHintsFromHistory(both, RELEASE)).toEqual([
      { afterOpeningMs: 21 * MINUTE },
      { afterOpeningMs: (14 * 60 + 46) * MINUTE },
    ]);
    expect(releaseHintsFromHistory(both, RELEASE, { maxHints: 1 })).toEqual([
      { afterOpeningMs: 21 * MINUTE },
    ]);
  });

  it('old history beyond the lookback is left out', () => {
    const old = DAYS.map((day, i) => appearance(day, ...AROUND_1820[i]!));
    const history = historyOf(old);
    history.checks.push({ at: '2026-08-01T12:00:00.000Z', status: 'no-slots', slotCount: 0 });
    expect(releaseHintsFromHistory(history, RELEASE)).toEqual([]);
  });
});
