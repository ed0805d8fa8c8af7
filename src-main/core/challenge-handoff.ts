/** Human in the loop (case S2): shows a person the page a captcha check left, and resumes the watch once they passed the check. */
import type { CancelTimer, Clock } from './ports';
import type { RevealResult } from './providers/consulat-gouv-fr/provider';

export const DEFAULT_PERSON_POLL_MS = 2_000;
/** Past this the window stays open but AmbiSlot stops looking; the next click on the notice starts again. */
export const DEFAULT_PERSON_WAIT_MS = 15 * 60_000;

export interface ChallengePages {
  revealPage(bookingUrl: string): Promise<RevealResult>;
  personPassed(bookingUrl: string): Promise<boolean>;
}

export interface ChallengeHandoffOptions {
  pages: ChallengePages;
  /** Resumes the paused watch: its next check continues from the very page the person used. */
  resume: (watchId: string) => void;
  clock: Clock;
  pollMs?: number;
  waitMs?: number;
  log?: (line: string) => void;
}

export interface ChallengeHandoff {
  /** True when the page is on screen for the person; false lets the host open the booking page instead. */
  show(watchId: string, bookingUrl: string): Promise<boolean>;
  /** Stops every wait (quit). */
  close(): void;
}

/** AmbiSlot only reads whether the check was passed; it never clicks, types into or solves the challenge. */
export function createChallengeHandoff(options: ChallengeHandoffOptions): ChallengeHandoff {
  const waits = new Map<string, CancelTimer>();
  const pollMs = options.pollMs ?? DEFAULT_PERSON_POLL_MS;

  function waitForPerson(watchId: string, bookingUrl: string): void {
    waits.get(watchId)?.();
    const giveUpAt = options.clock.now() + (options.waitMs ?? DEFAULT_PERSON_WAIT_MS);
    const poll = () => {
      waits.set(
        watchId,
        options.clock.setTimer(pollMs, () => {
          void options.pages.personPassed(bookingUrl).then((passed) => {
            if (!waits.has(watchId)) return; // closed meanwhile
            if (passed) {
              waits.delete(watchId);
              options.log?.('The human check was passed: the watch resumes on the same page.');
              options.resume(watchId);
            } else if (options.clock.now() < giveUpAt) poll();
            else waits.delete(watchId);
          });
        }),
      );
    };
    poll();
  }

  return {
    async show(watchId, bookingUrl) {
      const result = await options.pages.revealPage(bookingUrl).catch((error: unknown) => {
        options.log?.(`Could not show the challenge page: ${String(error)}`);
        return 'no-page' as const;
      });
      if (result !== 'shown') return false;
      waitForPerson(watchId, bookingUrl);
      return true;
    },
    close() {
      for (const cancel of waits.values()) cancel();
      waits.clear();
    },
  };
}
