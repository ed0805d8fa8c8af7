/** The port every site provider implements: read one booking calendar and classify the result. */
import type { CheckOutcome, SlotFilter } from '../../../shared/model';

export interface CheckRequest {
  /** The booking page URL exactly as the person copied it. */
  bookingUrl: string;
  /** Only days that can match this filter are asked for. */
  filter: SlotFilter;
  /** Aborts the check (quit, watch removed); the outcome is then `unreachable`. */
  signal?: AbortSignal;
}

export interface AvailabilityProvider {
  check(request: CheckRequest): Promise<CheckOutcome>;
  /** Releases browser contexts and sessions held for warm checks. */
  close(): Promise<void>;
}
