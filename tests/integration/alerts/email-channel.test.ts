// The e-mail channel against a real SMTP server on loopback: plain, STARTTLS, implicit TLS, a 535 refusal.
import { afterEach, describe, expect, it } from 'vitest';
import { alertFromNewSlots } from '../../../src-main/core/alerts/alert';
import { DeliveryError } from '../../../src-main/core/alerts/alert-channel';
import { createEmailChannel } from '../../../src-main/core/alerts/email-channel';
import type { EmailAlertSettings } from '../../../shared/alert-settings';
import { defaultAlertSettings } from '../../../shared/alert-settings';
import { LONDON_URL, londonNewSlots } from './support/fixtures';
import { startSmtpTestServer, TEST_CERT } from './support/smtp-test-server';
import type { SmtpMode, SmtpTestServer } from './support/smtp-test-server';

const PASSWORD = 'correct horse battery staple';
let server: SmtpTestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function emailSettings(
  port: number,
  security: EmailAlertSettings['security'],
  patch: Partial<EmailAlertSettings> = {},
) {
  return {
    ...defaultAlertSettings().email,
    enabled: true,
    host: 'localhost',
    port,
    security,
    user: 'alice',
    password: PASSWORD,
    from: 'AmbiSlot <alerts@example.org>',
    to: ['alice@example.org', 'bob@example.org'],
    ...patch,
  };
}

async function sendVia(
  mode: SmtpMode,
  security: EmailAlertSettings['security'],
  language: 'fr' | 'en',
  patch: Partial<EmailAlertSettings> = {},
) {
  server = await startSmtpTestServer({ mode, user: 'alice', password: PASSWORD });
  const channel = createEmailChannel({
    settings: emailSettings(server.port, security, patch),
    language,
    userTimeZone: 'Europe/Paris',
    extraCa: TEST_CERT,
    timeoutMs: 5_000,
  });
  await channel.send(alertFromNewSlots(londonNewSlots()), new AbortController().signal);
  return server;
}

describe('e-mail channel (real SMTP on loopback)', () => {
  it('delivers over STARTTLS, logged in, to every recipient, in French with consulate time and the booking link', async () => {
    const smtp = await sendVia('starttls', 'starttls', 'fr');
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.secure).toBe(true);
    expect(mail.user).toBe('alice');
    expect(mail.from).toBe('alerts@example.org');
    expect(mail.to).toEqual(['alice@example.org', 'bob@example.org']);
    expect(mail.subject).toBe('12 nouveaux créneaux — Passeports, Consulat général de France à Londres');
    expect(mail.text).toContain('Le plus tôt : ven. 3 juil. 09:30 (London) — ven. 3 juil. 10:30 chez vous');
    expect(mail.text).toContain(`Réservez sur la page officielle : ${LONDON_URL}`);
    expect(mail.text).toContain('… et 2 de plus');
    expect(mail.html).toContain(`<a href="${LONDON_URL.replace(/&/g, '&amp;')}">`);
    expect(mail.html).toContain('<li>ven. 3 juil. 09:30 (London) — ven. 3 juil. 10:30 chez vous</li>');
  });

  it('delivers over implicit TLS, in English', async () => {
    const smtp = await sendVia('tls', 'tls', 'en');
    const mail = smtp.received[0]!;
    expect(mail.secure).toBe(true);
    expect(mail.subject).toBe('12 new slots — Passeports, Consulat général de France à Londres');
    expect(mail.text).toContain('Earliest: Fri 3 Jul 09:30 (London) — Fri 3 Jul 10:30 your time');
    expect(mail.text).toContain(`Book on the official page: ${LONDON_URL}`);
  });

  it('delivers without encryption when "none" is chosen (a relay on a trusted network)', async () => {
    const smtp = await sendVia('plain', 'none', 'en');
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.secure).toBe(false);
  });

  it('shows the exact 535 reply, not retryable, with a hint, and never the password', async () => {
    const error = await sendVia('starttls', 'starttls', 'en', { password: 'wrong-password' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeliveryError);
    const failure = error as DeliveryError;
    expect(failure.channel).toBe('email');
    expect(failure.serverReply).toBe('535 5.7.8 Authentication failed');
    expect(failure.retryable).toBe(false);
    expect(failure.hint).toMatch(/user name or password/);
    expect(JSON.stringify({ ...failure, message: failure.message })).not.toContain('wrong-password');
    expect(server!.received).toHaveLength(0);
  });

  it('says "app password" for Gmail when the login is refused', async () => {
    server = await startSmtpTestServer({ mode: 'plain', user: 'alice', password: PASSWORD });
    // Gmail's host name, pointed at the loopback server: only the hint depends on the host.
    const channel = createEmailChannel({
      settings: emailSettings(server.port, 'none', { password: 'nope', host: '127.0.0.1' }),
      language: 'en',
      userTimeZone: 'UTC',
      timeoutMs: 5_000,
    });
    const { smtpDeliveryError } = await import('../../../src-main/core/alerts/smtp-failure');
    const failure = await channel
      .send(alertFromNewSlots(londonNewSlots()), new AbortController().signal)
      .catch((e: unknown) => e as DeliveryError);
    expect(failure?.serverReply).toBe('535 5.7.8 Authentication failed');
    const gmail = smtpDeliveryError(
      { code: 'EAUTH', response: failure!.serverReply, responseCode: 535 },
      emailSettings(587, 'starttls', { host: 'smtp.gmail.com' }),
    );
    expect(gmail.hint).toMatch(/app password/);
    const outlook = smtpDeliveryError(
      { code: 'EAUTH', response: '535 5.7.139 Authentication unsuccessful', responseCode: 535 },
      emailSettings(587, 'starttls', { host: 'smtp.office365.com' }),
    );
    expect(outlook.hint).toMatch(/Outlook.*app password/);
  });

  it('refuses a self-signed certificate it was not told to trust, with a certificate hint (verification stays on)', async () => {
    server = await startSmtpTestServer({ mode: 'starttls', user: 'alice', password: PASSWORD });
    const channel = createEmailChannel({
      settings: emailSettings(server.port, 'starttls'),
      language: 'en',
      userTimeZone: 'UTC',
      timeoutMs: 5_000,
    });
    const failure = await channel
      .send(alertFromNewSlots(londonNewSlots()), new AbortController().signal)
      .catch((e: unknown) => e as DeliveryError);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure!.serverReply).toMatch(/self[- ]signed certificate/i);
    expect(failure!.retryable).toBe(false);
    expect(failure!.hint).toMatch(/certificate of localhost is not trusted/);
    expect(server.received).toHaveLength(0);
  });

  it('explains a TLS-mode choice on a STARTTLS port', async () => {
    server = await startSmtpTestServer({ mode: 'starttls', user: 'alice', password: PASSWORD });
    const channel = createEmailChannel({
      settings: emailSettings(server.port, 'tls'),
      language: 'en',
      userTimeZone: 'UTC',
      extraCa: TEST_CERT,
      timeoutMs: 3_000,
    });
    const failure = await channel
      .send(alertFromNewSlots(londonNewSlots()), new AbortController().signal)
      .catch((e: unknown) => e as DeliveryError);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure!.retryable).toBe(false);
    expect(failure!.hint).toMatch(/expects STARTTLS, not TLS/);
  });

  it('treats a 4xx answer as temporary (retryable) with the server words', async () => {
    server = await startSmtpTestServer({ mode: 'starttls', user: 'alice', password: PASSWORD });
    server.failNextMail(1, 451, 'Temporary local problem, try later');
    const channel = createEmailChannel({
      settings: emailSettings(server.port, 'starttls'),
      language: 'en',
      userTimeZone: 'UTC',
      extraCa: TEST_CERT,
      timeoutMs: 5_000,
    });
    const failure = await channel
      .send(alertFromNewSlots(londonNewSlots()), new AbortController().signal)
      .catch((e: unknown) => e as DeliveryError);
    expect(failure!.serverReply).toMatch(/^451 .*Temporary local problem, try later/);
    expect(failure!.retryable).toBe(true);
  });
});
