// The real consulat.gouv.fr provider and Chromium against the replica on simulated time: the engine's fake clock and the replica's virtual clock in lockstep.
import type { Browser } from 'playwright-core';
import type { CheckOutcome } from '../../shared/model';
import { createConsulatGouvFrProvider } from '../../src-main/core/providers/consulat-gouv-fr/provider';
import type { AvailabilityProvider, CheckRequest } from '../../src-main/core/providers/provider';
import type { Replica } from '../replica/server';
import { settle, type FakeClock } from './fake-clock';

// Why lockstep: a day of checks at a realistic interval would take a day. The engine runs on the fake Clock
// port; before each check the replica's virtual clock is set to the engine's wall time, and virtual time stands
// still while real Chromium reads the page. So a check costs its real duration, and waiting costs nothing.

export interface ReplicaLockstep {
  /** The real provider; each check first sets the replica's clock to the engine's wall time. */
  provider: AvailabilityProvider;
  /** Wall-clock epoch ms each check started, with its outcome as the provider gave it. */
  checks: { at: number; outcome: CheckOutcome }[];
  /**
   * Runs the (started) engine's timers one at a time until the next would fire at or after `endMs` (wall clock),
   * letting each real check finish before time moves on.
   */
  runUntil(endMs: number): Promise<void>;
}

export function replicaLockstep(options: {
  replica: Replica;
  browser: Browser;
  clock: FakeClock;
}): ReplicaLockstep {
  const { replica, clock } = options;
  replica.control.clock.set(clock.wallNow().toISOString());
  const site = createConsulatGouvFrProvider({
    getBrowser: async () => options.browser,
    now: () => clock.wallNow(),
    timeouts: { stepMs: 15_000, settleMs: 3_000, captchaMs: 3_000 },
  });
  const checks: ReplicaLockstep['checks'] = [];
  let inFlight: Promise<unknown> | undefined;
  const provider: AvailabilityProvider = {
    check(request: CheckRequest): Promise<CheckOutcome> {
      const at = clock.wallNow();
      replica.control.clock.set(at.toISOString());
      const running = site.check(request).then((outcome) => {
        checks.push({ at: at.getTime(), outcome });
        return outcome;
      });
      inFlight = running;
      return running;
    },
    close: () => site.close(),
  };
  return {
    provider,
    checks,
    async runUntil(endMs) {
      for (;;) {
        await settle();
        if (inFlight) {
          const running = inFlight;
          await running;
          if (inFlight === running) inFlight = undefined;
          continue;
        }
        const next = clock.nextTimerAt();
        if (next === undefined) throw new Error('the engine planned no further check');
        if (clock.wallNow().getTime() + (next - clock.now()) >= endMs) break;
        await clock.advance(next - clock.now());
      }
    },
  };
}
