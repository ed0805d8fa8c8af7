/** A provider for engine tests that answers from a script and records when each check ran (monotonic ms). */
import type { CheckOutcome, CheckStatus, CheckTarget, Slot } from '../../../shared/model';
import type { AvailabilityProvider, CheckRequest } from '../../../src-main/core/providers/provider';
import type { Clock } from '../../../src-main/core/ports';

export const LONDON: CheckTarget = {
  consulate: 'Ambassade de France à Londres',
  service: 'Visas',
  timeZone: 'Europe/London',
  bookingUrl: 'https://consulat.gouv.fr/ambassade-de-france-a-londres/rendez-vous?name=Visas',
  teamId: 'team-london',
  serviceId: 'svc-visas',
};

export function slot(date: string, time: string, timeZone = 'Europe/London'): Slot {
  return { date, time, timeZone, capacity: 1 };
}

type OutcomeFields = Partial<Omit<CheckOutcome, 'status'>>;

/** One answer of the script: an outcome, or a function called at check time (may return a pending promise). */
export type Step = CheckOutcome | ((request: CheckRequest) => CheckOutcome | Promise<CheckOutcome>);

export function outcome(status: CheckStatus, fields: OutcomeFields = {}): CheckOutcome {
  return {
    status,
    reason: fields.reason ?? `scripted ${status}`,
    checkedAt: fields.checkedAt ?? '',
    target: isConclusive(status) ? (fields.target ?? LONDON) : fields.target,
    slots: fields.slots ?? [],
    unknownDays: fields.unknownDays ?? [],
    apiRequests: fields.apiRequests ?? 3,
    ...(fields.retryAfterMs !== undefined ? { retryAfterMs: fields.retryAfterMs } : {}),
    ...(fields.explanation !== undefined ? { explanation: fields.explanation } : {}),
  };
}

function isConclusive(status: CheckStatus): boolean {
  return status === 'slots' || status === 'no-slots';
}

/** A conclusive answer: `slots` when any, else `no-slots`. */
export function seen(slots: Slot[], fields: OutcomeFields = {}): CheckOutcome {
  return outcome(slots.length > 0 ? 'slots' : 'no-slots', { ...fields, slots });
}

export function failed(
  status: Exclude<CheckStatus, 'slots' | 'no-slots'> = 'unreachable',
  fields: OutcomeFields = {},
) {
  return outcome(status, { reason: `HTTP 503 (${status})`, ...fields });
}

export class ScriptedProvider implements AvailabilityProvider {
  /** Monotonic times at which checks started, and the request each got. */
  readonly calls: { at: number; request: CheckRequest }[] = [];
  /** Checks in flight right now, and the most ever seen at once. */
  inFlight = 0;
  maxInFlight = 0;
  closed = false;
  private readonly steps: Step[];

  /** The last answer repeats once the script runs out. */
  constructor(
    private readonly clock: Clock,
    steps: Step[],
  ) {
    this.steps = [...steps];
  }

  async check(request: CheckRequest): Promise<CheckOutcome> {
    this.calls.push({ at: this.clock.now(), request });
    const index = Math.min(this.calls.length - 1, this.steps.length - 1);
    const step = this.steps[index];
    if (!step) throw new Error('empty script');
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const answer = typeof step === 'function' ? await step(request) : step;
      return { ...answer, checkedAt: answer.checkedAt || this.clock.wallNow().toISOString() };
    } finally {
      this.inFlight -= 1;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** A promise the test resolves by hand: a check that stays in flight until told. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
