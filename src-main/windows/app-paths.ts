/** Where the built pieces are: preload, page, tray icons, in development and in a packaged app. */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AppPathsInput {
  /** The directory of the built main bundle (out/main). */
  mainDir: string;
  isPackaged: boolean;
  /** `process.resourcesPath` in a packaged app. */
  resourcesPath: string;
  /** `app.getAppPath()`: the project root in development. */
  appPath: string;
  /** `ELECTRON_RENDERER_URL`, set by `electron-vite dev`. */
  devServerUrl?: string | undefined;
}

export function appPaths(input: AppPathsInput) {
  const indexFile = join(input.mainDir, '..', 'renderer', 'index.html');
  return {
    // CommonJS: a sandboxed preload cannot be an ES module.
    preload: join(input.mainDir, '..', 'preload', 'index.cjs'),
    indexFile,
    indexFileUrl: pathToFileURL(indexFile).href,
    devServerUrl: input.isPackaged ? undefined : input.devServerUrl,
    // Packaged: copied by electron-builder's extraResources; in development: straight from build/.
    trayIconDir: input.isPackaged ? join(input.resourcesPath, 'tray') : join(input.appPath, 'build', 'tray'),
    windowIcon: input.isPackaged ? undefined : join(input.appPath, 'build', 'icon.png'),
  };
}
