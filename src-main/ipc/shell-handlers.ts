/** The IPC handler table: plain functions over the engine, the settings and the shell's ports (testable under Node). */
import { randomUUID } from 'node:crypto';
import { REDACTED, redactAlertSettings } from '../../shared/alert-settings';
import type { AlertChannelName, AlertSettings } from '../../shared/alert-settings';
import type { ExternalLinkVerdict } from '../../shared/external-links';
import type { BrowserDetection, ServiceList, SettingsView, TestAlertResult } from '../../shared/ipc-contract';
import type { AppSnapshot, Watch } from '../../shared/model';
import type { Settings } from '../../shared/settings';
import type { Engine } from '../core/engine';
import type { SettingsService } from '../settings/settings-service';
import type { ActivityFeed } from './activity-feed';
import { createHistoryHandlers } from './history-handlers';
import type { CsvSaver, HistoryReader } from './history-handlers';
import type { IpcHandlers } from './ipc-router';

export type ShellEngine = Pick<
  Engine,
  'snapshot' | 'addWatch' | 'updateWatch' | 'removeWatch' | 'checkNow' | 'pause' | 'resume'
>;

export interface ShellHandlerDeps {
  /** The running engine, or undefined while nothing can be monitored (no browser, case B1). */
  engine: () => ShellEngine | undefined;
  /** Why there is no engine, in one sentence a person can act on. */
  notMonitoringReason: () => string;
  settings: SettingsService;
  feed: ActivityFeed;
  /** The one door to the system browser (shared/external-links.ts inside). */
  openExternal: (url: string) => Promise<ExternalLinkVerdict>;
  detectBrowser: (configuredPath: string | undefined) => BrowserDetection;
  sendTestAlert: (channel: AlertChannelName, alerts: AlertSettings) => Promise<TestAlertResult>;
  /** The consulate's services for a booking URL; absent until the provider offers it. */
  listServices?: (bookingUrl: string) => Promise<ServiceList>;
  /** A calendar's stored history; without it the insight and the export say they are not available. */
  history?: () => HistoryReader;
  /** The save dialog behind "Export CSV". */
  saveCsv?: CsvSaver;
  newWatchId?: () => string;
  now?: () => Date;
}

/** What the window may see of the settings: never a secret. */
export function settingsView(settings: Settings): SettingsView {
  return { ...settings, alerts: redactAlertSettings(settings.alerts) };
}

/** Secrets the window sent back as the redaction mark keep their stored value. */
export function keepRedactedSecrets(incoming: AlertSettings, stored: AlertSettings): AlertSettings {
  const merged = structuredClone(incoming);
  if (merged.email.password === REDACTED) merged.email.password = stored.email.password;
  if (merged.ntfy.token === REDACTED) {
    if (stored.ntfy.token) merged.ntfy.token = stored.ntfy.token;
    else delete merged.ntfy.token;
  }
  if (merged.webhook.header?.value === REDACTED)
    merged.webhook.header.value = stored.webhook.header?.value ?? '';
  return merged;
}

/** Without an engine the window still lists the saved watches, all shown as off. */
function idleSnapshot(settings: Settings, at: string): AppSnapshot {
  return {
    at,
    paused: settings.paused,
    globalIntervalMs: settings.globalIntervalMs,
    watches: settings.watches.map((watch) => ({
      watch,
      status: { watchId: watch.id, state: 'off', slots: [], consecutiveFailures: 0 },
    })),
  };
}

export function createShellHandlers(deps: ShellHandlerDeps): IpcHandlers {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newWatchId ?? (() => randomUUID());
  const running = (): ShellEngine => {
    const engine = deps.engine();
    if (!engine) throw new Error(deps.notMonitoringReason());
    return engine;
  };
  const findWatch = (id: string): Watch => {
    const watch = deps.settings.get().watches.find((w) => w.id === id);
    if (!watch) throw new Error(`No watch with id ${id}.`);
    return watch;
  };

  /** Saved first, so a restart keeps it; then the engine, when one runs (without one, the next engine starts paused). */
  const setGlobalPause = async (paused: boolean): Promise<void> => {
    await deps.settings.update((draft) => {
      draft.paused = paused;
    });
    const engine = deps.engine();
    if (paused) engine?.pause();
    else engine?.resume();
  };

  const unavailable = (): never => {
    throw new Error('The slot history is not available in this window.');
  };
  const historyVerbs = createHistoryHandlers({
    findWatch,
    history: deps.history ?? unavailable,
    saveCsv: deps.saveCsv ?? unavailable,
    now,
  });

  return {
    ...historyVerbs,
    async getSnapshot() {
      return deps.engine()?.snapshot() ?? idleSnapshot(deps.settings.get(), now().toISOString());
    },
    async getActivity() {
      return deps.feed.list();
    },
    async addWatch(request) {
      const watch: Watch = {
        id: newId(),
        bookingUrl: request.bookingUrl,
        filter: request.filter,
        enabled: true,
        ...(request.intervalMs !== undefined ? { intervalMs: request.intervalMs } : {}),
        ...(request.label ? { label: request.label } : {}),
      };
      // Saved first: a watch the engine runs but the disk forgot would vanish at the next start.
      await deps.settings.update((draft) => {
        draft.watches.push(watch);
      });
      deps.engine()?.addWatch(watch);
      return watch;
    },
    async updateWatch({ id, patch }) {
      const before = findWatch(id);
      const next: Watch = { ...before };
      if (patch.bookingUrl !== undefined) next.bookingUrl = patch.bookingUrl;
      if (patch.filter !== undefined) next.filter = patch.filter;
      if (patch.enabled !== undefined) next.enabled = patch.enabled;
      if (patch.intervalMs === null) delete next.intervalMs;
      else if (patch.intervalMs !== undefined) next.intervalMs = patch.intervalMs;
      if (patch.label === null || patch.label === '') delete next.label;
      else if (patch.label !== undefined) next.label = patch.label;
      await deps.settings.update((draft) => {
        draft.watches = draft.watches.map((w) => (w.id === id ? next : w));
      });
      // Only what changed: a new filter or URL makes the engine forget which slots were present.
      const enginePatch: Partial<Omit<Watch, 'id'>> = {};
      if (patch.bookingUrl !== undefined) enginePatch.bookingUrl = next.bookingUrl;
      if (patch.filter !== undefined) enginePatch.filter = next.filter;
      if (patch.enabled !== undefined) enginePatch.enabled = next.enabled;
      if (patch.intervalMs !== undefined) enginePatch.intervalMs = next.intervalMs;
      if (patch.label !== undefined) enginePatch.label = next.label;
      deps.engine()?.updateWatch(id, enginePatch);
      return next;
    },
    async removeWatch({ id }) {
      findWatch(id);
      await deps.settings.update((draft) => {
        draft.watches = draft.watches.filter((w) => w.id !== id);
      });
      deps.engine()?.removeWatch(id);
      return null;
    },
    async checkNow({ id }) {
      return running().checkNow(id);
    },
    async pause(request) {
      if (request?.id !== undefined) running().pause(request.id);
      else await setGlobalPause(true);
      return null;
    },
    async resume(request) {
      if (request?.id !== undefined) running().resume(request.id);
      else await setGlobalPause(false);
      return null;
    },
    async getSettings() {
      return settingsView(deps.settings.get());
    },
    async updateSettings(request) {
      const saved = await deps.settings.update((draft) => {
        if (request.globalIntervalMs !== undefined) draft.globalIntervalMs = request.globalIntervalMs;
        if (request.language !== undefined) draft.language = request.language;
        if (request.startAtLogin !== undefined) draft.startAtLogin = request.startAtLogin;
        if (request.browserPath !== undefined) draft.browserPath = request.browserPath;
        if (request.alerts !== undefined) draft.alerts = keepRedactedSecrets(request.alerts, draft.alerts);
      });
      return settingsView(saved);
    },
    async detectBrowser(request) {
      return deps.detectBrowser(request?.path ?? deps.settings.get().browserPath);
    },
    async sendTestAlert({ channel }) {
      return deps.sendTestAlert(channel, deps.settings.get().alerts);
    },
    async openBookingPage({ url }) {
      const verdict = await deps.openExternal(url);
      return verdict.allowed ? { opened: true } : { opened: false, reason: verdict.reason };
    },
    async listServices({ bookingUrl }) {
      if (!deps.listServices) throw new Error("Listing a consulate's services is not available yet.");
      return deps.listServices(bookingUrl);
    },
  };
}
