/** Builds the channel named by the settings: the one place that knows which file implements which channel. */
import type { AlertChannelName, AlertSettings } from '../../../shared/alert-settings';
import type { AlertChannel } from './alert-channel';
import type { Alert } from './alert';
import { createDesktopChannel } from './desktop-channel';
import type { DesktopNotifier } from './desktop-channel';
import { createEmailChannel } from './email-channel';
import { createNtfyChannel } from './ntfy-channel';
import { createWebhookChannel } from './webhook-channel';

export interface ChannelDependencies {
  /** The shell's Electron notifier, or the CLI's console one. */
  desktopNotifier: DesktopNotifier;
  /** The reader's zone, for "your time" beside consulate time. */
  userTimeZone: string;
  /** Extra CAs (PEM) the e-mail channel trusts on top of the system's; see EmailChannelOptions. */
  emailExtraCa?: string | string[];
  /** Desktop only: show this alert without sound (quiet hours). */
  silent?: (alert: Alert) => boolean;
  /** Per-attempt network timeouts for e-mail and HTTP channels. */
  timeoutMs?: number;
}

export function createAlertChannel(
  name: AlertChannelName,
  settings: AlertSettings,
  deps: ChannelDependencies,
): AlertChannel {
  const text = { language: settings.language, userTimeZone: deps.userTimeZone };
  const timeout = deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {};
  switch (name) {
    case 'desktop':
      return createDesktopChannel({
        ...text,
        notifier: deps.desktopNotifier,
        ...(deps.silent ? { silent: deps.silent } : {}),
      });
    case 'email':
      return createEmailChannel({
        ...text,
        ...timeout,
        settings: settings.email,
        ...(deps.emailExtraCa ? { extraCa: deps.emailExtraCa } : {}),
      });
    case 'ntfy':
      return createNtfyChannel({ ...text, ...timeout, settings: settings.ntfy });
    case 'webhook':
      return createWebhookChannel({ ...text, ...timeout, settings: settings.webhook });
  }
}

/** The machine's zone, the default reader zone until settings carry one. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
