/** The app's settings: type, defaults, current version and the zod schema every loaded file must pass. */
import { z } from 'zod';
import { defaultAlertSettings, formatAlertSettingsIssues, parseAlertSettings } from './alert-settings';
import type { AlertSettings } from './alert-settings';
import { validateFilter } from './filters';
import type { SlotFilter, Watch } from './model';
import { isCalendarDay, isWallTime } from './zoned-time';

/** Bumped with every change of shape; each bump adds one pure step in settings-migrations.ts. */
export const SETTINGS_VERSION = 4;

/** 'system' follows the operating system's language (French if it is French, else English). */
export type LanguageSetting = 'system' | 'fr' | 'en';

export interface Settings {
  version: typeof SETTINGS_VERSION;
  watches: Watch[];
  /** Interval of every watch without its own. */
  globalIntervalMs: number;
  language: LanguageSetting;
  startAtLogin: boolean;
  /** A Chrome/Chromium/Edge executable; empty means "find one" (see core/browser/find-browser.ts). */
  browserPath: string;
  /** Alert channels; quiet hours live per channel there (moved there by the v2 → v3 migration). */
  alerts: AlertSettings;
  /** "Pause checks" from the tray or the window: kept, so a restart never resumes polling behind the person's back. */
  paused: boolean;
}

export const DEFAULT_GLOBAL_INTERVAL_MS = 3 * 60_000;
/** Mirrors the engine's floor for the real site (core/scheduler.ts): asking more often is impolite. */
export const MIN_INTERVAL_MS = 60_000;
/** Beyond a day a watch is not watching any more. */
export const MAX_INTERVAL_MS = 24 * 60 * 60_000;

export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    watches: [],
    globalIntervalMs: DEFAULT_GLOBAL_INTERVAL_MS,
    language: 'system',
    startAtLogin: false,
    browserPath: '',
    alerts: defaultAlertSettings(),
    paused: false,
  };
}

const day = z.string().refine(isCalendarDay, 'must be a calendar day YYYY-MM-DD');
const wallTime = z.string().refine(isWallTime, 'must be a time HH:MM');

export const slotFilterSchema = z
  .strictObject({
    from: day.optional(),
    to: day.optional(),
    weekdays: z.array(z.union([1, 2, 3, 4, 5, 6, 7].map((d) => z.literal(d)))).optional(),
    hours: z.array(z.strictObject({ from: wallTime, to: wallTime })).optional(),
    before: day.optional(),
    withinHours: z.number().positive().finite().optional(),
  })
  .superRefine((filter, ctx) => {
    for (const message of validateFilter(filter as SlotFilter)) ctx.addIssue({ code: 'custom', message });
  }) as unknown as z.ZodType<SlotFilter>;

export const intervalMsSchema = z.number().int().min(MIN_INTERVAL_MS).max(MAX_INTERVAL_MS);

/** An https (or loopback http, for the local replica) URL; the provider judges whether it is a booking page. */
export const bookingUrlSchema = z
  .string()
  .trim()
  .max(2_000)
  .refine((text) => {
    try {
      const url = new URL(text);
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
      return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
    } catch {
      return false;
    }
  }, 'must be an https address');

export const watchSchema = z.strictObject({
  id: z.string().min(1).max(100),
  bookingUrl: bookingUrlSchema,
  filter: slotFilterSchema,
  intervalMs: intervalMsSchema.optional(),
  enabled: z.boolean(),
  label: z.string().max(200).optional(),
}) as unknown as z.ZodType<Watch>;

/** Alert settings keep their own reader (shared/alert-settings.ts); zod hands it the raw value. */
export const alertSettingsSchema = z.unknown().transform((raw, ctx): AlertSettings => {
  const parsed = parseAlertSettings(raw);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: formatAlertSettingsIssues(parsed.issues) });
  return z.NEVER;
});

export const settingsSchema = z
  .strictObject({
    version: z.literal(SETTINGS_VERSION),
    watches: z
      .array(watchSchema)
      .refine(
        (watches) => new Set(watches.map((w) => w.id)).size === watches.length,
        'two watches share one id',
      ),
    globalIntervalMs: intervalMsSchema,
    language: z.enum(['system', 'fr', 'en']),
    startAtLogin: z.boolean(),
    browserPath: z.string().max(4_000),
    alerts: alertSettingsSchema,
    paused: z.boolean(),
  })
  .transform((value) => value as Settings);

/** Validates a current-version document; throws an Error naming every problem. */
export function parseSettings(raw: unknown): Settings {
  const result = settingsSchema.safeParse(raw);
  if (!result.success) throw new Error(`Invalid settings: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** The language to show: an explicit choice, else French when the system speaks French, else English. */
export function resolveLanguage(setting: LanguageSetting, systemLocale: string): 'fr' | 'en' {
  if (setting !== 'system') return setting;
  return systemLocale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
