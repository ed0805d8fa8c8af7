/** Shared by the HTTP channels (ntfy, webhook): POST with a timeout, and a DeliveryError from a bad answer. */
import type { AlertChannelName } from '../../../shared/alert-settings';
import { DeliveryError, redactSecrets } from './alert-channel';

/** The most of a response body worth showing a person; error pages can be long. */
const MAX_REPLY_CHARS = 300;

export const DEFAULT_HTTP_TIMEOUT_MS = 15_000;

export interface HttpPost {
  channel: AlertChannelName;
  url: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  timeoutMs?: number;
  /** Never shown, in any encoding, in a reply or an error. */
  secrets: readonly (string | undefined)[];
  /** What to tell a person for a given HTTP status, when there is something useful to say. */
  hintForStatus: (status: number) => string | undefined;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function networkHint(url: string, cause: string): string | undefined {
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  if (/ECONNREFUSED/.test(cause))
    return `Nothing accepts connections at ${host}: check the address and port.`;
  if (/ENOTFOUND|EAI_AGAIN/.test(cause))
    return `The name ${host} could not be found: check the address and the Internet connection.`;
  if (/certificate|CERT_|altnames/i.test(cause))
    return `The certificate of ${host} is not trusted (self-signed, expired or for another name).`;
  return undefined;
}

/** POSTs once; resolves on 2xx, throws a DeliveryError with the server's status and words otherwise. */
export async function postOnce(request: HttpPost): Promise<void> {
  const timeout = AbortSignal.timeout(request.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      // A redirected POST turns into a GET on most servers: the alert would vanish silently.
      redirect: 'manual',
      signal: AbortSignal.any([request.signal, timeout]),
    });
  } catch (error) {
    const cause =
      error instanceof Error
        ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}`
        : String(error);
    const timedOut = timeout.aborted && !request.signal.aborted;
    const reply = redactSecrets(
      timedOut ? `no answer within ${request.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS} ms` : cause,
      request.secrets,
    );
    const hint = networkHint(request.url, cause);
    throw new DeliveryError({
      channel: request.channel,
      retryable: !/certificate|CERT_|altnames/i.test(cause),
      serverReply: reply,
      ...(hint ? { hint } : {}),
    });
  }
  if (response.status >= 200 && response.status < 300) {
    await response.body?.cancel();
    return;
  }
  const text = (await response.text().catch(() => '')).trim().slice(0, MAX_REPLY_CHARS);
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const location = response.headers.get('location');
  const reply = redactSecrets(
    [status, text, location ? `→ ${location}` : ''].filter(Boolean).join(': '),
    request.secrets,
  );
  const hint =
    response.status >= 300 && response.status < 400
      ? `The address redirects${location ? ` to ${location}` : ''}: use the final address.`
      : request.hintForStatus(response.status);
  const wait = retryAfterMs(response.headers.get('retry-after'));
  throw new DeliveryError({
    channel: request.channel,
    // Server trouble and rate limits pass; a refused request stays refused until the settings change.
    retryable: response.status >= 500 || response.status === 429 || response.status === 408,
    serverReply: reply,
    ...(hint ? { hint } : {}),
    ...(wait !== undefined ? { retryAfterMs: wait } : {}),
  });
}
