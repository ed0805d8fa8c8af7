// Watches, statuses and outcomes for the window's tests: a London watch with slots, a Montreal one (case T3).
import type { CheckOutcome, Slot, Watch, WatchStatus } from '../../../shared/model';

export const LONDON_URL =
  'https://consulat.gouv.fr/consulat-general-de-france-a-londres/rendez-vous?name=Passeports%20et%20CNIE';

export function londonSlot(date: string, time: string, capacity = 1): Slot {
  return { date, time, timeZone: 'Europe/London', capacity };
}

export function slotsOutcome(slots: Slot[], checkedAt = '2026-07-03T08:00:00.000Z'): CheckOutcome {
  return {
    status: slots.length > 0 ? 'slots' : 'no-slots',
    reason: slots.length > 0 ? `${slots.length} free slot(s).` : 'The calendar shows no free slot.',
    checkedAt,
    target: {
      consulate: 'Consulat général de France à Londres',
      service: 'Passeports et CNIE',
      timeZone: 'Europe/London',
      bookingUrl: LONDON_URL,
    },
    slots,
    unknownDays: [],
    apiRequests: 4,
  };
}

export function londonEntry(
  slots: Slot[],
  overrides: { watch?: Partial<Watch>; status?: Partial<WatchStatus> } = {},
): { watch: Watch; status: WatchStatus } {
  const watch: Watch = { id: 'w1', bookingUrl: LONDON_URL, filter: {}, enabled: true, ...overrides.watch };
  const outcome = slotsOutcome(slots);
  const status: WatchStatus = {
    watchId: watch.id,
    state: 'ok',
    lastCheckAt: outcome.checkedAt,
    lastSuccessAt: outcome.checkedAt,
    nextCheckAt: '2026-07-03T08:03:00.000Z',
    outcome,
    slots,
    consecutiveFailures: 0,
    target: outcome.target!,
    ...overrides.status,
  };
  return { watch, status };
}
