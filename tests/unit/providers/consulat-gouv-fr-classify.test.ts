// Classification of single API answers and thrown errors: what is a block, what is unknown, what is data.
import { describe, expect, it } from 'vitest';
import {
  CheckProblem,
  describeDuration,
  reasons,
  judgeApiAnswer,
  parseRetryAfter,
  problemFromError,
} from '../../../src-main/core/providers/consulat-gouv-fr/classify';

const NOW = new Date('2026-10-26T09:00:00Z');
const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  bodyText: JSON.stringify(body),
});

describe('judgeApiAnswer', () => {
  it('reads data, including an empty day, as ok', () => {
    expect(judgeApiAnswer(json(200, [{ time: '09:00', capacity: 1 }]), NOW)).toEqual({
      kind: 'ok',
      body: [{ time: '09:00', capacity: 1 }],
    });
    expect(judgeApiAnswer(json(200, []), NOW)).toEqual({ kind: 'ok', body: [] });
  });

  it('S1: an x-gouv-limit header on an ordinary answer is information, not a block', () => {
    expect(judgeApiAnswer(json(200, [], { 'x-gouv-limit': '3' }), NOW)).toEqual({
      kind: 'ok',
      body: [],
      quotaHeader: '3',
    });
  });

  it('S1: 429 is rate-limited, with Retry-After in seconds or as a date', () => {
    expect(judgeApiAnswer(json(429, {}, { 'retry-after': '3600' }), NOW)).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 3_600_000,
    });
    expect(
      judgeApiAnswer(json(429, {}, { 'retry-after': 'Mon, 26 Oct 2026 09:05:00 GMT' }), NOW),
    ).toMatchObject({ kind: 'rate-limited', retryAfterMs: 300_000 });
    expect(judgeApiAnswer(json(429, {}), NOW)).toEqual({
      kind: 'rate-limited',
      detail: 'HTTP 429 Too Many Requests',
    });
  });

  it('418 is a teapot (a block only if it survives a fresh handshake, decided by the provider)', () => {
    expect(judgeApiAnswer(json(418, { name: 'ImATeapotError' }), NOW).kind).toBe('teapot');
  });

  it('404 SESSION_ERROR is a lost session; other 404s are failures', () => {
    expect(judgeApiAnswer(json(404, { message: 'SESSION_ERROR' }), NOW).kind).toBe('session-lost');
    expect(judgeApiAnswer(json(404, { message: 'NOT_FOUND' }), NOW).kind).toBe('failed');
  });

  it('CAPTCHA_FAILED is a captcha, whatever its status', () => {
    expect(judgeApiAnswer(json(400, { message: 'CAPTCHA_FAILED' }), NOW).kind).toBe('captcha-failed');
    expect(judgeApiAnswer(json(403, { message: 'CAPTCHA_FAILED' }), NOW).kind).toBe('captcha-failed');
  });

  it.each([
    ['5xx', { status: 503, headers: {}, bodyText: 'Service Unavailable' }],
    [
      'malformed JSON',
      { status: 200, headers: { 'content-type': 'application/json' }, bodyText: '[{"time":' },
    ],
    [
      'an HTML error page',
      {
        status: 200,
        headers: { 'content-type': 'text/html' },
        bodyText: '<title>Une erreur est survenue</title>',
      },
    ],
    ['an unreadable body', { status: 200, headers: {} }],
  ])('%s is failed (unknown), never data', (_label, answer) => {
    expect(judgeApiAnswer(answer, NOW).kind).toBe('failed');
  });

  it('an empty 200 body is failed and flagged as a possibly expired session', () => {
    expect(judgeApiAnswer({ status: 200, headers: {}, bodyText: '' }, NOW)).toMatchObject({
      kind: 'failed',
      maybeExpiredSession: true,
    });
  });
});

describe('parseRetryAfter and describeDuration', () => {
  it('parses seconds and dates, ignores garbage', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('Mon, 26 Oct 2026 08:00:00 GMT', NOW)).toBe(0);
  });

  it('words waits for people', () => {
    expect(describeDuration(30_000)).toBe('30 seconds');
    expect(describeDuration(300_000)).toBe('5 minutes');
    expect(describeDuration(3_600_000)).toBe('1 hour');
    expect(describeDuration(5_400_000)).toBe('about 1.5 hours');
  });
});

describe('problemFromError', () => {
  it('keeps a CheckProblem as it is', () => {
    const problem = new CheckProblem('captcha', { code: 'captcha' });
    expect(problemFromError(problem, true)).toBe(problem);
  });

  it('carries its reason as data beside the English sentence, for the French window and alerts', () => {
    const problem = new CheckProblem('site-changed', reasons.siteChanged('div.d-slot-container'));
    expect(problem.explanation).toEqual({ code: 'site-changed', missing: 'div.d-slot-container' });
    expect(problem.reason).toContain('div.d-slot-container was not found');
  });

  it('B2: a closed browser is unreachable', () => {
    const closed = Object.assign(new Error('page.goto: Target page, context or browser has been closed'), {
      name: 'TargetClosedError',
    });
    expect(problemFromError(closed, true)).toMatchObject({
      status: 'unreachable',
      reason: expect.stringMatching(/browser closed/),
    });
    expect(problemFromError(new Error('anything'), false).status).toBe('unreachable');
  });

  it('network errors and timeouts are unreachable', () => {
    expect(
      problemFromError(new Error('page.goto: net::ERR_CONNECTION_REFUSED at http://x'), true).reason,
    ).toMatch(/ERR_CONNECTION_REFUSED/);
    const timeout = Object.assign(new Error('Timeout 30000ms exceeded'), { name: 'TimeoutError' });
    expect(problemFromError(timeout, true).status).toBe('unreachable');
  });
});
