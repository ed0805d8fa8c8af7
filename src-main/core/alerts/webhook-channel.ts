/** The webhook channel: a POST of the alert as JSON to any address, with one optional header (an API key). */
import type { WebhookAlertSettings } from '../../../shared/alert-settings';
import type { Slot } from '../../../shared/model';
import type { AlertChannel } from './alert-channel';
import type { Alert } from './alert';
import { messageText, renderAlert } from './alert-messages';
import type { MessageOptions } from './alert-messages';
import { postOnce } from './http-failure';

export interface WebhookChannelOptions extends MessageOptions {
  settings: WebhookAlertSettings;
  timeoutMs?: number;
}

/** The documented body. Fields that do not apply to a notice are null or 0, never missing. */
export interface WebhookPayload {
  event: Alert['kind'];
  id: string;
  watchId: string | null;
  consulate: string | null;
  service: string | null;
  count: number;
  earliest: Slot | null;
  slots: Slot[];
  bookingUrl: string | null;
  /** ISO instant the engine saw it. */
  at: string;
  /** The same words the other channels show, for receivers that just forward text (chat rooms). */
  title: string;
  message: string;
  /** Why, for the notices (degraded, blocked, action-needed). */
  reason: string | null;
}

export function webhookPayload(alert: Alert, options: MessageOptions): WebhookPayload {
  const message = renderAlert(alert, options);
  const slots = alert.kind === 'new-slots' ? alert.slots : alert.kind === 'test' ? [alert.sample] : [];
  return {
    event: alert.kind,
    id: alert.id,
    watchId: alert.watchId ?? null,
    consulate: alert.consulate ?? null,
    service: alert.service ?? null,
    count: alert.kind === 'new-slots' ? alert.count : slots.length,
    earliest: alert.kind === 'new-slots' ? alert.earliest : (slots[0] ?? null),
    slots,
    bookingUrl: alert.bookingUrl ?? null,
    at: alert.at,
    title: message.title,
    message: messageText(message),
    reason: 'reason' in alert ? alert.reason : null,
  };
}

function hintForStatus(status: number): string | undefined {
  if (status === 401 || status === 403)
    return 'The receiver refused the request: check the header name and value (API key).';
  if (status === 404 || status === 405)
    return 'Nothing receives POST requests at this address: check the URL.';
  if (status === 400 || status === 415 || status === 422)
    return 'The receiver did not accept the JSON body AmbiSlot sends.';
  return undefined;
}

export function createWebhookChannel(options: WebhookChannelOptions): AlertChannel {
  const { settings } = options;
  return {
    name: 'webhook',
    async send(alert, signal) {
      signal.throwIfAborted();
      const headers: Record<string, string> = {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'AmbiSlot',
      };
      if (settings.header) headers[settings.header.name] = settings.header.value;
      await postOnce({
        channel: 'webhook',
        url: settings.url,
        headers,
        body: JSON.stringify(webhookPayload(alert, options)),
        signal,
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        secrets: [settings.header?.value],
        hintForStatus,
      });
    },
  };
}
