/** The one IPC contract between main and the window: invoke channels (request → response) and event channels (payload). */
import type { ActivityDetail } from './activity-text';
import type { AlertChannelName } from './alert-settings';
import type { Insight } from './insight';
import type { InvokeRequestSchemas } from './ipc-schemas';
import type { AppSnapshot, CheckOutcome, CheckStatus, Watch } from './model';
import type { Settings } from './settings';
import type { z } from 'zod';

/** What the window sees of the settings: secrets replaced by the redaction mark (shared/alert-settings.ts). */
export type SettingsView = Settings;

export interface BrowserDetection {
  found: boolean;
  /** The executable used, when found. */
  path?: string;
  source?: 'configured' | 'env' | 'standard';
  /** One actionable sentence when nothing usable was found (case B1). */
  message?: string;
}

/** The real result of one test delivery: on failure, the server's own reply (mirrors core/alerts/test-alert.ts). */
export type TestAlertResult =
  | { ok: true; channel: AlertChannelName; durationMs: number }
  | {
      ok: false;
      channel: AlertChannelName;
      /** `invalid-settings`: nothing was sent, `issues` says what to fix; `delivery`: the server said no. */
      kind: 'invalid-settings' | 'delivery';
      issues?: { path: string; message: string }[];
      serverReply?: string;
      hint?: string;
    };

export interface ServiceChoice {
  name: string;
  id?: string;
}

export interface ServiceList {
  consulate: string;
  timeZone?: string;
  services: ServiceChoice[];
}

/** One line of the Activity view: a check that ended, an alert sent, or a notice. */
export interface ActivityEntry {
  id: number;
  /** ISO instant. */
  at: string;
  kind: 'check' | 'alert' | 'notice';
  watchId?: string;
  status?: CheckStatus;
  /** One sentence in English, in the words of the engine or the alert (logs; entries without `detail`). */
  text: string;
  /** The same as data, for the window to say in its own language (`activityText`). */
  detail?: ActivityDetail;
}

/** A watch's insight, with what the page called its calendar (absent until a check read it). */
export interface WatchInsight {
  watchId: string;
  consulate?: string;
  service?: string;
  insight: Insight;
}

/** A CSV export: saved where the person chose, or cancelled in the dialog. */
export type ExportResult = { saved: true; path: string; rows: number } | { saved: false };

export interface InvokeResponses {
  getSnapshot: AppSnapshot;
  getActivity: ActivityEntry[];
  addWatch: Watch;
  updateWatch: Watch;
  removeWatch: null;
  checkNow: CheckOutcome;
  pause: null;
  resume: null;
  getSettings: SettingsView;
  updateSettings: SettingsView;
  detectBrowser: BrowserDetection;
  sendTestAlert: TestAlertResult;
  openBookingPage: { opened: true } | { opened: false; reason: string };
  listServices: ServiceList;
  getInsight: WatchInsight;
  exportHistoryCsv: ExportResult;
}

export type InvokeChannel = keyof InvokeResponses;
export type InvokeRequests = { [C in InvokeChannel]: z.output<InvokeRequestSchemas[C]> };
/** What the window may pass (before defaults and trimming). */
export type InvokeRequestInputs = { [C in InvokeChannel]: z.input<InvokeRequestSchemas[C]> };

export interface EventPayloads {
  snapshot: AppSnapshot;
  activity: ActivityEntry;
}
export type EventChannel = keyof EventPayloads;

/** Listed at runtime for the preload, which must not bundle the schemas. */
export const INVOKE_CHANNELS = [
  'getSnapshot',
  'getActivity',
  'addWatch',
  'updateWatch',
  'removeWatch',
  'checkNow',
  'pause',
  'resume',
  'getSettings',
  'updateSettings',
  'detectBrowser',
  'sendTestAlert',
  'openBookingPage',
  'listServices',
  'getInsight',
  'exportHistoryCsv',
] as const satisfies readonly InvokeChannel[];
export const EVENT_CHANNELS = ['snapshot', 'activity'] as const satisfies readonly EventChannel[];

// Compile-time proof that the runtime lists name every channel of the contract and of the schemas.
type Missing<All, Listed> = Exclude<All, Listed>;
const _allInvoke: Missing<
  InvokeChannel | keyof InvokeRequestSchemas,
  (typeof INVOKE_CHANNELS)[number]
> extends never
  ? true
  : never = true;
const _allEvents: Missing<EventChannel, (typeof EVENT_CHANNELS)[number]> extends never ? true : never = true;
void _allInvoke;
void _allEvents;

/** Names on the wire, prefixed so nothing else (electron-store's own channel) can collide. */
export const invokeWireName = (channel: InvokeChannel): string => `ambislot:invoke:${channel}`;
export const eventWireName = (channel: EventChannel): string => `ambislot:event:${channel}`;

/** Every invoke answers with this envelope, so the window gets a clean message rather than Electron's wrapping. */
export type IpcResult<T> =
  { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; message: string } };
export type IpcErrorCode = 'forbidden-sender' | 'invalid-request' | 'unknown-channel' | 'failed';

export type Unsubscribe = () => void;

type Verb<C extends InvokeChannel> = undefined extends InvokeRequestInputs[C]
  ? (request?: InvokeRequestInputs[C]) => Promise<InvokeResponses[C]>
  : (request: InvokeRequestInputs[C]) => Promise<InvokeResponses[C]>;

/** `window.ambislot`: one named verb per invoke channel, one `onX` per event channel. */
export type AmbiSlotApi = { [C in InvokeChannel]: Verb<C> } & {
  onSnapshot(listener: (snapshot: AppSnapshot) => void): Unsubscribe;
  onActivity(listener: (entry: ActivityEntry) => void): Unsubscribe;
};
