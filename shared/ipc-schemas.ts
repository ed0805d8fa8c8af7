/** zod schemas of every IPC request: main validates each payload with them; the window may reuse them for forms. */
import { z } from 'zod';
import type { AlertChannelName } from './alert-settings';
import { alertSettingsSchema, bookingUrlSchema, intervalMsSchema, slotFilterSchema } from './settings';

const none = z.undefined();
const watchId = z.string().min(1).max(100);
const label = z.string().trim().max(200);

export const invokeRequestSchemas = {
  getSnapshot: none,
  getActivity: none,
  addWatch: z.strictObject({
    bookingUrl: bookingUrlSchema,
    filter: slotFilterSchema,
    /** Omitted: the global interval. */
    intervalMs: intervalMsSchema.optional(),
    label: label.optional(),
  }),
  updateWatch: z.strictObject({
    id: watchId,
    patch: z.strictObject({
      bookingUrl: bookingUrlSchema.optional(),
      filter: slotFilterSchema.optional(),
      /** null: back to the global interval. */
      intervalMs: intervalMsSchema.nullable().optional(),
      enabled: z.boolean().optional(),
      label: label.nullable().optional(),
    }),
  }),
  removeWatch: z.strictObject({ id: watchId }),
  checkNow: z.strictObject({ id: watchId }),
  /** Without an id: every watch (the tray's Pause). */
  pause: z.strictObject({ id: watchId.optional() }).optional(),
  resume: z.strictObject({ id: watchId.optional() }).optional(),
  getSettings: none,
  updateSettings: z.strictObject({
    globalIntervalMs: intervalMsSchema.optional(),
    language: z.enum(['system', 'fr', 'en']).optional(),
    startAtLogin: z.boolean().optional(),
    browserPath: z.string().trim().max(4_000).optional(),
    /** Secrets left as the redaction mark keep their stored value. */
    alerts: alertSettingsSchema.optional(),
  }),
  detectBrowser: z.strictObject({ path: z.string().trim().max(4_000).optional() }).optional(),
  sendTestAlert: z.strictObject({
    channel: z.enum(['desktop', 'email', 'ntfy', 'webhook'] as const satisfies readonly AlertChannelName[]),
  }),
  openBookingPage: z.strictObject({ url: z.string().max(2_000) }),
  listServices: z.strictObject({ bookingUrl: bookingUrlSchema }),
  getInsight: z.strictObject({ id: watchId }),
  /** `appearances`: one row per slot appearance; `checks`: one row per check. */
  exportHistoryCsv: z.strictObject({
    id: watchId,
    kind: z.enum(['appearances', 'checks']).default('appearances'),
  }),
} as const;

export type InvokeRequestSchemas = typeof invokeRequestSchemas;
