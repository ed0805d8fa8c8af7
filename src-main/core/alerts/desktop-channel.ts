/** The desktop channel: hands the alert to a DesktopNotifier port (Electron Notification in the app, console in the CLI). */
import { DeliveryError } from './alert-channel';
import type { AlertChannel } from './alert-channel';
import type { Alert } from './alert';
import { messageText, renderAlert } from './alert-messages';
import type { MessageOptions } from './alert-messages';

export interface DesktopNotification {
  title: string;
  body: string;
  /** Opened when the person clicks the notification (through shared/external-links.ts in the app). */
  bookingUrl?: string;
  /** Lets a click from the Action Center later still find the right alert. */
  alertId: string;
  /** Shown without sound: quiet hours on the desktop mean "don't make noise", not "hide". */
  silent?: boolean;
}

/**
 * Implemented by the Electron shell (src-main/notifications) with `Notification`, and by the CLI with the
 * console. Resolves once shown; rejects when the system refused (no notification service, permission off).
 */
export interface DesktopNotifier {
  show(notification: DesktopNotification): Promise<void>;
}

export interface DesktopChannelOptions extends MessageOptions {
  notifier: DesktopNotifier;
  /** Asked at each send so quiet hours apply when the alert is shown, not when the channel was made. */
  silent?: (alert: Alert) => boolean;
}

export function createDesktopChannel(options: DesktopChannelOptions): AlertChannel {
  return {
    name: 'desktop',
    async send(alert, signal) {
      signal.throwIfAborted();
      const message = renderAlert(alert, options);
      try {
        await options.notifier.show({
          title: message.title,
          body: messageText(message),
          alertId: alert.id,
          ...(message.bookingUrl ? { bookingUrl: message.bookingUrl } : {}),
          ...(options.silent?.(alert) ? { silent: true } : {}),
        });
      } catch (error) {
        throw new DeliveryError({
          channel: 'desktop',
          // A notification service that is busy or starting may work a moment later.
          retryable: true,
          serverReply: error instanceof Error ? error.message : String(error),
          hint: 'Check that notifications are allowed for AmbiSlot in the system settings.',
        });
      }
    },
  };
}

/** A notifier for the command line: prints the notification as the desktop would show it. */
export function consoleNotifier(out: (line: string) => void): DesktopNotifier {
  return {
    async show(notification) {
      out(`🔔 ${notification.title}`);
      for (const line of notification.body.split('\n')) out(`   ${line}`);
    },
  };
}
