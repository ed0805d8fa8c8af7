// Insight definitions (censoring, timed appearances, consulate-zone hours) and RFC 4180 CSV on small hand-made histories.
import { describe, expect, it } from 'vitest';
import type { CalendarHistory, Episode } from '../../../src-main/core/history/calendar-history';
import { csvField, historyCsv } from '../../../src-main/core/history/history-csv';
import { buildInsight, lifetimesOf } from '../../../src-main/core/history/insight';
import { MINUTE, iso } from './history-support';

const T = Date.parse('2026-03-29T00:30:00Z'); // Sunday; London springs forward at 01:00Z that night

function episode(
  firstMin: number,
  lastMin: number,
  end: Episode['end'],
  fields: Partial<Episode> = {},
): Episode {
  return {
    date: '2026-04-20',
    time: '09:00',
    timeZone: 'Europe/London',
    capacity: 1,
    firstSeenAt: iso(T + firstMin * MINUTE),
    appearedAfter: iso(T + (firstMin - 3) * MINUTE),
    lastSeenAt: iso(T + lastMin * MINUTE),
    ...(end === 'gone' ? { endedAt: iso(T + (lastMin + 3) * MINUTE) } : {}),
    end,
    ...fields,
  };
}

describe('insight', () => {
  it('counts censored episodes as lasting at least as long as they were seen (Kaplan–Meier)', () => {
    // Gone after 3 and 6 min; open ones seen for 30 and 60 min. Naively (gone only) the median would be 4.5 min.
    const lifetimes = lifetimesOf([
      episode(0, 0, 'gone'),
      episode(0, 3, 'gone'),
      episode(0, 30, 'open'),
      episode(0, 60, 'expired'),
    ]);
    expect(lifetimes).toMatchObject({ ended: 2, censored: 2, medianMs: 6 * MINUTE });
    expect(lifetimes.goneWithin5MinShare).toBeCloseTo(0.25, 6);
  });

  it('says "more than" when fewer than half are known to have gone', () => {
    const lifetimes = lifetimesOf([episode(0, 0, 'gone'), episode(0, 30, 'open'), episode(0, 50, 'open')]);
    expect(lifetimes.medianMs).toBeUndefined();
    expect(lifetimes.medianAtLeastMs).toBe(50 * MINUTE);
  });

  it('puts appearances in the consulate hour across a DST change, and leaves untimed ones out', () => {
    const history: CalendarHistory = {
      timeZone: 'Europe/London',
      checks: [{ at: iso(T), status: 'slots', slotCount: 1 }],
      episodes: [
        episode(0, 0, 'gone'), // 00:30Z = 00:30 GMT, Sunday
        episode(120, 120, 'gone'), // 02:30Z = 03:30 BST
        episode(0, 0, 'open', { appearedAfter: iso(T - 6 * 60 * MINUTE) }), // after a 6 h gap: time unknown
      ],
    };
    const insight = buildInsight(history);
    const hours = insight.heatmap.filter((c) => c.count > 0).map((c) => [c.weekday, c.hour, c.count]);
    expect(hours).toEqual([
      [7, 0, 1],
      [7, 3, 1],
    ]);
    expect(insight.basis).toMatchObject({ appearances: 3, timedAppearances: 2, daysObserved: 1 });
    expect(insight.lastAppearances.map((a) => a.timed)).toEqual([true, true, false]); // newest first
  });

  it('has no peak and no median for an empty history', () => {
    const insight = buildInsight({ checks: [], episodes: [] });
    expect(insight.peak).toBeUndefined();
    expect(insight.lifetimes).toEqual({ ended: 0, censored: 0 });
    expect(insight.timeZone).toBe('UTC');
  });
});

describe('history CSV', () => {
  it('quotes per RFC 4180 and defuses formula signs in site text', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    const csv = historyCsv(
      {
        consulate: 'Consulat, "général"',
        service: '=HYPERLINK("x")',
        timeZone: 'America/Toronto',
        checks: [{ at: '2026-07-03T03:30:00.000Z', status: 'no-slots', slotCount: 0 }],
        episodes: [],
      },
      'checks',
    );
    expect(csv).toBe(
      'consulate,service,date,time,time_zone,checked_at,status,slot_count\r\n' +
        '"Consulat, ""général""","\'=HYPERLINK(""x"")",2026-07-02,23:30,America/Toronto,2026-07-03T03:30:00.000Z,no-slots,0\r\n',
    );
  });
});
