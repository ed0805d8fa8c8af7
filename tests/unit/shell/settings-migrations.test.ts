// Settings written by every past version load as valid current settings, keeping what the person had chosen.
import { describe, expect, it } from 'vitest';
import { SETTINGS_VERSION, defaultSettings, parseSettings } from '../../../shared/settings';
import {
  NewerSettingsError,
  PAST_SETTINGS_VERSIONS,
  migrateSettings,
} from '../../../shared/settings-migrations';
import type { SettingsV1, SettingsV2 } from '../../../shared/settings-migrations';

const LONDON = 'https://consulat.gouv.fr/ambassade-de-france-a-londres/rendez-vous?name=Visas';

const V1: SettingsV1 = { bookingUrl: LONDON, intervalMinutes: 5, filter: { weekdays: [1, 5] } };
const V2: SettingsV2 = {
  version: 2,
  watches: [
    { id: 'a', bookingUrl: LONDON, filter: {}, enabled: true },
    {
      id: 'b',
      bookingUrl: LONDON,
      filter: { from: '2026-07-01', to: '2026-07-31' },
      intervalMinutes: 10,
      enabled: false,
    },
  ],
  intervalMinutes: 4,
  language: 'en',
  startAtLogin: true,
  quietHours: { from: '22:00', to: '07:00' },
  notifications: { desktop: true },
};
/** As 0.1.0 wrote it: no `paused` yet. */
const V3 = {
  version: 3,
  watches: [{ id: 'a', bookingUrl: LONDON, filter: {}, intervalMs: 300_000, enabled: true }],
  globalIntervalMs: 240_000,
  language: 'system',
  startAtLogin: false,
  browserPath: '/usr/bin/chromium',
  alerts: defaultSettings().alerts,
};
const SAMPLES: Record<number, unknown> = { 1: V1, 2: V2, 3: V3 };

describe('settings migrations', () => {
  it('has a sample for every past version', () => {
    expect(PAST_SETTINGS_VERSIONS).toEqual([1, 2, 3]);
    expect(Object.keys(SAMPLES).map(Number)).toEqual([...PAST_SETTINGS_VERSIONS]);
  });

  it.each(PAST_SETTINGS_VERSIONS)('a version %i file becomes valid current settings', (version) => {
    const { document, fromVersion } = migrateSettings(SAMPLES[version]);
    expect(fromVersion).toBe(version);
    const settings = parseSettings(document);
    expect(settings.version).toBe(SETTINGS_VERSION);
  });

  it('v1: the single watch, its interval in milliseconds, French, desktop alerts on', () => {
    const settings = parseSettings(migrateSettings(V1).document);
    expect(settings.watches).toEqual([
      { id: 'watch-1', bookingUrl: LONDON, filter: { weekdays: [1, 5] }, enabled: true },
    ]);
    expect(settings.globalIntervalMs).toBe(5 * 60_000);
    expect(settings.language).toBe('fr');
    expect(settings.alerts.desktop.enabled).toBe(true);
  });

  it('v2: per-watch intervals, the chosen language, and global quiet hours moved to the desktop channel', () => {
    const settings = parseSettings(migrateSettings(V2).document);
    expect(settings.watches.map((w) => [w.id, w.intervalMs, w.enabled])).toEqual([
      ['a', undefined, true],
      ['b', 10 * 60_000, false],
    ]);
    expect(settings.globalIntervalMs).toBe(4 * 60_000);
    expect(settings.language).toBe('en');
    expect(settings.startAtLogin).toBe(true);
    expect(settings.alerts.desktop.quietHours).toEqual({ from: '22:00', to: '07:00' });
    expect(settings.alerts.language).toBe('en');
    expect(settings.browserPath).toBe('');
  });

  it('v3: everything kept, and not paused (0.1.0 could not save a pause)', () => {
    const settings = parseSettings(migrateSettings(V3).document);
    const { version: _from, ...kept } = V3;
    expect(settings).toEqual({ ...kept, version: SETTINGS_VERSION, paused: false });
  });

  it('a current file passes through unchanged, and the input is never mutated', () => {
    const current = defaultSettings();
    const frozen = structuredClone(V2);
    expect(migrateSettings(current).document).toEqual(current);
    migrateSettings(V2);
    expect(V2).toEqual(frozen);
  });

  it('a hand-written file without a version keeps its alert settings (not read as a v1 file)', () => {
    const handWritten = { alerts: { webhook: { enabled: true, url: 'https://hooks.example.org/a' } } };
    const { document, fromVersion } = migrateSettings(handWritten);
    expect(fromVersion).toBe(SETTINGS_VERSION);
    expect(document.alerts).toEqual(handWritten.alerts);
  });

  it('refuses a file from a newer AmbiSlot, and garbage', () => {
    expect(() => migrateSettings({ version: SETTINGS_VERSION + 1 })).toThrow(NewerSettingsError);
    expect(() => migrateSettings([1, 2])).toThrow(/JSON object/);
    expect(() => migrateSettings({ version: 'two' })).toThrow(/version/);
  });

  it('validation names what is wrong: an interval below the floor, a bad filter, duplicate ids', () => {
    const bad = { ...defaultSettings(), globalIntervalMs: 1_000 };
    expect(() => parseSettings(bad)).toThrow(/globalIntervalMs/);
    const badFilter = {
      ...defaultSettings(),
      watches: [
        { id: 'a', bookingUrl: LONDON, filter: { from: '2026-08-01', to: '2026-07-01' }, enabled: true },
      ],
    };
    expect(() => parseSettings(badFilter)).toThrow(/after "to"/);
    const plain = { id: 'a', bookingUrl: LONDON, filter: {}, enabled: true };
    const twice = { ...defaultSettings(), watches: [plain, plain] };
    expect(() => parseSettings(twice)).toThrow(/share one id/);
    expect(() => parseSettings({ ...defaultSettings(), extra: 1 })).toThrow();
  });
});
