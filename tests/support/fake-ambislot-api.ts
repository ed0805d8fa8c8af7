// An in-memory window.ambislot for the window's component tests: records every call, pushes events on demand.
import type {
  ActivityEntry,
  AmbiSlotApi,
  ExportResult,
  InvokeChannel,
  ServiceList,
  SettingsView,
  TestAlertResult,
  WatchInsight,
} from '../../shared/ipc-contract';
import type { AppSnapshot, CheckOutcome, Watch } from '../../shared/model';
import { defaultSettings } from '../../shared/settings';

export interface FakeApi extends AmbiSlotApi {
  calls: { channel: InvokeChannel; request: unknown }[];
  snapshotValue: AppSnapshot;
  settingsValue: SettingsView;
  activityValue: ActivityEntry[];
  services: ServiceList;
  testResult: TestAlertResult;
  bookVerdict: { opened: true } | { opened: false; reason: string };
  insightValue: WatchInsight;
  exportValue: ExportResult;
  /** Pushes a snapshot to the window, as main does after every change. */
  pushSnapshot(snapshot: AppSnapshot): void;
  pushActivity(entry: ActivityEntry): void;
  callsOf(channel: InvokeChannel): unknown[];
}

export function emptySnapshot(watches: AppSnapshot['watches'] = []): AppSnapshot {
  return { at: '2026-07-03T08:00:00.000Z', paused: false, globalIntervalMs: 180_000, watches };
}

/** A watch with nothing recorded yet: an empty heat map, no lifetimes. */
export function emptyInsight(watchId = 'w1'): WatchInsight {
  const heatmap = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) =>
    Array.from({ length: 24 }, (_, hour) => ({
      weekday: weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7,
      hour,
      count: 0,
    })),
  );
  return {
    watchId,
    insight: {
      timeZone: 'Europe/London',
      heatmap,
      lifetimes: { ended: 0, censored: 0 },
      lastAppearances: [],
      basis: { daysObserved: 0, checks: 0, conclusiveChecks: 0, appearances: 0, timedAppearances: 0 },
    },
  };
}

export function createFakeApi(
  initial: Partial<Pick<FakeApi, 'snapshotValue' | 'settingsValue'>> = {},
): FakeApi {
  const snapshotListeners = new Set<(s: AppSnapshot) => void>();
  const activityListeners = new Set<(e: ActivityEntry) => void>();
  let nextId = 1;
  const fake: FakeApi = {
    calls: [],
    snapshotValue: initial.snapshotValue ?? emptySnapshot(),
    settingsValue: initial.settingsValue ?? defaultSettings(),
    activityValue: [],
    services: { consulate: 'Consulat général de France à Londres', timeZone: 'Europe/London', services: [] },
    testResult: { ok: true, channel: 'desktop', durationMs: 12 },
    bookVerdict: { opened: true },
    insightValue: emptyInsight(),
    exportValue: { saved: false },
    pushSnapshot(snapshot) {
      fake.snapshotValue = snapshot;
      for (const listener of snapshotListeners) listener(snapshot);
    },
    pushActivity(entry) {
      for (const listener of activityListeners) listener(entry);
    },
    callsOf(channel) {
      return fake.calls.filter((call) => call.channel === channel).map((call) => call.request);
    },
    onSnapshot(listener) {
      snapshotListeners.add(listener);
      return () => snapshotListeners.delete(listener);
    },
    onActivity(listener) {
      activityListeners.add(listener);
      return () => activityListeners.delete(listener);
    },
    getSnapshot: record('getSnapshot', async () => structuredClone(fake.snapshotValue)),
    getActivity: record('getActivity', async () => structuredClone(fake.activityValue)),
    addWatch: record('addWatch', async (request) => {
      const watch: Watch = { id: `w${nextId++}`, enabled: true, ...request } as Watch;
      return watch;
    }),
    updateWatch: record('updateWatch', async (request) => {
      const entry = fake.snapshotValue.watches.find((w) => w.watch.id === request.id);
      if (!entry) throw new Error(`No watch with id ${request.id}.`);
      return { ...entry.watch, ...(request.patch as Partial<Watch>) } as Watch;
    }),
    removeWatch: record('removeWatch', async () => null),
    checkNow: record('checkNow', async () => {
      const outcome: CheckOutcome = {
        status: 'no-slots',
        reason: 'No slot.',
        checkedAt: fake.snapshotValue.at,
        slots: [],
        unknownDays: [],
        apiRequests: 1,
      };
      return outcome;
    }),
    pause: record('pause', async () => null),
    resume: record('resume', async () => null),
    getSettings: record('getSettings', async () => structuredClone(fake.settingsValue)),
    updateSettings: record('updateSettings', async (request) => {
      fake.settingsValue = { ...fake.settingsValue, ...(request as Partial<SettingsView>) };
      return structuredClone(fake.settingsValue);
    }),
    detectBrowser: record('detectBrowser', async () => ({
      found: true,
      path: '/usr/bin/chromium',
      source: 'standard' as const,
    })),
    sendTestAlert: record('sendTestAlert', async () => fake.testResult),
    openBookingPage: record('openBookingPage', async () => fake.bookVerdict),
    listServices: record('listServices', async () => structuredClone(fake.services)),
    getInsight: record('getInsight', async () => structuredClone(fake.insightValue)),
    exportHistoryCsv: record('exportHistoryCsv', async () => structuredClone(fake.exportValue)),
  };

  function record<A extends unknown[], R>(channel: InvokeChannel, run: (...args: A) => Promise<R>) {
    return (...args: A): Promise<R> => {
      fake.calls.push({ channel, request: args[0] });
      return run(...args);
    };
  }

  return fake;
}
