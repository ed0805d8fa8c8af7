/** The e-mail channel: one SMTP delivery per alert through nodemailer (STARTTLS, implicit TLS or plain). */
import { rootCertificates } from 'node:tls';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { EmailAlertSettings } from '../../../shared/alert-settings';
import { DeliveryError } from './alert-channel';
import type { AlertChannel } from './alert-channel';
import { renderAlert } from './alert-messages';
import type { MessageOptions } from './alert-messages';
import { emailContent } from './email-message';
import { smtpDeliveryError } from './smtp-failure';

export interface EmailChannelOptions extends MessageOptions {
  settings: EmailAlertSettings;
  /**
   * Extra certificate authorities (PEM) to trust for this server on top of the system ones: a self-hosted
   * server with its own certificate, or the loopback server of the tests. Verification stays on.
   */
  extraCa?: string | string[];
  /** Connection, greeting and socket timeouts; a slow server must not hold an alert for minutes. */
  timeoutMs?: number;
}

export const DEFAULT_SMTP_TIMEOUT_MS = 20_000;

/** nodemailer's transport options for the chosen security mode. */
export function smtpTransportOptions(options: EmailChannelOptions): SMTPTransport.Options {
  const { settings } = options;
  const timeout = options.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
  const tls: NonNullable<SMTPTransport.Options['tls']> = {};
  if (options.extraCa) {
    // `ca` replaces Node's bundled roots, so add them back: trusting one more CA must not distrust the others.
    tls.ca = [...rootCertificates, ...(Array.isArray(options.extraCa) ? options.extraCa : [options.extraCa])];
  }
  return {
    host: settings.host,
    port: settings.port,
    // tls: TLS from the first byte; starttls: plain, then upgrade, and refuse to go on without it.
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password } } : {}),
    tls,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // nodemailer logs nothing unless asked; keep it so (its debug output would include the AUTH exchange).
    logger: false,
    debug: false,
  };
}

export function createEmailChannel(options: EmailChannelOptions): AlertChannel {
  const { settings } = options;
  return {
    name: 'email',
    async send(alert, signal) {
      signal.throwIfAborted();
      const content = emailContent(renderAlert(alert, options));
      const transport = nodemailer.createTransport(smtpTransportOptions(options));
      // nodemailer has no AbortSignal: closing the transport ends the attempt.
      const onAbort = () => transport.close();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        await transport.sendMail({
          from: settings.from,
          to: settings.to,
          subject: content.subject,
          text: content.text,
          html: content.html,
          headers: { 'X-AmbiSlot-Alert': alert.id },
        });
      } catch (error) {
        if (signal.aborted) {
          throw new DeliveryError({
            channel: 'email',
            retryable: true,
            serverReply: `aborted: ${String(signal.reason)}`,
          });
        }
        throw smtpDeliveryError(error, settings);
      } finally {
        signal.removeEventListener('abort', onAbort);
        transport.close();
      }
    },
  };
}
