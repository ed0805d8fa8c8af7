/** The Electron app's composition root: lifecycle, the engine through createMonitor, and the real ports. Nothing here decides. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, nativeImage, net, Notification, powerMonitor } from 'electron';
import { dialog, safeStorage, session, shell, Tray } from 'electron';
import { eventWireName } from '../shared/ipc-contract';
import type { AppSnapshot } from '../shared/model';
import { resolveLanguage } from '../shared/settings';
import { machineTimeZone, openAlerting, sendTestAlert } from './core/alerts';
import type { Alerting } from './core/alerts';
import { fileExistsOnDisk } from './core/browser/file-exists';
import { findBrowser } from './core/browser/find-browser';
import { createMonitor } from './core/monitor';
import type { Monitor } from './core/monitor';
import { systemClock } from './core/ports';
import {
  ActivityFeed,
  recordChannelProblem,
  recordDeliveries,
  recordEngineActivity,
} from './ipc/activity-feed';
import { createIpcRouter } from './ipc/ipc-router';
import type { IpcHandlers } from './ipc/ipc-router';
import { registerIpc } from './ipc/register-ipc';
import { createServiceLister } from './ipc/service-lister';
import { createShellHandlers } from './ipc/shell-handlers';
import { fileHistoryReader } from './ipc/history-handlers';
import { csvSaveDialog } from './export/csv-save-dialog';
import { createAlertOpener } from './notifications/alert-opener';
import { monitorChallengeWindow } from './notifications/challenge-window';
import { createElectronNotifier } from './notifications/electron-notifier';
import { applyStartAtLogin, HIDDEN_FLAG } from './power/login-item';
import { watchPowerAndNetwork } from './power/power-watch';
import { PROTOCOL_SCHEME, protocolUrlInArgv } from './protocol/protocol-url';
import { electronStoreDocument } from './settings/electron-store-document';
import { jsonFileDocument } from './settings/json-file-document';
import { safeStorageCipher } from './settings/safe-storage-cipher';
import { lastGoodPathFor } from './settings/settings-file';
import { describeSettingsNotice } from './settings/settings-notices';
import { createSettingsRepository } from './settings/settings-repository';
import { createSettingsService } from './settings/settings-service';
import type { SettingsService } from './settings/settings-service';
import { createAppTray } from './tray/app-tray';
import type { AppTray } from './tray/app-tray';
import type { TrayAction } from './tray/tray-menu';
import { openWindowAtStart, trayLikelyVisible } from './tray/tray-availability';
import { setupLifecycle } from './windows/app-lifecycle';
import { appPaths } from './windows/app-paths';
import { contentSecurityPolicy } from './windows/content-security-policy';
import { createExternalDoor } from './windows/external-door';
import { hardenSession } from './windows/harden-session';
import { createMainWindow } from './windows/main-window';
import { buildMainWindowOptions } from './windows/window-options';

const log = (line: string) => console.log(`[ambislot] ${line}`);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const paths = appPaths({
  mainDir: import.meta.dirname,
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  appPath: app.getAppPath(),
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
});
const location = { devServerUrl: paths.devServerUrl, indexFileUrl: paths.indexFileUrl };

let settings: SettingsService | undefined;
let monitor: Monitor | undefined;
let alerting: Alerting | undefined;
let notMonitoring = 'AmbiSlot is starting.';
let tray: AppTray | undefined;
let lastSnapshot: AppSnapshot | undefined;
/** The IPC handler table; the tray's Pause and Resume go through it too, so both are saved the same way. */
let handlers: IpcHandlers | undefined;

const door = createExternalDoor({
  openExternal: (url) => shell.openExternal(url),
  watchUrls: () => settings?.get().watches.map((w) => w.bookingUrl) ?? [],
  log,
});
const mainWindow = createMainWindow({
  BrowserWindow,
  options: buildMainWindowOptions({
    preloadPath: paths.preload,
    show: false,
    ...(paths.windowIcon ? { iconPath: paths.windowIcon } : {}),
  }),
  location,
  load: (win) => (paths.devServerUrl ? win.loadURL(paths.devServerUrl) : win.loadFile(paths.indexFile)),
  isQuitting: () => lifecycle.isQuitting(),
  door,
  log,
});
const opener = createAlertOpener({
  door,
  snapshot: () => lastSnapshot,
  showWindow: () => mainWindow.show(),
  // The captcha page comes forward in the very browser context the next check continues from (case S2).
  challenge: monitorChallengeWindow(() => monitor),
  log,
});
const lifecycle = setupLifecycle({
  app,
  showWindow: () => mainWindow.show(),
  onProtocolUrl: (url) => void opener.openProtocolUrl(url),
  stop: async () => {
    await alerting?.close();
    await monitor?.close();
  },
  log,
});

// Windows toasts need the installer shortcut's id (electron-builder.yml appId) to show and to activate.
if (process.platform === 'win32') app.setAppUserModelId('fr.ambislot.desktop');
if (process.defaultApp && process.argv[1]) {
  // Development (`electron .`): the protocol must relaunch electron with the app path.
  app.setAsDefaultProtocolClient(PROTOCOL_SCHEME, process.execPath, [process.argv[1]]);
} else {
  app.setAsDefaultProtocolClient(PROTOCOL_SCHEME);
}

async function start(): Promise<void> {
  await app.whenReady();
  const devOrigin = paths.devServerUrl ? new URL(paths.devServerUrl).origin : undefined;
  hardenSession(session.defaultSession, contentSecurityPolicy({ devServerOrigin: devOrigin }));
  const dataDir = app.getPath('userData');
  const repository = createSettingsRepository({
    document: electronStoreDocument(dataDir),
    lastGood: jsonFileDocument(lastGoodPathFor(join(dataDir, 'settings.json'))),
    cipher: safeStorageCipher(safeStorage, process.platform),
  });
  const loaded = await repository.load();
  const service = createSettingsService(repository, loaded.settings);
  settings = service;
  const language = () => resolveLanguage(service.get().language, app.getLocale());
  const userTimeZone = machineTimeZone();
  const feed = new ActivityFeed();
  const notice = (text: string) => feed.add({ at: new Date().toISOString(), kind: 'notice', text });
  // Told once: a damaged file was moved aside, so the next start finds nothing to tell.
  for (const n of loaded.notices) notice(describeSettingsNotice(n));
  feed.on((entry) => mainWindow.send(eventWireName('activity'), entry));

  const notifier = createElectronNotifier({
    Notification,
    platform: process.platform,
    onClick: (bookingUrl) => void opener.openAlert(bookingUrl),
  });
  const alertSettings = () => ({ ...service.get().alerts, language: language() });
  alerting = await openAlerting({
    dataDir,
    getSettings: alertSettings,
    desktopNotifier: notifier,
    clock: systemClock,
    userTimeZone,
    onChannelProblem: (problem) => recordChannelProblem(feed, problem),
  });
  recordDeliveries(alerting.activityLog, feed);

  const refreshTray = () => {
    if (lastSnapshot) tray?.update(lastSnapshot, language(), { notMonitoring: !monitor });
  };
  const startMonitor = async () => {
    try {
      monitor = await createMonitor({
        dataDir,
        browserPath: service.get().browserPath,
        env: process.env,
        headless: true,
        // Headed but off-screen and minimised: a captcha page can then be shown to the person (case S2).
        hideWindows: true,
        globalIntervalMs: service.get().globalIntervalMs,
        log,
      });
    } catch (error) {
      // Case B1: one clear message, "not monitoring", never "no slots", no retry loop.
      notMonitoring = messageOf(error);
      notice(notMonitoring);
      return;
    }
    const engine = monitor.engine;
    const watchdog = monitor.watchdog;
    engine.on('snapshot', (raw) => {
      // A watch with no success for 3 intervals shows "needs attention" (the watchdog's view of the engine's).
      const snapshot = watchdog.decorate(raw);
      lastSnapshot = snapshot;
      mainWindow.send(eventWireName('snapshot'), snapshot);
      refreshTray();
    });
    recordEngineActivity(engine, feed);
    alerting?.attach(engine);
    alerting?.attach(watchdog);
    for (const watch of service.get().watches) engine.addWatch(watch);
    // A pause chosen before a restart still holds: polling never resumes behind the person's back.
    if (service.get().paused) engine.pause();
    monitor.start();
  };

  const ipcHandlers = createShellHandlers({
    engine: () => monitor?.engine,
    notMonitoringReason: () => notMonitoring,
    settings: service,
    feed,
    openExternal: door,
    detectBrowser: (configuredPath) => {
      const found = findBrowser({
        configuredPath,
        env: process.env,
        platform: process.platform,
        fileExists: fileExistsOnDisk,
      });
      return found.found
        ? { found: true, path: found.path, source: found.source }
        : { found: false, message: found.message };
    },
    sendTestAlert: (channel, alerts) =>
      sendTestAlert(
        channel,
        { ...alerts, language: language() },
        {
          desktopNotifier: notifier,
          userTimeZone,
          ...(alerting ? { activityLog: alerting.activityLog } : {}),
        },
      ),
    listServices: (bookingUrl) => {
      if (!monitor) throw new Error(notMonitoring);
      return createServiceLister({ pool: monitor.browserPool })(bookingUrl);
    },
    // The monitor's recorder first: a read then waits for the records of a check that just ended.
    history: () => monitor?.history ?? fileHistoryReader(dataDir),
    saveCsv: csvSaveDialog({
      dialog,
      window: () => mainWindow.get(),
      defaultDir: () => app.getPath('downloads'),
      title: () => (language() === 'fr' ? 'Exporter l’historique (CSV)' : 'Export the history (CSV)'),
    }),
  });
  handlers = ipcHandlers;
  registerIpc(
    ipcMain,
    createIpcRouter(ipcHandlers, { mainWebContentsId: () => mainWindow.webContentsId(), location }, log),
  );

  const loginItem = {
    app,
    platform: process.platform,
    // An AppImage runs from a temporary mount: autostart must name the AppImage file itself.
    execPath: process.env.APPIMAGE ?? process.execPath,
    configDir: process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'),
  };
  service.onChange((next, previous) => {
    for (const n of service.takeNotices()) notice(describeSettingsNotice(n));
    monitor?.engine.setGlobalInterval(next.globalIntervalMs);
    alerting?.dispatcher.settingsChanged();
    if (next.startAtLogin !== previous.startAtLogin) {
      applyStartAtLogin(loginItem, next.startAtLogin).catch((e: unknown) =>
        notice(`Start at login: ${messageOf(e)}`),
      );
    }
    if (next.browserPath !== previous.browserPath) {
      const old = monitor;
      monitor = undefined;
      void (old ? old.close() : Promise.resolve()).then(startMonitor);
    }
    refreshTray();
  });

  try {
    tray = createAppTray({
      Tray,
      Menu,
      nativeImage,
      iconDir: paths.trayIconDir,
      platform: process.platform,
      userTimeZone,
      onAction: (action) =>
        void onTrayAction(action).catch((error: unknown) => log(`Tray: ${messageOf(error)}`)),
    });
  } catch (error) {
    log(`No tray icon: ${messageOf(error)}`);
  }
  await startMonitor();
  // Without an engine (no browser) the tray still shows the saved watches and that the person must act.
  lastSnapshot ??= await ipcHandlers.getSnapshot(undefined);
  refreshTray();
  watchPowerAndNetwork({
    powerMonitor,
    // The monitor, not the engine: a wake also arms the quiet DNS retry and resets the watchdog (case D2).
    engine: () => monitor,
    isOnline: () => net.isOnline(),
    clock: systemClock,
    log,
    onOnlineChange: refreshTray,
  });
  const trayVisible = tray !== undefined && trayLikelyVisible(process.platform, process.env);
  if (openWindowAtStart({ trayVisible, startedHidden: process.argv.includes(HIDDEN_FLAG) }))
    mainWindow.show();
  const launchUrl = protocolUrlInArgv(process.argv);
  if (launchUrl) await opener.openProtocolUrl(launchUrl);
}

async function onTrayAction(action: TrayAction): Promise<void> {
  const engine = monitor?.engine;
  switch (action.kind) {
    case 'open-window':
      return mainWindow.show();
    case 'check-now':
      for (const { watch } of engine?.snapshot().watches ?? []) {
        if (watch.enabled) engine?.checkNow(watch.id).catch(() => undefined);
      }
      return;
    case 'pause':
      await handlers?.pause(undefined);
      return;
    case 'resume':
      await handlers?.resume(undefined);
      return;
    case 'open-booking':
      await door(action.url);
      return;
    case 'quit':
      return app.quit();
  }
}

if (lifecycle.primary) {
  start().catch((error: unknown) => {
    log(
      `AmbiSlot could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    app.exit(1);
  });
}
