/** The ntfy channel: a push to a phone through ntfy.sh or a self-hosted server, the booking page as the click action. */
import type { NtfyAlertSettings } from '../../../shared/alert-settings';
import type { AlertChannel } from './alert-channel';
import { renderAlert } from './alert-messages';
import type { AlertUrgency, MessageOptions } from './alert-messages';
import { messageText } from './alert-messages';
import { postOnce } from './http-failure';

export interface NtfyChannelOptions extends MessageOptions {
  settings: NtfyAlertSettings;
  timeoutMs?: number;
}

// ntfy priorities: 5 (urgent) rings through "do not disturb" on Android when the person allows it; slots go in minutes.
const PRIORITY: Record<AlertUrgency, string> = { urgent: '5', high: '4', default: '3', low: '2' };

/**
 * HTTP header values are Latin-1 at best; ntfy decodes RFC 2047 encoded words (`=?UTF-8?B?…?=`), so any
 * non-ASCII title (French accents, the em dash) travels base64-encoded instead of being mangled.
 */
export function encodeHeaderValue(text: string): string {
  const oneLine = text.replace(/[\r\n]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(oneLine)) return oneLine;
  return `=?UTF-8?B?${Buffer.from(oneLine, 'utf8').toString('base64')}?=`;
}

export function ntfyTopicUrl(settings: NtfyAlertSettings): string {
  return `${settings.serverUrl.replace(/\/+$/, '')}/${encodeURIComponent(settings.topic)}`;
}

function hintForStatus(status: number): string | undefined {
  if (status === 401 || status === 403) {
    return 'The topic is protected: check the access token (tk_…) and that it may publish to this topic.';
  }
  if (status === 404) return 'No ntfy server at this address: check the server URL (e.g. https://ntfy.sh).';
  if (status === 413) return 'The message is too large for this ntfy server.';
  if (status === 429)
    return 'The ntfy server is limiting requests from this computer; the alert will be retried.';
  return undefined;
}

export function createNtfyChannel(options: NtfyChannelOptions): AlertChannel {
  const { settings } = options;
  return {
    name: 'ntfy',
    async send(alert, signal) {
      signal.throwIfAborted();
      const message = renderAlert(alert, options);
      const headers: Record<string, string> = {
        'Content-Type': 'text/plain; charset=utf-8',
        Title: encodeHeaderValue(message.title),
        Priority: PRIORITY[message.urgency],
        Tags: message.tags.join(','),
      };
      if (message.bookingUrl) headers.Click = message.bookingUrl;
      if (settings.token) headers.Authorization = `Bearer ${settings.token}`;
      await postOnce({
        channel: 'ntfy',
        url: ntfyTopicUrl(settings),
        headers,
        body: messageText(message),
        signal,
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        secrets: [settings.token],
        hintForStatus,
      });
    },
  };
}
