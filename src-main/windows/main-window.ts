/** The main window: created hardened, hidden (not closed) by its close button (case D1), shown and focused on demand. */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { isAppPageUrl } from '../ipc/sender-policy';
import type { RendererLocation } from '../ipc/sender-policy';
import type { ExternalDoor } from './external-door';

export interface MainWindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  options: BrowserWindowConstructorOptions;
  location: RendererLocation;
  /** Loads the app's page: the dev server URL in `npm run dev`, else the built index file. */
  load: (window: BrowserWindow) => Promise<void>;
  /** True once Quit was chosen: only then may the window really close. */
  isQuitting: () => boolean;
  door: ExternalDoor;
  log?: (line: string) => void;
}

export interface MainWindow {
  /** The window, created on first use (and again if it was ever destroyed). */
  get(): BrowserWindow;
  /** The live window's webContents id, for the IPC sender check; undefined when there is none. */
  webContentsId(): number | undefined;
  /** Shows, restores and focuses the window (tray click, second launch, notification). */
  show(): void;
  send(channel: string, payload: unknown): void;
}

export function createMainWindow(deps: MainWindowDeps): MainWindow {
  let window: BrowserWindow | undefined;

  function harden(win: BrowserWindow): void {
    const contents = win.webContents;
    // No pop-ups: a link meant for the browser goes through the one door, everything else is dropped.
    contents.setWindowOpenHandler(({ url }) => {
      void deps.door(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (isAppPageUrl(url, deps.location)) return;
      event.preventDefault();
      void deps.door(url);
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppPageUrl(url, deps.location)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  }

  function create(): BrowserWindow {
    const win = new deps.BrowserWindow(deps.options);
    harden(win);
    win.on('close', (event) => {
      // D1: the close button hides; the app lives on in the tray and checks go on. Only Quit closes.
      if (deps.isQuitting()) return;
      event.preventDefault();
      win.hide();
    });
    win.on('closed', () => {
      if (window === win) window = undefined;
    });
    deps
      .load(win)
      .catch((error: unknown) =>
        deps.log?.(
          `The window could not load its page: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    return win;
  }

  const get = (): BrowserWindow => {
    if (!window || window.isDestroyed()) window = create();
    return window;
  };

  return {
    get,
    webContentsId: () => (window && !window.isDestroyed() ? window.webContents.id : undefined),
    show() {
      const win = get();
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    },
    send(channel, payload) {
      if (window && !window.isDestroyed() && !window.webContents.isDestroyed())
        window.webContents.send(channel, payload);
    },
  };
}
