/** The tray menu as data, built from the snapshot: the adapter turns each action into a click. */
import type { AppSnapshot } from '../../shared/model';
import { TRAY_TEXT } from './tray-text';
import type { ShellLanguage } from './tray-text';

export type TrayAction =
  | { kind: 'open-window' }
  | { kind: 'check-now' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'open-booking'; watchId: string; url: string }
  | { kind: 'quit' };

export type TrayMenuItem =
  { type: 'separator' } | { type: 'item'; label: string; enabled: boolean; action: TrayAction };

const separator: TrayMenuItem = { type: 'separator' };

/** What a person recognises a watch by: their label, else the consulate and service once known, else the URL. */
export function watchName(entry: AppSnapshot['watches'][number]): string {
  if (entry.watch.label) return entry.watch.label;
  const target = entry.status.target;
  if (target) return `${target.consulate} — ${target.service}`;
  return entry.watch.bookingUrl;
}

export function buildTrayMenu(snapshot: AppSnapshot, language: ShellLanguage): TrayMenuItem[] {
  const text = TRAY_TEXT[language];
  const enabled = snapshot.watches.filter((w) => w.watch.enabled);
  const withSlots = enabled.filter((w) => w.status.slots.length > 0);
  const item = (label: string, action: TrayAction, isEnabled = true): TrayMenuItem => ({
    type: 'item',
    label,
    enabled: isEnabled,
    action,
  });
  return [
    item(text.open, { kind: 'open-window' }),
    separator,
    item(text.checkNow, { kind: 'check-now' }, enabled.length > 0),
    snapshot.paused
      ? item(text.resume, { kind: 'resume' })
      : item(text.pause, { kind: 'pause' }, enabled.length > 0),
    ...(withSlots.length > 0
      ? [
          separator,
          ...withSlots.map((w) =>
            item(text.openBooking(watchName(w), w.status.slots.length), {
              kind: 'open-booking',
              watchId: w.watch.id,
              url: w.status.target?.bookingUrl ?? w.watch.bookingUrl,
            }),
          ),
        ]
      : []),
    separator,
    item(text.quit, { kind: 'quit' }),
  ];
}
