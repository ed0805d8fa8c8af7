// `test-alert` as a person runs it: a child process, a settings file written as the app writes it, local servers.
import { runCli } from '../../support/run-cli';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings';
import type { Settings } from '../../../shared/settings';
import { openSettingsFile } from '../../../src-main/settings/settings-file';
import { startHttpReceiver } from './support/http-receiver';
import type { HttpReceiver } from './support/http-receiver';
import { startSmtpTestServer, TEST_CERT_PATH } from './support/smtp-test-server';
import type { SmtpTestServer } from './support/smtp-test-server';

const PASSWORD = 'p@ss word-42';
// The loopback server's self-signed certificate, trusted explicitly the standard Node way.
const TRUST_TEST_CERT = { NODE_EXTRA_CA_CERTS: TEST_CERT_PATH };

describe('test-alert command', () => {
  let dir: string;
  let smtp: SmtpTestServer;
  let receiver: HttpReceiver;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ambislot-test-alert-'));
    smtp = await startSmtpTestServer({ mode: 'starttls', user: 'alice', password: PASSWORD });
    receiver = await startHttpReceiver();
  });
  afterAll(async () => {
    await smtp.close();
    await receiver.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes the settings through the app's own repository (migrations, sealed secrets, last good copy). */
  async function configFile(name: string, patch: (settings: Settings) => void): Promise<string> {
    const settings = defaultSettings();
    settings.alerts.language = 'en';
    settings.alerts.email = {
      ...settings.alerts.email,
      host: 'localhost',
      port: smtp.port,
      security: 'starttls',
      user: 'alice',
      password: PASSWORD,
      from: 'alerts@example.org',
      to: ['alice@example.org'],
    };
    settings.alerts.ntfy = {
      ...settings.alerts.ntfy,
      serverUrl: receiver.url,
      topic: 'ambislot-cli',
      token: 'tk_cli_secret',
    };
    settings.alerts.webhook = {
      ...settings.alerts.webhook,
      url: `${receiver.url}/hook`,
      header: { name: 'X-Api-Key', value: 'hook-secret' },
    };
    patch(settings);
    const path = join(dir, `${name}.json`);
    await openSettingsFile(path).save(settings);
    return path;
  }

  it('e-mail over STARTTLS: exits 0 and the server received the test alert', async () => {
    const config = await configFile('email-ok', () => {});
    // The file holds secrets the way the app stores them without a keychain: sealed as plain, never bare.
    expect(JSON.parse(await readFile(config, 'utf8')).alerts.email.password).toEqual({
      $secret: 'plain',
      value: PASSWORD,
    });
    const run = await runCli(['test-alert', 'email', '--config', config], TRUST_TEST_CERT);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Test alert delivered by email in \d+ ms\.$/m);
    expect(smtp.received.at(-1)!.subject).toBe('AmbiSlot test alert');
    expect(smtp.received.at(-1)!.secure).toBe(true);
  });

  it('e-mail with a wrong password: exits 3 with the server reply and a hint, never the password', async () => {
    const config = await configFile('email-535', (s) => (s.alerts.email.password = 'not-the-password'));
    const run = await runCli(['test-alert', 'email', '--config', config], TRUST_TEST_CERT);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Server reply: 535 5.7.8 Authentication failed');
    expect(run.stderr).toMatch(/^Hint: .*user name or password/m);
    expect(run.stdout + run.stderr).not.toContain('not-the-password');
  });

  it('ntfy: exits 0; the receiver got the POST with the click action and the token; --json prints the result', async () => {
    const config = await configFile('ntfy', () => {});
    const before = receiver.requests.length;
    const run = await runCli(['test-alert', 'ntfy', '--config', config, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, channel: 'ntfy' });
    const request = receiver.requests[before]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/ambislot-cli');
    expect(request.headers.title).toBe('AmbiSlot test alert');
    expect(request.headers.click).toMatch(/^https:\/\/consulat\.gouv\.fr\//);
    expect(request.headers.authorization).toBe('Bearer tk_cli_secret');
    expect(run.stdout + run.stderr).not.toContain('tk_cli_secret');
  });

  it('webhook refused with HTTP 401: exits 3 with the status and a hint', async () => {
    const config = await configFile('webhook', () => {});
    receiver.answerNext({ status: 401, body: '{"error":"bad key"}' });
    const run = await runCli(['test-alert', 'webhook', '--config', config]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Server reply: HTTP 401 Unauthorized: {"error":"bad key"}');
    expect(run.stderr).toMatch(/^Hint: .*header name and value/m);
    expect(run.stdout + run.stderr).not.toContain('hook-secret');
    expect(JSON.parse(receiver.requests.at(-1)!.body)).toMatchObject({ event: 'test', count: 1 });
  });

  it('desktop: prints the notification in the terminal in French', async () => {
    const config = await configFile('desktop', (s) => (s.alerts.language = 'fr'));
    const run = await runCli(['test-alert', 'desktop', '--config', config], { TZ: 'Europe/Paris' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Alerte de test AmbiSlot');
    expect(run.stdout).toMatch(/Le plus tôt : \S+ \d+ \S+ 09:30 \(London\) — \S+ \d+ \S+ 10:30 chez vous/);
  });

  it('reads an older (v2) settings file through the app migrations', async () => {
    const path = join(dir, 'v2.json');
    await writeFile(
      path,
      JSON.stringify({
        version: 2,
        watches: [],
        intervalMinutes: 3,
        language: 'en',
        startAtLogin: false,
        quietHours: null,
        notifications: { desktop: true },
      }),
    );
    const run = await runCli(['test-alert', 'desktop', '--config', path]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('AmbiSlot test alert');
  });

  it('exits 2 for a bad config: not JSON, an incomplete channel, an unknown channel, no --config', async () => {
    const garbage = join(dir, 'garbage.json');
    await writeFile(garbage, '{ not json');
    const notJson = await runCli(['test-alert', 'email', '--config', garbage]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('is not valid JSON');

    const incomplete = await configFile('incomplete', (s) => (s.alerts.email.host = ''));
    const missingHost = await runCli(['test-alert', 'email', '--config', incomplete]);
    expect(missingHost.code).toBe(2);
    expect(missingHost.stderr).toContain('email.host: the SMTP server name is missing');

    expect((await runCli(['test-alert', 'sms', '--config', incomplete])).code).toBe(2);
    expect((await runCli(['test-alert', 'email'])).code).toBe(2);
  });
});
