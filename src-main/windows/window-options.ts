/** The main window's options as data: every security switch set explicitly, so a test can read them. */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the built preload script. */
  preloadPath: string;
  /** False keeps the window hidden until the app decides (tray start); true where no tray exists. */
  show: boolean;
  /** Window icon (Linux and Windows; macOS takes the bundle's). */
  iconPath?: string;
}

export function buildMainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 460,
    height: 720,
    minWidth: 360,
    minHeight: 480,
    show: input.show,
    title: 'AmbiSlot',
    autoHideMenuBar: true,
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      // The window's code never reaches Node or the preload's world: only window.ambislot crosses.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}
