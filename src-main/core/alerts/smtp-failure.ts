/** Turns a nodemailer error into a DeliveryError: the server's exact reply, retryable or not, and a hint. */
import type { EmailAlertSettings } from '../../../shared/alert-settings';
import { DeliveryError, redactSecrets } from './alert-channel';

interface NodemailerError {
  message?: string;
  code?: string;
  response?: string;
  responseCode?: number;
  command?: string;
}

const CERTIFICATE_PROBLEM =
  /self[- ]signed certificate|unable to verify|certificate has expired|certificate is not yet valid|altnames|unable to get (local )?issuer certificate|CERT_/i;
// What a TLS client sees when the server on that port speaks plain SMTP (port 587 or 25 with "TLS" chosen).
const PLAIN_SERVER_ON_TLS =
  /wrong version number|packet length too long|ssl3_get_record|unknown protocol|WRONG_VERSION/i;
const NETWORK_CODES = [
  'ECONNECTION',
  'ESOCKET',
  'ETIMEDOUT',
  'EDNS',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ECONNRESET',
];

function providerOf(host: string): 'gmail' | 'outlook' | 'other' {
  const h = host.toLowerCase();
  if (/(^|\.)(gmail|googlemail|google)\.com$/.test(h)) return 'gmail';
  if (/(^|\.)(office365|outlook|hotmail|live)\.com$/.test(h)) return 'outlook';
  return 'other';
}

function authHint(settings: EmailAlertSettings): string {
  switch (providerOf(settings.host)) {
    case 'gmail':
      return 'Gmail refuses your normal password here: create an app password (Google Account → Security → 2-Step Verification → App passwords) and use it as the password.';
    case 'outlook':
      return 'Outlook / Microsoft 365: use an app password (account security settings) and make sure "Authenticated SMTP" is allowed for this mailbox; your normal password is often refused.';
    default:
      return 'The server refused the user name or password. Check both; many providers want an app password rather than your usual one.';
  }
}

function wrongPortHint(settings: EmailAlertSettings): string | undefined {
  if (settings.security === 'tls' && settings.port !== 465) {
    return `Port ${settings.port} usually expects STARTTLS, not TLS from the first byte: choose STARTTLS, or use port 465 with TLS.`;
  }
  if (settings.security === 'starttls' && settings.port === 465) {
    return 'Port 465 expects TLS from the first byte: choose TLS (not STARTTLS) for this port.';
  }
  return undefined;
}

function hintFor(error: NodemailerError, settings: EmailAlertSettings): string | undefined {
  const message = error.message ?? '';
  const code = error.responseCode;
  // Before the login check: a server wanting STARTTLS refuses AUTH with 530, which nodemailer reports as EAUTH.
  if (code === 530 || /STARTTLS/i.test(error.response ?? '')) {
    return 'The server wants an encrypted connection before logging in: choose STARTTLS (port 587) or TLS (port 465).';
  }
  if (error.code === 'EAUTH' || code === 535 || code === 534) {
    if (/Missing credentials/i.test(message))
      return 'The server wants a user name and password: fill both in.';
    return authHint(settings);
  }
  if (CERTIFICATE_PROBLEM.test(message)) {
    return `The certificate of ${settings.host} is not trusted (self-signed, expired, or made for another name). Check the host name; a self-signed server needs its certificate trusted by this computer.`;
  }
  if (PLAIN_SERVER_ON_TLS.test(message))
    return wrongPortHint(settings) ?? 'This port does not speak TLS: choose STARTTLS or the TLS port (465).';
  if (error.code === 'ETLS') {
    return settings.security === 'starttls'
      ? 'The server did not offer STARTTLS on this port. Try TLS on port 465, or check the port.'
      : 'The encrypted connection could not be set up; check the security mode and port.';
  }
  if (error.code === 'ETIMEDOUT') {
    return (
      wrongPortHint(settings) ??
      `No answer from ${settings.host}:${settings.port} in time. Check the host and port; some networks block outgoing mail ports.`
    );
  }
  if (/ECONNREFUSED/.test(message))
    return `Nothing accepts connections on ${settings.host}:${settings.port}: check the host and port.`;
  if (error.code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(message)) {
    return `The name ${settings.host} could not be found: check the host name and the Internet connection.`;
  }
  if (code === 550 || code === 553 || code === 554 || error.code === 'EENVELOPE') {
    return 'The server refused the sender or a recipient. Many servers only accept a "from" address that belongs to the account you log in with.';
  }
  return undefined;
}

function isRetryable(error: NodemailerError, message: string): boolean {
  const code = error.responseCode;
  if (typeof code === 'number') return code >= 400 && code < 500;
  // Settings problems do not fix themselves: a bad certificate, a wrong TLS mode, missing credentials.
  if (CERTIFICATE_PROBLEM.test(message) || PLAIN_SERVER_ON_TLS.test(message)) return false;
  if (
    error.code === 'EAUTH' ||
    error.code === 'EENVELOPE' ||
    error.code === 'EMESSAGE' ||
    error.code === 'ETLS'
  )
    return false;
  return (
    error.code === undefined ||
    NETWORK_CODES.includes(error.code) ||
    /ECONN|ETIMEDOUT|EAI_AGAIN/.test(message)
  );
}

export function smtpDeliveryError(raw: unknown, settings: EmailAlertSettings): DeliveryError {
  const error: NodemailerError =
    typeof raw === 'object' && raw !== null ? (raw as NodemailerError) : { message: String(raw) };
  const message = error.message ?? String(raw);
  // The server's own words when it answered; the network error otherwise. Never the password, in any encoding.
  const reply = redactSecrets((error.response ?? message).trim(), [settings.password]);
  const hint = hintFor(error, settings);
  return new DeliveryError({
    channel: 'email',
    retryable: isRetryable(error, message),
    serverReply: reply,
    ...(hint ? { hint } : {}),
  });
}
