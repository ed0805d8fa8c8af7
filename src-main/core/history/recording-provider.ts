/** A provider that files every check's outcome in the history, passing the outcome on untouched. */
import type { CheckOutcome } from '../../../shared/model';
import type { AvailabilityProvider } from '../providers/provider';
import type { HistoryRecorder } from './history-recorder';

/**
 * Sits where every check passes with its filter and its full slot list (the engine's events carry only
 * matching, not-yet-alerted slots). Recording is queued, never awaited: the engine gets its outcome as fast
 * as without history. A provider that throws is filed as `unreachable` and the error passed on.
 */
export function recordingHistory(
  provider: AvailabilityProvider,
  recorder: HistoryRecorder,
  now: () => Date = () => new Date(),
): AvailabilityProvider {
  return {
    async check(request) {
      let outcome: CheckOutcome;
      try {
        outcome = await provider.check(request);
      } catch (error) {
        void recorder.record(request, {
          status: 'unreachable',
          reason: error instanceof Error ? error.message : String(error),
          checkedAt: now().toISOString(),
          slots: [],
          unknownDays: [],
          apiRequests: 0,
        });
        throw error;
      }
      void recorder.record(request, outcome);
      return outcome;
    },
    close: () => provider.close(),
  };
}
