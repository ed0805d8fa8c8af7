/** Alert channel settings (desktop, e-mail, ntfy, webhook): types, defaults, validation and secret redaction. */
import { isWallTime } from './zoned-time';

/** The language alert texts are written in. */
export type AlertLanguage = 'fr' | 'en';

export type AlertChannelName = 'desktop' | 'email' | 'ntfy' | 'webhook';
export const ALERT_CHANNEL_NAMES: readonly AlertChannelName[] = ['desktop', 'email', 'ntfy', 'webhook'];

/**
 * A daily window, on the user's own clock, during which a channel stays quiet. Both ends are `HH:MM`;
 * `from > to` wraps past midnight (22:00–07:00). The window includes `from` and excludes `to`, so
 * 22:00–07:00 lets a 07:00 alert through.
 */
export interface QuietHours {
  from: string;
  to: string;
}

/** What every channel has: an on/off switch and optional quiet hours (`null` = never quiet). */
export interface ChannelSettingsBase {
  enabled: boolean;
  quietHours: QuietHours | null;
}

export type DesktopAlertSettings = ChannelSettingsBase;

/** `starttls`: plain connection upgraded (usually port 587); `tls`: TLS from the first byte (usually 465). */
export type SmtpSecurity = 'starttls' | 'tls' | 'none';
export const SMTP_SECURITY_MODES: readonly SmtpSecurity[] = ['starttls', 'tls', 'none'];

export interface EmailAlertSettings extends ChannelSettingsBase {
  host: string;
  port: number;
  security: SmtpSecurity;
  /** Empty means "no authentication" (some relays on a local network). */
  user: string;
  /** Secret: encrypted at rest by the app, never logged. */
  password: string;
  /** `alerts@example.org` or `AmbiSlot <alerts@example.org>`. */
  from: string;
  to: string[];
}

export interface NtfyAlertSettings extends ChannelSettingsBase {
  /** ntfy.sh or a self-hosted server; no trailing path. */
  serverUrl: string;
  topic: string;
  /** Secret: access token for a protected topic, sent as `Authorization: Bearer`. */
  token?: string;
}

export interface WebhookHeader {
  name: string;
  /** Secret: often an API key. */
  value: string;
}

export interface WebhookAlertSettings extends ChannelSettingsBase {
  url: string;
  header?: WebhookHeader;
}

export interface AlertSettings {
  language: AlertLanguage;
  desktop: DesktopAlertSettings;
  email: EmailAlertSettings;
  ntfy: NtfyAlertSettings;
  webhook: WebhookAlertSettings;
}

export const DEFAULT_NTFY_SERVER = 'https://ntfy.sh';

/** Desktop on, everything else off until the person fills it in. */
export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  language: 'fr',
  desktop: { enabled: true, quietHours: null },
  email: {
    enabled: false,
    quietHours: null,
    host: '',
    port: 587,
    security: 'starttls',
    user: '',
    password: '',
    from: '',
    to: [],
  },
  ntfy: { enabled: false, quietHours: null, serverUrl: DEFAULT_NTFY_SERVER, topic: '' },
  webhook: { enabled: false, quietHours: null, url: '' },
};

/** A fresh, deep copy of the defaults (callers may mutate it). */
export function defaultAlertSettings(): AlertSettings {
  return structuredClone(DEFAULT_ALERT_SETTINGS);
}

/**
 * Where the secrets live, so the app can encrypt them at rest (safeStorage) and redact them anywhere else.
 * Each entry is a path of keys from the AlertSettings root.
 */
export const ALERT_SECRET_PATHS: readonly (readonly string[])[] = [
  ['email', 'password'],
  ['ntfy', 'token'],
  ['webhook', 'header', 'value'],
];

/** Shown instead of a secret in logs, error messages and anything leaving the main process. */
export const REDACTED = '••••••';

/** A copy with every non-empty secret replaced by REDACTED. */
export function redactAlertSettings(settings: AlertSettings): AlertSettings {
  const copy = structuredClone(settings);
  if (copy.email.password) copy.email.password = REDACTED;
  if (copy.ntfy.token) copy.ntfy.token = REDACTED;
  if (copy.webhook.header?.value) copy.webhook.header.value = REDACTED;
  return copy;
}

/** One problem in the settings: `path` names the field (`email.port`), `message` says what is expected. */
export interface AlertSettingsIssue {
  path: string;
  message: string;
}

export type AlertSettingsParseResult =
  { ok: true; value: AlertSettings } | { ok: false; issues: AlertSettingsIssue[] };

// Deliberately loose: the SMTP server is the authority on addresses; this catches typos like a missing @.
const EMAIL_ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const NAMED_EMAIL_ADDRESS = /^[^<>]*<([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>$/;
// ntfy's own rule for topic names.
const NTFY_TOPIC = /^[-_A-Za-z0-9]{1,64}$/;
// RFC 9110 token characters: what a header name may contain.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Headers a webhook must not override: they would break the request or the JSON body.
const RESERVED_HEADERS = ['content-type', 'content-length', 'host', 'transfer-encoding', 'connection'];

export function isEmailAddress(text: string): boolean {
  return EMAIL_ADDRESS.test(text.trim());
}

/** `a@b.org` or `Name <a@b.org>`. */
export function isSenderAddress(text: string): boolean {
  const trimmed = text.trim();
  return EMAIL_ADDRESS.test(trimmed) || NAMED_EMAIL_ADDRESS.test(trimmed);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects issues while reading one raw object; each reader falls back to the default on a wrong type. */
class Reader {
  constructor(
    private readonly issues: AlertSettingsIssue[],
    private readonly raw: Raw,
    private readonly prefix: string,
  ) {}

  private path(key: string): string {
    return `${this.prefix}.${key}`;
  }

  problem(key: string, message: string): void {
    this.issues.push({ path: this.path(key), message });
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.raw[key];
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    this.problem(key, 'must be true or false');
    return fallback;
  }

  string(key: string, fallback: string): string {
    const value = this.raw[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'string') return value.trim();
    this.problem(key, 'must be text');
    return fallback;
  }

  optionalString(key: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string') return value.trim() || undefined;
    this.problem(key, 'must be text');
    return undefined;
  }

  quietHours(): QuietHours | null {
    const value = this.raw.quietHours;
    if (value === undefined || value === null) return null;
    if (!isObject(value) || typeof value.from !== 'string' || typeof value.to !== 'string') {
      this.problem('quietHours', 'must be { "from": "HH:MM", "to": "HH:MM" } or null');
      return null;
    }
    const from = value.from.trim();
    const to = value.to.trim();
    if (!isWallTime(from))
      this.problem('quietHours.from', `"${from}" is not a time of day (HH:MM, e.g. 22:00)`);
    if (!isWallTime(to)) this.problem('quietHours.to', `"${to}" is not a time of day (HH:MM, e.g. 07:00)`);
    if (from === to && isWallTime(from)) {
      this.problem(
        'quietHours',
        'start and end are equal; switch the channel off instead of a 24-hour quiet window',
      );
    }
    return { from, to };
  }
}

function readDesktop(issues: AlertSettingsIssue[], raw: Raw): DesktopAlertSettings {
  const r = new Reader(issues, raw, 'desktop');
  return {
    enabled: r.boolean('enabled', DEFAULT_ALERT_SETTINGS.desktop.enabled),
    quietHours: r.quietHours(),
  };
}

function readEmail(issues: AlertSettingsIssue[], raw: Raw): EmailAlertSettings {
  const r = new Reader(issues, raw, 'email');
  const defaults = DEFAULT_ALERT_SETTINGS.email;
  let port = defaults.port;
  if (raw.port !== undefined) {
    if (typeof raw.port === 'number' && Number.isInteger(raw.port)) port = raw.port;
    else if (typeof raw.port === 'string' && /^\d+$/.test(raw.port.trim())) port = Number(raw.port.trim());
    else r.problem('port', 'must be a whole number (587 for STARTTLS, 465 for TLS)');
  }
  let security = defaults.security;
  if (raw.security !== undefined) {
    if (SMTP_SECURITY_MODES.includes(raw.security as SmtpSecurity)) security = raw.security as SmtpSecurity;
    else r.problem('security', `must be one of ${SMTP_SECURITY_MODES.join(', ')}`);
  }
  let to: string[] = [];
  if (typeof raw.to === 'string') to = raw.to.split(/[,;]/);
  else if (Array.isArray(raw.to) && raw.to.every((item) => typeof item === 'string')) to = raw.to as string[];
  else if (raw.to !== undefined) r.problem('to', 'must be a list of e-mail addresses');
  return {
    enabled: r.boolean('enabled', defaults.enabled),
    quietHours: r.quietHours(),
    host: r.string('host', defaults.host),
    port,
    security,
    user: r.string('user', defaults.user),
    // A password may legitimately start or end with a space: never trim it.
    password: typeof raw.password === 'string' ? raw.password : defaults.password,
    from: r.string('from', defaults.from),
    to: to.map((address) => address.trim()).filter((address) => address.length > 0),
  };
}

function readNtfy(issues: AlertSettingsIssue[], raw: Raw): NtfyAlertSettings {
  const r = new Reader(issues, raw, 'ntfy');
  const defaults = DEFAULT_ALERT_SETTINGS.ntfy;
  const token = r.optionalString('token');
  return {
    enabled: r.boolean('enabled', defaults.enabled),
    quietHours: r.quietHours(),
    serverUrl: r.string('serverUrl', defaults.serverUrl).replace(/\/+$/, '') || defaults.serverUrl,
    topic: r.string('topic', defaults.topic),
    ...(token ? { token } : {}),
  };
}

function readWebhook(issues: AlertSettingsIssue[], raw: Raw): WebhookAlertSettings {
  const r = new Reader(issues, raw, 'webhook');
  let header: WebhookHeader | undefined;
  if (isObject(raw.header)) {
    const name = typeof raw.header.name === 'string' ? raw.header.name.trim() : '';
    const value = typeof raw.header.value === 'string' ? raw.header.value : '';
    if (name || value) header = { name, value };
  } else if (raw.header !== undefined && raw.header !== null) {
    r.problem('header', 'must be { "name": "...", "value": "..." } or absent');
  }
  return {
    enabled: r.boolean('enabled', DEFAULT_ALERT_SETTINGS.webhook.enabled),
    quietHours: r.quietHours(),
    url: r.string('url', DEFAULT_ALERT_SETTINGS.webhook.url),
    ...(header ? { header } : {}),
  };
}

function section(issues: AlertSettingsIssue[], raw: Raw, key: AlertChannelName): Raw {
  const value = raw[key];
  if (value === undefined) return {};
  if (isObject(value)) return value;
  issues.push({ path: key, message: 'must be an object' });
  return {};
}

/**
 * Reads alert settings from decoded JSON: missing fields take their defaults, wrong types and invalid values
 * are issues. Completeness (a host, a topic…) is only required of enabled channels, so a half-filled
 * disabled channel is fine to save.
 */
export function parseAlertSettings(raw: unknown): AlertSettingsParseResult {
  const issues: AlertSettingsIssue[] = [];
  if (raw === undefined || raw === null) return { ok: true, value: defaultAlertSettings() };
  if (!isObject(raw))
    return { ok: false, issues: [{ path: '', message: 'alert settings must be an object' }] };
  let language: AlertLanguage = DEFAULT_ALERT_SETTINGS.language;
  if (raw.language !== undefined) {
    if (raw.language === 'fr' || raw.language === 'en') language = raw.language;
    else issues.push({ path: 'language', message: 'must be "fr" or "en"' });
  }
  const value: AlertSettings = {
    language,
    desktop: readDesktop(issues, section(issues, raw, 'desktop')),
    email: readEmail(issues, section(issues, raw, 'email')),
    ntfy: readNtfy(issues, section(issues, raw, 'ntfy')),
    webhook: readWebhook(issues, section(issues, raw, 'webhook')),
  };
  for (const channel of ALERT_CHANNEL_NAMES) {
    if (value[channel].enabled) issues.push(...validateChannelSettings(value, channel));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}

/**
 * What is missing or wrong for `channel` to be able to send, whether or not it is enabled
 * (a "send test alert" button uses this before trying).
 */
export function validateChannelSettings(
  settings: AlertSettings,
  channel: AlertChannelName,
): AlertSettingsIssue[] {
  const issues: AlertSettingsIssue[] = [];
  const problem = (field: string, message: string) => issues.push({ path: `${channel}.${field}`, message });
  switch (channel) {
    case 'desktop':
      break;
    case 'email': {
      const email = settings.email;
      if (!email.host) problem('host', 'the SMTP server name is missing (e.g. smtp.gmail.com)');
      if (!Number.isInteger(email.port) || email.port < 1 || email.port > 65_535) {
        problem('port', `${email.port} is not a port number (587 for STARTTLS, 465 for TLS)`);
      }
      if (email.password && !email.user) problem('user', 'a password is set but the user name is missing');
      if (email.user && !email.password) problem('password', 'the password for this user is missing');
      if (!email.from) problem('from', 'the sender address is missing');
      else if (!isSenderAddress(email.from)) {
        problem(
          'from',
          `"${email.from}" is not an e-mail address (name@example.org or Name <name@example.org>)`,
        );
      }
      if (email.to.length === 0) problem('to', 'add at least one recipient address');
      for (const address of email.to) {
        if (!isEmailAddress(address)) problem('to', `"${address}" is not an e-mail address`);
      }
      break;
    }
    case 'ntfy': {
      const ntfy = settings.ntfy;
      if (!isHttpUrl(ntfy.serverUrl)) problem('serverUrl', `"${ntfy.serverUrl}" is not an http(s) address`);
      if (!ntfy.topic) problem('topic', 'the topic is missing (the name you subscribed to in the ntfy app)');
      else if (!NTFY_TOPIC.test(ntfy.topic)) {
        problem('topic', `"${ntfy.topic}" is not a topic name (letters, digits, - and _, at most 64)`);
      }
      break;
    }
    case 'webhook': {
      const webhook = settings.webhook;
      if (!webhook.url) problem('url', 'the address to POST to is missing');
      else if (!isHttpUrl(webhook.url)) problem('url', `"${webhook.url}" is not an http(s) address`);
      const header = webhook.header;
      if (header) {
        if (!HEADER_NAME.test(header.name)) problem('header.name', `"${header.name}" is not a header name`);
        else if (RESERVED_HEADERS.includes(header.name.toLowerCase())) {
          problem('header.name', `"${header.name}" is set by AmbiSlot itself and cannot be replaced`);
        }
        // Never echo the value: it is a secret.
        if (!header.value) problem('header.value', 'the header value is missing');
        else if (/[\r\n]/.test(header.value)) problem('header.value', 'the header value cannot span lines');
      }
      break;
    }
  }
  return issues;
}

/** One line per issue, for a CLI or a log: `email.port: 99999 is not a port number …`. */
export function formatAlertSettingsIssues(issues: AlertSettingsIssue[]): string {
  return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('\n');
}
