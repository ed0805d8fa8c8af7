/** The ChallengeWindow port on the running monitor: a click on an "action needed" notice shows the checking browser's own page. */
import type { ChallengeWindow } from './alert-opener';

/** What the port needs of the monitor (core/monitor.ts `showChallenge`). */
export interface ChallengeShower {
  showChallenge(watchId: string, bookingUrl: string): Promise<boolean>;
}

/** False (no monitor, no page, a failure) lets the opener fall back to the booking page in the person's browser. */
export function monitorChallengeWindow(monitor: () => ChallengeShower | undefined): ChallengeWindow {
  return {
    async showChallenge(watchId, url) {
      const shower = monitor();
      if (!shower) return false;
      return shower.showChallenge(watchId, url).catch(() => false);
    },
  };
}
