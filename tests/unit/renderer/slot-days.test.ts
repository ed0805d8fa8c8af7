// Slots grouped by consulate day, with the user's own time beside them only when the clocks differ (case T3).
import { describe, expect, it } from 'vitest';
import { groupSlotsByDay, slotKeyOf } from '../../../src-renderer/lib/format/slot-days';
import { dayHeading } from '../../../src-renderer/lib/format/dates';
import { translate } from '../../../src-renderer/lib/i18n/translate';
import type { Slot } from '../../../shared/model';
import { londonSlot } from './fixtures';

const now = new Date('2026-07-01T12:00:00Z');

describe('groupSlotsByDay', () => {
  it('T3: a Montreal Friday 23:30 slot stays Friday 23:30 and matches a Friday 18:00–23:59 filter for a Paris user', () => {
    const slot: Slot = { date: '2026-07-03', time: '23:30', timeZone: 'America/Montreal', capacity: 1 };
    const [group] = groupSlotsByDay([slot], {
      filter: { weekdays: [5], hours: [{ from: '18:00', to: '23:59' }] },
      now,
      userTimeZone: 'Europe/Paris',
    });
    expect(group!.date).toBe('2026-07-03');
    expect(dayHeading(group!.date, (k, p) => translate('fr', k, p))).toBe('vendredi 3 juillet');
    const row = group!.rows[0]!;
    expect(row.matching).toBe(true);
    expect(row.slot.time).toBe('23:30');
    // Montreal is UTC-4 in July, Paris UTC+2: six hours later, on Saturday.
    expect(row.userClock).toEqual({ date: '2026-07-04', time: '05:30', otherDay: true });
  });

  it('shows no second time when the user is in the consulate zone', () => {
    const [group] = groupSlotsByDay([londonSlot('2026-07-06', '09:30')], {
      filter: {},
      now,
      userTimeZone: 'Europe/London',
    });
    expect(group!.rows[0]!.userClock).toBeUndefined();
  });

  it('sorts by day then time, groups per day, flags matching and new slots', () => {
    const slots = [
      londonSlot('2026-07-07', '10:00'),
      londonSlot('2026-07-06', '14:00'),
      londonSlot('2026-07-06', '09:30'),
    ];
    const groups = groupSlotsByDay(slots, {
      filter: { hours: [{ from: '09:00', to: '12:00' }] },
      now,
      userTimeZone: 'Europe/Paris',
      newKeys: new Set([slotKeyOf(slots[1]!)]),
    });
    expect(groups.map((g) => [g.date, g.rows.map((r) => [r.slot.time, r.matching, r.isNew])])).toEqual([
      [
        '2026-07-06',
        [
          ['09:30', true, false],
          ['14:00', false, true],
        ],
      ],
      ['2026-07-07', [['10:00', true, false]]],
    ]);
    expect(groups[0]!.rows[0]!.userClock).toEqual({ date: '2026-07-06', time: '10:30', otherDay: false });
  });
});
