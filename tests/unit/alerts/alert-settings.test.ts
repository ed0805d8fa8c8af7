// Alert settings: defaults, what is required of an enabled channel, clear messages, secrets redacted.
import { describe, expect, it } from 'vitest';
import {
  defaultAlertSettings,
  formatAlertSettingsIssues,
  parseAlertSettings,
  redactAlertSettings,
  REDACTED,
  validateChannelSettings,
} from '../../../shared/alert-settings';

describe('alert settings', () => {
  it('an absent or empty object gives the defaults: desktop on, ntfy.sh as the server, the rest off', () => {
    for (const raw of [undefined, {}]) {
      const parsed = parseAlertSettings(raw);
      expect(parsed).toEqual({ ok: true, value: defaultAlertSettings() });
    }
    expect(defaultAlertSettings().ntfy.serverUrl).toBe('https://ntfy.sh');
    expect(defaultAlertSettings().desktop.enabled).toBe(true);
  });

  it('a half-filled channel may be saved while it is off, but not switched on', () => {
    expect(parseAlertSettings({ email: { host: 'smtp.example.org' } }).ok).toBe(true);
    const on = parseAlertSettings({ email: { enabled: true, host: 'smtp.example.org' } });
    expect(on.ok).toBe(false);
    if (on.ok) return;
    expect(formatAlertSettingsIssues(on.issues)).toBe(
      ['email.from: the sender address is missing', 'email.to: add at least one recipient address'].join(
        '\n',
      ),
    );
  });

  it('names each wrong field with what it expects', () => {
    const parsed = parseAlertSettings({
      language: 'de',
      email: {
        enabled: true,
        host: 'h',
        port: 99999,
        security: 'ssl',
        user: 'u',
        from: 'me',
        to: 'a@b.org; nope',
      },
      ntfy: { enabled: true, serverUrl: 'ftp://x', topic: 'has space' },
      webhook: { enabled: true, url: 'https://h.example/x', header: { name: 'Content-Type', value: 'x' } },
      desktop: { quietHours: { from: '22:00', to: '25:00' } },
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const byPath = Object.fromEntries(parsed.issues.map((i) => [i.path, i.message]));
    expect(byPath).toMatchObject({
      language: 'must be "fr" or "en"',
      'email.security': 'must be one of starttls, tls, none',
      'email.port': '99999 is not a port number (587 for STARTTLS, 465 for TLS)',
      'email.password': 'the password for this user is missing',
      'email.from': '"me" is not an e-mail address (name@example.org or Name <name@example.org>)',
      'email.to': '"nope" is not an e-mail address',
      'ntfy.serverUrl': '"ftp://x" is not an http(s) address',
      'ntfy.topic': '"has space" is not a topic name (letters, digits, - and _, at most 64)',
      'webhook.header.name': '"Content-Type" is set by AmbiSlot itself and cannot be replaced',
      'desktop.quietHours.to': '"25:00" is not a time of day (HH:MM, e.g. 07:00)',
    });
  });

  it('accepts a complete configuration, trimming what people paste but never the password', () => {
    const parsed = parseAlertSettings({
      language: 'en',
      email: {
        enabled: true,
        host: ' smtp.gmail.com ',
        port: '465',
        security: 'tls',
        user: 'a@gmail.com',
        password: ' sp ace ',
        from: 'AmbiSlot <a@gmail.com>',
        to: ['a@gmail.com'],
      },
      ntfy: { enabled: true, serverUrl: 'https://ntfy.example.org/', topic: 'slots_42', token: 'tk_x' },
      webhook: {
        enabled: true,
        url: 'https://hooks.example.org/a',
        header: { name: 'Authorization', value: 'Bearer x' },
      },
      desktop: { enabled: true, quietHours: { from: '22:00', to: '07:00' } },
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.email).toMatchObject({ host: 'smtp.gmail.com', port: 465, password: ' sp ace ' });
    expect(parsed.value.ntfy.serverUrl).toBe('https://ntfy.example.org');
  });

  it('a test of a channel checks its settings even while it is off', () => {
    const settings = defaultAlertSettings();
    expect(validateChannelSettings(settings, 'ntfy')).toEqual([
      { path: 'ntfy.topic', message: 'the topic is missing (the name you subscribed to in the ntfy app)' },
    ]);
    expect(validateChannelSettings(settings, 'desktop')).toEqual([]);
  });

  it('never echoes a webhook header value in a message, and redacts every secret', () => {
    const settings = defaultAlertSettings();
    settings.webhook = {
      enabled: true,
      quietHours: null,
      url: 'https://x.example',
      header: { name: 'X-Key', value: 'line\nbreak-secret' },
    };
    const issues = validateChannelSettings(settings, 'webhook');
    expect(formatAlertSettingsIssues(issues)).not.toContain('break-secret');
    settings.email.password = 'pw';
    settings.ntfy.token = 'tk';
    const redacted = redactAlertSettings(settings);
    expect([redacted.email.password, redacted.ntfy.token, redacted.webhook.header?.value]).toEqual([
      REDACTED,
      REDACTED,
      REDACTED,
    ]);
    expect(settings.email.password).toBe('pw');
  });
});
