// Alerts and settings the alert tests share: a London new-slots event seen from Paris, and settings builders.
import { defaultAlertSettings } from '../../../../shared/alert-settings';
import type { AlertSettings } from '../../../../shared/alert-settings';
import type { Slot } from '../../../../shared/model';
import type { NewSlotsEvent } from '../../../../src-main/core/engine-events';
import type { DesktopNotification, DesktopNotifier } from '../../../../src-main/core/alerts/desktop-channel';

export const LONDON_URL =
  'https://consulat.gouv.fr/consulat-general-de-france-a-londres/rendez-vous?name=Passeports';

export function londonSlot(date: string, time: string): Slot {
  return { date, time, timeZone: 'Europe/London', capacity: 1 };
}

/** Twelve new London slots in one check (case A5), earliest Fri 3 Jul 09:30 London = 10:30 Paris. */
export function londonNewSlots(at = '2026-07-02T08:00:00.000Z'): NewSlotsEvent {
  const slots = Array.from({ length: 12 }, (_, i) =>
    londonSlot(
      `2026-07-${String(3 + Math.floor(i / 4)).padStart(2, '0')}`,
      `${String(9 + (i % 4)).padStart(2, '0')}:30`,
    ),
  );
  return {
    watchId: 'london-passports',
    at,
    bookingUrl: LONDON_URL,
    consulate: 'Consulat général de France à Londres',
    service: 'Passeports',
    count: slots.length,
    earliest: slots[0]!,
    slots,
  };
}

export function settingsWith(patch: (settings: AlertSettings) => void): AlertSettings {
  const settings = defaultAlertSettings();
  patch(settings);
  return settings;
}

/** The desktop port as the shell implements it, recording what it was asked to show; it can be told to fail. */
export class RecordingNotifier implements DesktopNotifier {
  shown: DesktopNotification[] = [];
  calls = 0;
  failures = 0;

  async show(notification: DesktopNotification): Promise<void> {
    this.calls += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('Notification service unavailable');
    }
    this.shown.push(notification);
  }
}
