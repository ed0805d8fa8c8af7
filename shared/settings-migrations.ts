/** Pure, one-step migrations of the settings document from every past version to the current one. */
import { defaultAlertSettings } from './alert-settings';
import { SETTINGS_VERSION } from './settings';

type Doc = Record<string, unknown>;

/**
 * v1 (0.0.x): one watch, no version field.
 *   { bookingUrl, intervalMinutes, filter?, notifications? }
 * v2 (0.1.0-beta): several watches, language, start at login, global quiet hours, a desktop switch.
 *   { version: 2, watches: [{ id, bookingUrl, filter, intervalMinutes?, enabled }], intervalMinutes,
 *     language: 'fr' | 'en', startAtLogin, quietHours: { from, to } | null, notifications: { desktop } }
 * v3 (0.1.0): milliseconds everywhere, 'system' language, browser path, alert channels with their own quiet hours.
 * v4 (current): the global pause is kept (`paused`).
 */
export interface SettingsV1 {
  version?: 1;
  bookingUrl: string;
  intervalMinutes: number;
  filter?: Doc;
  notifications?: boolean;
}

export interface SettingsV2 {
  version: 2;
  watches: { id: string; bookingUrl: string; filter: Doc; intervalMinutes?: number; enabled: boolean }[];
  intervalMinutes: number;
  language: 'fr' | 'en';
  startAtLogin: boolean;
  quietHours: { from: string; to: string } | null;
  notifications: { desktop: boolean };
}

/** The settings file was written by a newer AmbiSlot: reading it would lose what this version does not know. */
export class NewerSettingsError extends Error {
  override readonly name = 'NewerSettingsError';
  constructor(readonly foundVersion: number) {
    super(
      `The settings were written by a newer AmbiSlot (format ${foundVersion}, this one reads up to ${SETTINGS_VERSION}).`,
    );
  }
}

function isDoc(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function minutesToMs(value: unknown): unknown {
  return typeof value === 'number' ? Math.round(value * 60_000) : value;
}

/** v1 → v2: the single watch becomes the first of a list; v1 only spoke French. */
function v1ToV2(doc: Doc): Doc {
  const { bookingUrl, intervalMinutes, filter, notifications, version: _version, ...rest } = doc;
  return {
    ...rest,
    version: 2,
    watches:
      typeof bookingUrl === 'string' && bookingUrl !== ''
        ? [{ id: 'watch-1', bookingUrl, filter: isDoc(filter) ? filter : {}, enabled: true }]
        : [],
    intervalMinutes,
    language: 'fr',
    startAtLogin: false,
    quietHours: null,
    notifications: { desktop: notifications !== false },
  };
}

/** v2 → v3: minutes become milliseconds; the global quiet hours and desktop switch move into the desktop channel. */
function v2ToV3(doc: Doc): Doc {
  const { intervalMinutes, watches, quietHours, notifications, language, ...rest } = doc;
  const alerts = defaultAlertSettings();
  if (isDoc(notifications) && typeof notifications.desktop === 'boolean') {
    alerts.desktop.enabled = notifications.desktop;
  }
  if (isDoc(quietHours) && typeof quietHours.from === 'string' && typeof quietHours.to === 'string') {
    alerts.desktop.quietHours = { from: quietHours.from, to: quietHours.to };
  }
  if (language === 'fr' || language === 'en') alerts.language = language;
  return {
    ...rest,
    version: 3,
    watches: Array.isArray(watches)
      ? watches.map((watch: unknown) => {
          if (!isDoc(watch)) return watch;
          const { intervalMinutes: own, ...fields } = watch;
          return own === undefined ? fields : { ...fields, intervalMs: minutesToMs(own) };
        })
      : watches,
    globalIntervalMs: minutesToMs(intervalMinutes),
    // A v2 user picked a language explicitly (there was no "system"): keep their choice.
    language,
    browserPath: '',
    alerts,
  };
}

/** v3 → v4: the global pause is now saved; no earlier version could save one, so it starts unpaused. */
function v3ToV4(doc: Doc): Doc {
  return { ...doc, version: 4, paused: false };
}

/** Step N turns a version-N document into a version-(N+1) one. Add one entry per version bump. */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, (doc: Doc) => Doc>> = {
  1: v1ToV2,
  2: v2ToV3,
  3: v3ToV4,
};

/** Every version a settings file may carry, oldest first (the tests migrate from each one). */
export const PAST_SETTINGS_VERSIONS: readonly number[] = Object.keys(SETTINGS_MIGRATIONS)
  .map(Number)
  .sort((a, b) => a - b);

/**
 * The document's version. v1 files had no version field, but always a `bookingUrl`; a versionless file without
 * one was written by hand (say, for the CLI's --config) in today's shape, and migrating it as v1 would replace
 * the alert settings it holds with defaults.
 */
export function settingsVersionOf(doc: Doc): number {
  if (doc.version === undefined) return 'bookingUrl' in doc ? 1 : SETTINGS_VERSION;
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1) {
    throw new Error(`The settings version ${JSON.stringify(doc.version)} is not a version number.`);
  }
  return doc.version;
}

/**
 * Brings a decoded settings document to the current version, one step at a time. The result is not yet
 * validated (parseSettings does that). Never mutates its input.
 */
export function migrateSettings(raw: unknown): { document: Doc; fromVersion: number } {
  if (!isDoc(raw)) throw new Error('The settings file does not hold a JSON object.');
  const fromVersion = settingsVersionOf(raw);
  if (fromVersion > SETTINGS_VERSION) throw new NewerSettingsError(fromVersion);
  let document: Doc = structuredClone(raw);
  for (let version = fromVersion; version < SETTINGS_VERSION; version += 1) {
    const step = SETTINGS_MIGRATIONS[version];
    if (!step) throw new Error(`No migration from settings version ${version}.`);
    document = step(document);
  }
  return { document, fromVersion };
}
