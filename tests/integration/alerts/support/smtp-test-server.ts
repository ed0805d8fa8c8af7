// A real SMTP server on loopback (smtp-server) in plain, STARTTLS or implicit-TLS mode, recording what it received.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { parseMail } from './mail-reader';
import type { ReceivedMail } from './mail-reader';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/alerts/', import.meta.url));
export const TEST_CERT_PATH = `${FIXTURES}loopback-cert.pem`;
export const TEST_CERT = readFileSync(TEST_CERT_PATH, 'utf8');
const TEST_KEY = readFileSync(`${FIXTURES}loopback-key.pem`, 'utf8');

export type SmtpMode = 'plain' | 'starttls' | 'tls';

export interface ReceivedMessage extends ReceivedMail {
  from: string;
  to: string[];
  /** The login the client used. */
  user?: string;
  /** Whether the session was encrypted when the message came. */
  secure: boolean;
}

export interface SmtpTestServer {
  port: number;
  received: ReceivedMessage[];
  /** How many times a client tried to log in (right or wrong). */
  authAttempts: number;
  /** The next `count` MAIL FROM commands get this reply (e.g. 451 temporary). */
  failNextMail(count: number, code: number, message: string): void;
  close(): Promise<void>;
}

export interface SmtpTestServerOptions {
  mode: SmtpMode;
  user?: string;
  password?: string;
}

export async function startSmtpTestServer(options: SmtpTestServerOptions): Promise<SmtpTestServer> {
  const received: ReceivedMessage[] = [];
  let failures: { count: number; code: number; message: string } = { count: 0, code: 0, message: '' };
  const state = { authAttempts: 0 };
  const needsAuth = options.user !== undefined;
  const server = new SMTPServer({
    secure: options.mode === 'tls',
    ...(options.mode === 'plain'
      ? { disabledCommands: ['STARTTLS'], allowInsecureAuth: true }
      : { key: TEST_KEY, cert: TEST_CERT }),
    authOptional: !needsAuth,
    logger: false,
    onAuth(auth, _session, callback) {
      state.authAttempts += 1;
      if (auth.username === options.user && auth.password === options.password) {
        callback(null, { user: auth.username });
      } else {
        // The enhanced status code in the text, as Gmail and most servers send it: "535 5.7.8 …".
        callback(new Error('5.7.8 Authentication failed'));
      }
    },
    onMailFrom(_address, _session, callback) {
      if (failures.count > 0) {
        failures.count -= 1;
        const error = new Error(failures.message) as Error & { responseCode: number };
        error.responseCode = failures.code;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          ...parseMail(Buffer.concat(chunks).toString('utf8')),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          ...(typeof session.user === 'string' ? { user: session.user } : {}),
          secure: session.secure,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    get authAttempts() {
      return state.authAttempts;
    },
    failNextMail(count, code, message) {
      failures = { count, code, message };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
