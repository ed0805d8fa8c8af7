/** Free slots grouped by consulate day, each with the user's own time beside it when the two clocks differ (case T3). */
import { slotMatches } from '../../../shared/filters';
import type { CalendarDay, Slot, SlotFilter, WallTime } from '../../../shared/model';
import { compareCalendarDays, slotInstant, wallClockAt } from '../../../shared/zoned-time';

export interface SlotRow {
  slot: Slot;
  key: string;
  /** The same instant on the user's clock, only when it reads differently from the consulate's. */
  userClock?: { date: CalendarDay; time: WallTime; otherDay: boolean };
  matching: boolean;
  isNew: boolean;
}

export interface DayGroup {
  /** A consulate-zone day. */
  date: CalendarDay;
  rows: SlotRow[];
}

/** One slot's identity inside one watch: its consulate-zone date, time and zone (never an instant). */
export function slotKeyOf(slot: Pick<Slot, 'date' | 'time' | 'timeZone'>): string {
  return `${slot.date}|${slot.time}|${slot.timeZone}`;
}

export interface GroupOptions {
  filter: SlotFilter;
  now: Date;
  userTimeZone: string;
  newKeys?: ReadonlySet<string>;
}

export function groupSlotsByDay(slots: readonly Slot[], options: GroupOptions): DayGroup[] {
  const sorted = [...slots].sort(
    (a, b) => compareCalendarDays(a.date, b.date) || a.time.localeCompare(b.time),
  );
  const groups: DayGroup[] = [];
  for (const slot of sorted) {
    const key = slotKeyOf(slot);
    const mine = wallClockAt(slotInstant(slot), options.userTimeZone);
    const row: SlotRow = {
      slot,
      key,
      matching: slotMatches(slot, options.filter, options.now),
      isNew: options.newKeys?.has(key) ?? false,
    };
    if (mine.date !== slot.date || mine.time !== slot.time) {
      row.userClock = { ...mine, otherDay: mine.date !== slot.date };
    }
    const last = groups.at(-1);
    if (last && last.date === slot.date) last.rows.push(row);
    else groups.push({ date: slot.date, rows: [row] });
  }
  return groups;
}
