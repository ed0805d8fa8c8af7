// The ntfy and webhook channels against a local HTTP receiver: method, path, headers, body, click action, failures.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertFromDegraded, alertFromNewSlots } from '../../../src-main/core/alerts/alert';
import { DeliveryError } from '../../../src-main/core/alerts/alert-channel';
import { createNtfyChannel } from '../../../src-main/core/alerts/ntfy-channel';
import { createWebhookChannel } from '../../../src-main/core/alerts/webhook-channel';
import { defaultAlertSettings } from '../../../shared/alert-settings';
import { LONDON_URL, londonNewSlots } from './support/fixtures';
import { startHttpReceiver } from './support/http-receiver';
import type { HttpReceiver } from './support/http-receiver';

let receiver: HttpReceiver;
const signal = () => new AbortController().signal;
const decodeRfc2047 = (value: string) => {
  const match = /^=\?UTF-8\?B\?(.+)\?=$/.exec(value);
  return match ? Buffer.from(match[1]!, 'base64').toString('utf8') : value;
};

beforeEach(async () => {
  receiver = await startHttpReceiver();
});
afterEach(() => receiver.close());

describe('ntfy channel', () => {
  function ntfy(patch: { token?: string; language?: 'fr' | 'en' } = {}) {
    return createNtfyChannel({
      settings: {
        ...defaultAlertSettings().ntfy,
        enabled: true,
        serverUrl: `${receiver.url}/`,
        topic: 'ambislot-alice_42',
        ...(patch.token ? { token: patch.token } : {}),
      },
      language: patch.language ?? 'fr',
      userTimeZone: 'Europe/Paris',
    });
  }

  it('POSTs to <server>/<topic> with Title, Priority, Tags, Click (the booking page) and the Bearer token', async () => {
    await ntfy({ token: 'tk_secret123' }).send(alertFromNewSlots(londonNewSlots()), signal());
    expect(receiver.requests).toHaveLength(1);
    const request = receiver.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/ambislot-alice_42');
    // The accents and the dash survive as an RFC 2047 encoded word, which ntfy decodes.
    expect(decodeRfc2047(String(request.headers.title))).toBe(
      '12 nouveaux créneaux — Passeports, Consulat général de France à Londres',
    );
    expect(request.headers.priority).toBe('5');
    expect(request.headers.tags).toBe('date');
    expect(request.headers.click).toBe(LONDON_URL);
    expect(request.headers.authorization).toBe('Bearer tk_secret123');
    expect(request.body).toContain(
      'Le plus tôt : ven. 3 juil. 09:30 (London) — ven. 3 juil. 10:30 chez vous',
    );
    expect(request.body).toContain(`Réservez sur la page officielle : ${LONDON_URL}`);
  });

  it('sends no Authorization header without a token, and notices at default priority', async () => {
    const degraded = alertFromDegraded(
      {
        watchId: 'w',
        at: '2026-07-02T08:00:00Z',
        bookingUrl: LONDON_URL,
        consecutiveFailures: 3,
        lastStatus: 'unreachable',
        reason: 'HTTP 503',
      },
      { label: 'Passeports Londres' },
    );
    await ntfy({ language: 'en' }).send(degraded, signal());
    const request = receiver.requests[0]!;
    expect(request.headers.authorization).toBeUndefined();
    expect(decodeRfc2047(String(request.headers.title))).toBe('Monitoring degraded — Passeports Londres');
    expect(request.headers.priority).toBe('3');
    expect(request.body).toContain('The last 3 checks failed (unreachable)');
  });

  it('a refused token is not retryable, shows the reply and a hint, and never the token', async () => {
    receiver.answerNext({ status: 403, body: '{"code":40301,"http":403,"error":"forbidden"}' });
    const failure = await ntfy({ token: 'tk_secret123' })
      .send(alertFromNewSlots(londonNewSlots()), signal())
      .catch((e: unknown) => e as DeliveryError);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure!.serverReply).toBe('HTTP 403 Forbidden: {"code":40301,"http":403,"error":"forbidden"}');
    expect(failure!.retryable).toBe(false);
    expect(failure!.hint).toMatch(/access token/);
    expect(JSON.stringify({ ...failure, message: failure!.message })).not.toContain('tk_secret123');
  });

  it('a 429 with Retry-After and a 503 are retryable', async () => {
    receiver.answerNext(
      { status: 429, body: 'slow down', headers: { 'retry-after': '120' } },
      { status: 503 },
    );
    const limited = await ntfy()
      .send(alertFromNewSlots(londonNewSlots()), signal())
      .catch((e: unknown) => e as DeliveryError);
    expect(limited!.retryable).toBe(true);
    expect(limited!.retryAfterMs).toBe(120_000);
    const down = await ntfy()
      .send(alertFromNewSlots(londonNewSlots()), signal())
      .catch((e: unknown) => e as DeliveryError);
    expect(down!.retryable).toBe(true);
    expect(down!.serverReply).toMatch(/^HTTP 503/);
  });
});

describe('webhook channel', () => {
  it('POSTs the documented JSON with the optional header', async () => {
    const channel = createWebhookChannel({
      settings: {
        ...defaultAlertSettings().webhook,
        enabled: true,
        url: `${receiver.url}/hooks/ambislot`,
        header: { name: 'X-Api-Key', value: 'key-123' },
      },
      language: 'en',
      userTimeZone: 'Europe/Paris',
    });
    const event = londonNewSlots();
    await channel.send(alertFromNewSlots(event), signal());
    const request = receiver.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/hooks/ambislot');
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request.headers['x-api-key']).toBe('key-123');
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({
      event: 'new-slots',
      consulate: event.consulate,
      service: event.service,
      count: 12,
      earliest: { date: '2026-07-03', time: '09:30', timeZone: 'Europe/London', capacity: 1 },
      bookingUrl: LONDON_URL,
      at: event.at,
      watchId: 'london-passports',
      title: '12 new slots — Passeports, Consulat général de France à Londres',
    });
    expect(body.slots).toHaveLength(12);
    expect(body.message).toContain('Earliest: Fri 3 Jul 09:30 (London) — Fri 3 Jul 10:30 your time');
  });

  it('does not follow a redirect (a redirected POST would become a GET) and says so', async () => {
    receiver.answerNext({ status: 301, headers: { location: 'https://example.org/new-hook' } });
    const channel = createWebhookChannel({
      settings: { ...defaultAlertSettings().webhook, enabled: true, url: receiver.url },
      language: 'en',
      userTimeZone: 'UTC',
    });
    const failure = await channel
      .send(alertFromNewSlots(londonNewSlots()), signal())
      .catch((e: unknown) => e as DeliveryError);
    expect(failure!.hint).toMatch(/redirects to https:\/\/example.org\/new-hook/);
    expect(receiver.requests).toHaveLength(1);
  });

  it('a receiver that is down is a retryable network failure naming the address', async () => {
    const url = receiver.url;
    await receiver.close();
    const channel = createWebhookChannel({
      settings: { ...defaultAlertSettings().webhook, enabled: true, url },
      language: 'en',
      userTimeZone: 'UTC',
    });
    const failure = await channel
      .send(alertFromNewSlots(londonNewSlots()), signal())
      .catch((e: unknown) => e as DeliveryError);
    expect(failure!.retryable).toBe(true);
    expect(failure!.serverReply).toMatch(/ECONNREFUSED/);
    expect(failure!.hint).toMatch(/Nothing accepts connections/);
    receiver = await startHttpReceiver(); // for afterEach
  });
});
