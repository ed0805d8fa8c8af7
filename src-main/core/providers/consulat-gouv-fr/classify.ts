/** Turns what the site answered (API responses, page states, browser errors) into one classified check status. */
import type { CheckStatus } from '../../../../shared/model';
import { describeDuration, explainOutcome } from '../../../../shared/outcome-reasons';
import type { OutcomeExplanation } from '../../../../shared/outcome-reasons';

export { describeDuration };

/** Every status that is not a conclusion about the calendar. */
export type UnknownStatus = Exclude<CheckStatus, 'slots' | 'no-slots'>;

/** A check stopped without a conclusion. Thrown by the wizard and the calendar reader, caught by the provider. */
export class CheckProblem extends Error {
  override readonly name = 'CheckProblem';
  readonly status: UnknownStatus;
  readonly reason: string;
  /** The same reason as data, so the window and alerts can say it in the person's language. */
  readonly explanation: OutcomeExplanation;
  readonly missing?: string;
  readonly retryAfterMs?: number;
  constructor(
    status: UnknownStatus,
    explanation: OutcomeExplanation,
    details: { missing?: string; retryAfterMs?: number } = {},
  ) {
    const reason = explainOutcome(explanation, 'en');
    super(reason);
    this.status = status;
    this.reason = reason;
    this.explanation = explanation;
    if (details.missing !== undefined) this.missing = details.missing;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** The raw facts of one API response, as seen in the page or by our in-page fetch. */
export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  /** `undefined` when the body could not be read at all. */
  bodyText?: string;
}

/**
 * What one API answer means. `failed` is unknown (a day that fails is an unknown day);
 * `maybeExpiredSession` marks the 200-with-empty-body that old clients saw when their app id expired.
 */
export type ApiVerdict =
  | { kind: 'ok'; body: unknown; quotaHeader?: string }
  | { kind: 'session-lost'; detail: string }
  | { kind: 'rate-limited'; detail: string; retryAfterMs?: number }
  | { kind: 'teapot'; detail: string }
  | { kind: 'captcha-failed'; detail: string }
  | { kind: 'failed'; detail: string; maybeExpiredSession?: boolean };

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

function errorMessageOf(bodyText: string): string | undefined {
  try {
    const body: unknown = JSON.parse(bodyText);
    if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') {
      return body.message;
    }
  } catch {
    // Not JSON: no message to read.
  }
  return undefined;
}

function looksLikeHtml(answer: ApiAnswer, bodyText: string): boolean {
  const type = answer.headers['content-type'] ?? '';
  return type.includes('text/html') || /^\s*</.test(bodyText);
}

/** Classifies one API answer. An `x-gouv-limit` header on an ordinary answer is information, never a block (§3). */
export function judgeApiAnswer(answer: ApiAnswer, now: Date): ApiVerdict {
  const { status } = answer;
  const bodyText = answer.bodyText ?? '';
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(answer.headers['retry-after'], now);
    const verdict: ApiVerdict = { kind: 'rate-limited', detail: 'HTTP 429 Too Many Requests' };
    if (retryAfterMs !== undefined) verdict.retryAfterMs = retryAfterMs;
    return verdict;
  }
  if (status === 418) return { kind: 'teapot', detail: 'HTTP 418 (the site refused the handshake)' };
  const message = errorMessageOf(bodyText);
  if (status === 404 && message === 'SESSION_ERROR')
    return { kind: 'session-lost', detail: '404 SESSION_ERROR' };
  if (message === 'CAPTCHA_FAILED')
    return { kind: 'captcha-failed', detail: `HTTP ${status} CAPTCHA_FAILED` };
  if (status >= 500) return { kind: 'failed', detail: `server error HTTP ${status}` };
  if (status < 200 || status >= 300)
    return { kind: 'failed', detail: `HTTP ${status}${message ? ` ${message}` : ''}` };
  if (answer.bodyText === undefined) return { kind: 'failed', detail: 'the response body could not be read' };
  if (bodyText.trim() === '') {
    return { kind: 'failed', detail: 'an empty response (HTTP 200 with no body)', maybeExpiredSession: true };
  }
  if (looksLikeHtml(answer, bodyText)) {
    const says = bodyText.includes('Une erreur est survenue') ? ' "Une erreur est survenue"' : '';
    return { kind: 'failed', detail: `an HTML error page${says} instead of data` };
  }
  try {
    const verdict: ApiVerdict = { kind: 'ok', body: JSON.parse(bodyText) };
    const quota = answer.headers['x-gouv-limit'];
    if (quota !== undefined) verdict.quotaHeader = quota;
    return verdict;
  } catch {
    return { kind: 'failed', detail: 'malformed data (the JSON could not be parsed)' };
  }
}

/** The reasons this adapter gives, as data; shared/outcome-reasons.ts words them in French and English. */
export const reasons = {
  rateLimited: (retryAfterMs: number | undefined): OutcomeExplanation =>
    retryAfterMs === undefined ? { code: 'rate-limited' } : { code: 'rate-limited', retryAfterMs },
  teapotPersists: (): OutcomeExplanation => ({ code: 'teapot-persists' }),
  captcha: (): OutcomeExplanation => ({ code: 'captcha' }),
  captchaFailed: (): OutcomeExplanation => ({ code: 'captcha-failed' }),
  sessionLost: (detail: string): OutcomeExplanation => ({ code: 'session-lost', detail }),
  siteChanged: (missing: string): OutcomeExplanation => ({ code: 'site-changed', missing }),
  apiFailed: (what: string, detail: string): OutcomeExplanation => ({ code: 'api-failed', what, detail }),
  stillLoading: (step: string, waitedMs: number): OutcomeExplanation => ({
    code: 'still-loading',
    step,
    waitedMs,
  }),
  unknownDays: (unknown: number, candidates: number): OutcomeExplanation => ({
    code: 'unknown-days',
    unknown,
    candidates,
  }),
  pageError: (detail: string): OutcomeExplanation => ({ code: 'page-error', detail }),
  browserClosed: (): OutcomeExplanation => ({ code: 'browser-closed' }),
  cancelled: (): OutcomeExplanation => ({ code: 'cancelled' }),
};

/** Playwright reports a closed page/context/browser with this wording (and a TargetClosedError name). */
export function isBrowserClosedError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'TargetClosedError' ||
    /Target (page, context or browser )?(has been )?closed|Browser has been closed|browser has disconnected/i.test(
      error.message,
    )
  );
}

/** Maps anything thrown during a check to an unknown outcome; `CheckProblem`s keep their own classification. */
export function problemFromError(error: unknown, browserConnected: boolean): CheckProblem {
  if (error instanceof CheckProblem) return error;
  if (!browserConnected || isBrowserClosedError(error))
    return new CheckProblem('unreachable', reasons.browserClosed());
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  const network = /net::(ERR_[A-Z_]+)/.exec(message);
  if (network) return new CheckProblem('unreachable', reasons.pageError(`network error ${network[1]}`));
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new CheckProblem('unreachable', reasons.pageError('it did not answer in time'));
  }
  return new CheckProblem('unreachable', reasons.pageError(message));
}
