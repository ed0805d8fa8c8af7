/** The soak's ledger: which matching slots the replica really had at each conclusive check, against the alerts that came. */
import { isConclusive } from '../shared/model';
import type { CheckOutcome, Slot } from '../shared/model';

export interface Calendar {
  /** Base of the booking URL (no query): how checks and alerts are matched to a calendar. */
  id: string;
  slug: string;
  service: string;
  /** The filter's days, inclusive; slots are only ever added on these days. */
  days: string[];
}

export type SlotKey = string;

export function keyOf(calendar: string, slot: Pick<Slot, 'date' | 'time'>): SlotKey {
  return `${calendar}|${slot.date}|${slot.time}`;
}

export interface LedgerFigures {
  checks: number;
  conclusive: number;
  byStatus: Record<string, number>;
  expected: number;
  delivered: number;
  missed: SlotKey[];
  duplicated: SlotKey[];
  falseAlerts: SlotKey[];
}

/**
 * A slot is expected once it was in the replica, matching, on a day the check did not report unknown, during a
 * conclusive check (slots only change while no check runs, so "during" is exact). Delivered slots come from the
 * alerts; a delivered slot the replica did not have at that check is a false alert.
 */
export class Ledger {
  private checks = 0;
  private conclusive = 0;
  private readonly byStatus: Record<string, number> = {};
  private readonly expected = new Set<SlotKey>();
  private readonly deliveredCount = new Map<SlotKey, number>();
  private readonly falseAlerts = new Set<SlotKey>();
  /** The inventory each calendar had at its latest check, for judging the alert that check raises. */
  private readonly lastInventory = new Map<string, Set<SlotKey>>();

  checkEnded(calendar: string, inventory: Set<SlotKey>, outcome: CheckOutcome): void {
    this.checks += 1;
    this.byStatus[outcome.status] = (this.byStatus[outcome.status] ?? 0) + 1;
    this.lastInventory.set(calendar, inventory);
    if (!isConclusive(outcome.status)) return;
    this.conclusive += 1;
    const unknown = new Set(outcome.unknownDays);
    for (const key of inventory) if (!unknown.has(key.split('|')[1]!)) this.expected.add(key);
  }

  alerted(calendar: string, slots: Slot[]): void {
    const inventory = this.lastInventory.get(calendar) ?? new Set<SlotKey>();
    for (const slot of slots) {
      const key = keyOf(calendar, slot);
      this.deliveredCount.set(key, (this.deliveredCount.get(key) ?? 0) + 1);
      if (!inventory.has(key)) this.falseAlerts.add(key);
    }
  }

  get checkCount(): number {
    return this.checks;
  }

  figures(): LedgerFigures {
    return {
      checks: this.checks,
      conclusive: this.conclusive,
      byStatus: { ...this.byStatus },
      expected: this.expected.size,
      delivered: this.deliveredCount.size,
      missed: [...this.expected].filter((key) => !this.deliveredCount.has(key)),
      duplicated: [...this.deliveredCount].filter(([, n]) => n > 1).map(([key]) => key),
      falseAlerts: [...this.falseAlerts],
    };
  }
}
