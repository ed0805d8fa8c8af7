/** The one interface every alert channel implements, and the typed error a failed delivery throws. */
import type { AlertChannelName } from '../../../shared/alert-settings';
import type { Alert } from './alert';

/**
 * Delivers one alert. Resolves once the far end accepted it (SMTP 250, HTTP 2xx, notification shown);
 * rejects with a DeliveryError otherwise. Aborting `signal` ends the attempt (timeout, app quitting).
 */
export interface AlertChannel {
  readonly name: AlertChannelName;
  send(alert: Alert, signal: AbortSignal): Promise<void>;
}

export interface DeliveryErrorDetails {
  channel: AlertChannelName;
  /** True when trying again later with the same settings may work (4xx SMTP, network, HTTP 5xx/429). */
  retryable: boolean;
  /** The server's exact reply (`535 5.7.8 Authentication failed`), or the network error when there was none. */
  serverReply: string;
  /** What the person can do about it, when the case is a common one. */
  hint?: string;
  /** How long the server asked us to wait (HTTP Retry-After), if it said. */
  retryAfterMs?: number;
}

/** A delivery that failed. Its message and fields never contain a secret (see redactSecrets). */
export class DeliveryError extends Error implements DeliveryErrorDetails {
  override readonly name = 'DeliveryError';
  readonly channel: AlertChannelName;
  readonly retryable: boolean;
  readonly serverReply: string;
  readonly hint?: string;
  readonly retryAfterMs?: number;

  constructor(details: DeliveryErrorDetails) {
    super(`${details.channel} delivery failed: ${details.serverReply}`);
    this.channel = details.channel;
    this.retryable = details.retryable;
    this.serverReply = details.serverReply;
    if (details.hint !== undefined) this.hint = details.hint;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** Any error as a DeliveryError of `channel`; unknown errors count as retryable (the next try may work). */
export function asDeliveryError(channel: AlertChannelName, error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const reply = error instanceof Error ? error.message : String(error);
  return new DeliveryError({ channel, retryable: true, serverReply: reply || 'unknown error' });
}

/**
 * Removes every secret from a text bound for a log or the screen, also in the encodings an SMTP exchange
 * or an Authorization header would carry it (base64, URL-encoded). Secrets shorter than 4 characters are
 * still removed: a short password is still a password.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret) continue;
    const forms = new Set([secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)]);
    for (const form of forms) result = result.split(form).join('••••••');
  }
  return result;
}
