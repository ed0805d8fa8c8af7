/** Files a scripted week of appearances after the checks already stored, so the insight view has something to show. */
import type { HistoryRecorder } from '../../src-main/core/history/history-recorder';
import { WEEK_START, outcomeAt } from '../integration/history/scripted-week';

const STEP_MS = 3 * 60_000;

/**
 * The scripted week (tests/integration/history) filed for `bookingUrl`, moved to start a week after the last check
 * stored, so it follows what the real checks filed. Weekdays and hours are kept: the shift is whole weeks.
 */
export async function seedHistory(recorder: HistoryRecorder, bookingUrl: string): Promise<void> {
  const stored = await recorder.read(bookingUrl);
  const last = Date.parse(stored.checks.at(-1)?.at ?? new Date(WEEK_START).toISOString());
  const weekMs = 7 * 86_400_000;
  const shift = Math.max(0, Math.ceil((last - WEEK_START) / weekMs) + 1) * weekMs;
  for (let t = WEEK_START; t < WEEK_START + weekMs; t += STEP_MS) {
    const outcome = outcomeAt(t);
    await recorder.record(
      { bookingUrl, filter: {} },
      {
        ...outcome,
        checkedAt: new Date(t + shift).toISOString(),
        // The calendar keeps the names the real checks read.
        ...(outcome.target && stored.consulate && stored.service
          ? { target: { ...outcome.target, consulate: stored.consulate, service: stored.service } }
          : {}),
        slots: outcome.slots.map((s) => ({ ...s, date: shiftDay(s.date, shift) })),
        ...(outcome.window
          ? {
              window: {
                start: shiftDay(outcome.window.start, shift),
                end: shiftDay(outcome.window.end, shift),
              },
            }
          : {}),
      },
    );
  }
}

function shiftDay(day: string, shiftMs: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + shiftMs).toISOString().slice(0, 10);
}
