/** What a notification click or an ambislot:// activation opens: the challenge window, the booking page (via the door), or AmbiSlot. */
import type { AppSnapshot } from '../../shared/model';
import { parseProtocolUrl } from '../protocol/protocol-url';
import type { ExternalDoor } from '../windows/external-door';
import { routeNotificationClick } from './notification-click';

/**
 * Brings the checking browser's page forward so the person solves a challenge in the very context the check
 * resumes in (case S2). The provider has no API for this yet (it only raises the page itself when it runs
 * headed): until it does, `showChallenge` resolves false and the booking page opens in the person's browser.
 */
export interface ChallengeWindow {
  showChallenge(watchId: string, url: string): Promise<boolean>;
}

export const noChallengeWindow: ChallengeWindow = { showChallenge: async () => false };

export interface AlertOpenerDeps {
  door: ExternalDoor;
  snapshot: () => AppSnapshot | undefined;
  showWindow: () => void;
  challenge: ChallengeWindow;
  log?: (line: string) => void;
}

export interface AlertOpener {
  /** A notification was clicked. */
  openAlert(bookingUrl: string | undefined): Promise<void>;
  /** An ambislot:// URL arrived (Windows Action Center, second launch, macOS open-url). */
  openProtocolUrl(url: string): Promise<void>;
}

export function createAlertOpener(deps: AlertOpenerDeps): AlertOpener {
  async function openAlert(bookingUrl: string | undefined): Promise<void> {
    const route = routeNotificationClick(bookingUrl, deps.snapshot());
    if (route.kind === 'window') return deps.showWindow();
    if (route.kind === 'challenge' && (await deps.challenge.showChallenge(route.watchId, route.url))) return;
    const verdict = await deps.door(route.url);
    // A refused page still brings AmbiSlot forward, so the click is never a dead end.
    if (!verdict.allowed) deps.showWindow();
  }
  return {
    openAlert,
    async openProtocolUrl(url) {
      const request = parseProtocolUrl(url);
      if (!request) {
        deps.log?.(`Ignored an unknown ambislot:// request.`);
        return deps.showWindow();
      }
      if (request.action === 'show-window') return deps.showWindow();
      await openAlert(request.url);
    },
  };
}
