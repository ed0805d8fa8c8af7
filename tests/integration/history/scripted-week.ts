/** A scripted week of slot drops at one consulate (London), as a function of the wall clock: what is free when. */
import type { CheckOutcome, CheckTarget, Slot } from '../../../shared/model';
import { addDays, todayInZone, zonedDateTimeToInstant } from '../../../shared/zoned-time';

export const ZONE = 'Europe/London';
export const BOOKING_URL = 'https://consulat.gouv.fr/ambassade-de-france-a-londres/rendez-vous?name=Visas';
const TARGET: CheckTarget = {
  consulate: 'Ambassade de France à Londres',
  service: 'Visas',
  timeZone: ZONE,
  bookingUrl: BOOKING_URL,
};
/** Monday 2026-07-06 00:00 in London (BST). */
export const WEEK_START = zonedDateTimeToInstant('2026-07-06', '00:00', ZONE).getTime();
export const MINUTE = 60_000;
const WEEK_DAYS = [
  '2026-07-06',
  '2026-07-07',
  '2026-07-08',
  '2026-07-09',
  '2026-07-10',
  '2026-07-11',
  '2026-07-12',
];

interface Drop {
  slot: Slot;
  from: number;
  until: number;
}

const at = (day: string, time: string) => zonedDateTimeToInstant(day, time, ZONE).getTime();
const slotOn = (day: string, offsetDays: number, time: string): Slot => ({
  date: addDays(day, offsetDays),
  time,
  timeZone: ZONE,
  capacity: 1,
});

/**
 * Every day at 09:01 London three slots free up, for 4, 10 and 39 minutes. Tuesday also has one at 09:20 and one
 * at 13:01 (2 and 3 minutes); Sunday at 20:01 one that stays. One slot is there from the start all week.
 */
export const DROPS: Drop[] = [
  ...WEEK_DAYS.flatMap((day) => [
    { slot: slotOn(day, 14, '09:00'), from: at(day, '09:01'), until: at(day, '09:05') },
    { slot: slotOn(day, 14, '10:00'), from: at(day, '09:01'), until: at(day, '09:11') },
    { slot: slotOn(day, 15, '11:00'), from: at(day, '09:01'), until: at(day, '09:40') },
  ]),
  {
    slot: slotOn('2026-07-07', 20, '14:00'),
    from: at('2026-07-07', '09:20'),
    until: at('2026-07-07', '09:22'),
  },
  {
    slot: slotOn('2026-07-07', 20, '15:00'),
    from: at('2026-07-07', '13:01'),
    until: at('2026-07-07', '13:04'),
  },
  { slot: slotOn('2026-07-12', 10, '16:00'), from: at('2026-07-12', '20:01'), until: Infinity },
  { slot: slotOn('2026-07-06', 40, '08:30'), from: -Infinity, until: Infinity },
];

/** Wednesday 09:06 the site fails (unknown): the 09:01 slots must not be closed by it. */
export const OUTAGE = { from: at('2026-07-08', '09:05'), until: at('2026-07-08', '09:08') };

/** What a check at `nowMs` reads: the slots free then, or an unknown outcome during the outage. */
export function outcomeAt(nowMs: number): CheckOutcome {
  const checkedAt = new Date(nowMs).toISOString();
  if (nowMs >= OUTAGE.from && nowMs < OUTAGE.until) {
    return {
      status: 'unreachable',
      reason: 'scripted outage',
      checkedAt,
      slots: [],
      unknownDays: [],
      apiRequests: 1,
    };
  }
  const today = todayInZone(ZONE, new Date(nowMs));
  const slots = DROPS.filter((d) => d.from <= nowMs && nowMs < d.until).map((d) => d.slot);
  return {
    status: slots.length > 0 ? 'slots' : 'no-slots',
    reason: 'scripted',
    checkedAt,
    target: TARGET,
    slots,
    window: { start: today, end: addDays(today, 60) },
    unknownDays: [],
    apiRequests: 3,
  };
}
