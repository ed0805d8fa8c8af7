/** Where a notification click (or its ambislot:// activation) leads: the challenge page, the booking page, or the window. */
import type { AppSnapshot } from '../../shared/model';

export type ClickRoute =
  /** A watch waits for a person to solve a challenge on this page: show the checking browser's window. */
  | { kind: 'challenge'; watchId: string; url: string }
  /** Open exactly this alert's booking page (through the external-link door). */
  | { kind: 'booking-page'; url: string }
  /** Nothing to open: bring AmbiSlot forward. */
  | { kind: 'window' };

/** The alert's own URL decides; the snapshot only says whether that page is waiting on a challenge. */
export function routeNotificationClick(
  bookingUrl: string | undefined,
  snapshot: AppSnapshot | undefined,
): ClickRoute {
  if (!bookingUrl) return { kind: 'window' };
  const waiting = snapshot?.watches.find(
    (w) =>
      w.status.state === 'action-needed' &&
      (w.watch.bookingUrl === bookingUrl || w.status.target?.bookingUrl === bookingUrl),
  );
  if (waiting) return { kind: 'challenge', watchId: waiting.watch.id, url: bookingUrl };
  return { kind: 'booking-page', url: bookingUrl };
}
