/** The verdict of a calendar read: slots from the data, no-slots only with positive evidence, else unknown. */
import type { CheckOutcome } from '../../../../shared/model';
import { reasons } from './classify';
import { slotsOf, unknownCandidateDays, type CalendarProgress } from './read-calendar';

/** Slots only from the data; no-slots only with positive evidence; anything unread keeps the check unknown. */
export function conclude(
  progress: CalendarProgress,
  noSlotMessage: string | undefined,
): Pick<CheckOutcome, 'status' | 'reason' | 'slots'> {
  const slots = slotsOf(progress);
  const candidates = progress.candidates?.length ?? 0;
  const unknown = unknownCandidateDays(progress).length;
  if (slots.length > 0) {
    const days = new Set(slots.map((slot) => slot.date)).size;
    const count = (value: number, noun: string) => `${value} ${noun}${value === 1 ? '' : 's'}`;
    const partial = unknown > 0 ? ` (${count(unknown, 'other day')} could not be read)` : '';
    return {
      status: 'slots',
      reason: `${count(slots.length, 'free slot')} on ${count(days, 'day')}${partial}.`,
      slots,
    };
  }
  if (unknown > 0)
    return { status: 'unreachable', reason: reasons.unknownDays(unknown, candidates), slots: [] };
  if (progress.excluded === undefined) {
    return {
      status: 'site-changed',
      reason: reasons.siteChanged('the calendar data'),
      slots: [],
    };
  }
  const evidence =
    candidates === 0
      ? noSlotMessage !== undefined
        ? `every day is closed or fully booked, and the page says "${noSlotMessage}"`
        : 'every day that fits your filter is closed or fully booked'
      : `all ${candidates} open days that fit your filter answered with no free slot`;
  return { status: 'no-slots', reason: `No free slot: ${evidence}.`, slots: [] };
}
