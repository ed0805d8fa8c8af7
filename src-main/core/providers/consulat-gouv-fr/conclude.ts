/** The verdict of a calendar read: slots from the data, no-slots only with positive evidence, else unknown. */
import type { CheckOutcome } from '../../../../shared/model';
import { explainOutcome, type OutcomeExplanation } from '../../../../shared/outcome-reasons';
import { reasons } from './classify';
import { slotsOf, unknownCandidateDays, type CalendarProgress } from './read-calendar';

type Verdict = Pick<CheckOutcome, 'status' | 'reason' | 'explanation' | 'slots'>;

function verdict(
  status: CheckOutcome['status'],
  explanation: OutcomeExplanation,
  slots: Verdict['slots'],
): Verdict {
  return { status, reason: explainOutcome(explanation, 'en'), explanation, slots };
}

/** Slots only from the data; no-slots only with positive evidence; anything unread keeps the check unknown. */
export function conclude(progress: CalendarProgress, noSlotMessage: string | undefined): Verdict {
  const slots = slotsOf(progress);
  const candidates = progress.candidates?.length ?? 0;
  const unknown = unknownCandidateDays(progress).length;
  if (slots.length > 0) {
    const days = new Set(slots.map((slot) => slot.date)).size;
    return verdict('slots', { code: 'slots-found', slots: slots.length, days, unreadDays: unknown }, slots);
  }
  if (unknown > 0) return verdict('unreachable', reasons.unknownDays(unknown, candidates), []);
  if (progress.excluded === undefined)
    return verdict('site-changed', reasons.siteChanged('the calendar data'), []);
  if (candidates > 0) return verdict('no-slots', { code: 'no-slots-days-empty', days: candidates }, []);
  if (progress.filterDaysInWindow === 0 && progress.window) {
    // Positive evidence still (the window was read), but "all closed" would mislead: nothing was asked.
    return verdict(
      'no-slots',
      {
        code: 'no-slots-outside-window',
        ...progress.window,
        ...(progress.filterDatesOutside ? { dates: progress.filterDatesOutside } : {}),
      },
      [],
    );
  }
  return verdict(
    'no-slots',
    noSlotMessage !== undefined
      ? { code: 'no-slots-all-closed', pageMessage: noSlotMessage }
      : { code: 'no-slots-all-closed' },
    [],
  );
}
