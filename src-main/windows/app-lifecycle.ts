/** The app's life: one instance (a second launch focuses the first), closing windows never quits, Quit stops everything first. */
import type { App } from 'electron';
import { protocolUrlInArgv } from '../protocol/protocol-url';

export type LifecycleApp = Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>;

export interface LifecycleDeps {
  app: LifecycleApp;
  /** Shows and focuses the main window. */
  showWindow: () => void;
  /** An ambislot:// URL from a second launch (Windows, Linux) or from macOS's open-url. */
  onProtocolUrl: (url: string) => void;
  /** Cancels checks in flight and closes the browser (monitor.close()); awaited before the process exits. */
  stop: () => Promise<void>;
  log?: (line: string) => void;
}

export interface Lifecycle {
  /** False when another instance runs: this one has asked to quit and must do nothing else. */
  primary: boolean;
  isQuitting(): boolean;
}

export function setupLifecycle(deps: LifecycleDeps): Lifecycle {
  const { app } = deps;
  if (!app.requestSingleInstanceLock()) {
    // The first instance hears about this launch through `second-instance` and comes forward.
    app.quit();
    return { primary: false, isQuitting: () => true };
  }
  let quitting = false;
  let stopped = false;

  app.on('second-instance', (_event, argv) => {
    const url = protocolUrlInArgv(argv);
    if (url !== undefined) deps.onProtocolUrl(url);
    else deps.showWindow();
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deps.onProtocolUrl(url);
  });
  // macOS: a click on the Dock icon.
  app.on('activate', () => deps.showWindow());
  // D1: the app lives in the tray; only Quit ends it. Subscribing at all keeps Electron from quitting.
  app.on('window-all-closed', () => {});
  app.on('before-quit', (event) => {
    quitting = true;
    if (stopped) return;
    // Hold the quit until checks are cancelled and Chromium is closed, so nothing is left behind (D1).
    event.preventDefault();
    deps
      .stop()
      .catch((error: unknown) =>
        deps.log?.(`Stopping before quit failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });
  return { primary: true, isQuitting: () => quitting };
}
