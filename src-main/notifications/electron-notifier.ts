/** The desktop notifier port (core/alerts/desktop-channel.ts) on Electron's Notification; a click opens that alert's page. */
import type { Notification, NotificationConstructorOptions } from 'electron';
import type { DesktopNotification, DesktopNotifier } from '../core/alerts/desktop-channel';
import { windowsToastXml } from './windows-toast';

export interface NotificationClass {
  new (options: NotificationConstructorOptions): Notification;
  isSupported(): boolean;
}

export interface ElectronNotifierDeps {
  Notification: NotificationClass;
  platform: NodeJS.Platform;
  /** What a click does with the alert's booking URL (undefined: no page, bring the window forward). */
  onClick: (bookingUrl: string | undefined, alertId: string) => void;
}

/** Kept referenced until closed: a collected Notification loses its click handler (electron/electron#12690). */
const MAX_LIVE = 50;

export function createElectronNotifier(deps: ElectronNotifierDeps): DesktopNotifier {
  const live = new Set<Notification>();
  return {
    async show(notification: DesktopNotification) {
      if (!deps.Notification.isSupported()) {
        throw new Error('This system shows no desktop notifications (no notification service is running).');
      }
      const options: NotificationConstructorOptions = {
        title: notification.title,
        body: notification.body,
        silent: notification.silent ?? false,
        ...(deps.platform === 'win32' ? { toastXml: windowsToastXml(notification) } : {}),
      };
      const shown = new deps.Notification(options);
      live.add(shown);
      if (live.size > MAX_LIVE) live.delete(live.values().next().value as Notification);
      shown.on('click', () => deps.onClick(notification.bookingUrl, notification.alertId));
      shown.on('close', () => live.delete(shown));
      // Windows reports a refused toast synchronously from show(); other systems report nothing.
      let failure: Error | undefined;
      shown.once('failed', (_event, error) => {
        failure = new Error(`The notification was refused: ${error}`);
      });
      shown.show();
      if (failure) throw failure;
    },
  };
}
