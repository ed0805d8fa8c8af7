// Secrets never leave in a reply or an error, in any encoding an exchange would carry them.
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../src-main/core/alerts/alert-channel';
import { smtpDeliveryError } from '../../../src-main/core/alerts/smtp-failure';
import { defaultAlertSettings } from '../../../shared/alert-settings';

describe('delivery errors', () => {
  it('redacts a secret as typed, base64 and URL-encoded', () => {
    const secret = 'p@ss wörd';
    const text = `echo ${secret} ${Buffer.from(secret).toString('base64')} ${encodeURIComponent(secret)}`;
    expect(redactSecrets(text, [secret, undefined])).toBe('echo •••••• •••••• ••••••');
  });

  it('classifies SMTP replies: 5xx final, 4xx and network temporary, certificate and TLS-mode errors final', () => {
    const email = {
      ...defaultAlertSettings().email,
      host: 'mail.example.org',
      port: 587,
      security: 'starttls' as const,
      password: 'pw',
    };
    expect(
      smtpDeliveryError({ code: 'EENVELOPE', response: '550 5.1.1 No such user', responseCode: 550 }, email),
    ).toMatchObject({ retryable: false, serverReply: '550 5.1.1 No such user' });
    expect(
      smtpDeliveryError({ code: 'EMESSAGE', response: '421 4.7.0 Try again later', responseCode: 421 }, email)
        .retryable,
    ).toBe(true);
    expect(
      smtpDeliveryError({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:587' }, email),
    ).toMatchObject({ retryable: true, hint: expect.stringMatching(/Nothing accepts connections/) });
    expect(
      smtpDeliveryError({ code: 'ETIMEDOUT', message: 'Greeting never received' }, { ...email, port: 465 }),
    ).toMatchObject({ retryable: true, hint: expect.stringMatching(/Port 465 expects TLS/) });
    expect(smtpDeliveryError({ code: 'ESOCKET', message: 'certificate has expired' }, email)).toMatchObject({
      retryable: false,
    });
    expect(
      smtpDeliveryError(
        { code: 'EAUTH', response: '530 5.7.0 Must issue a STARTTLS command first', responseCode: 530 },
        { ...email, security: 'none' },
      ).hint,
    ).toMatch(/encrypted connection/);
  });
});
