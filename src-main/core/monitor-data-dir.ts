/** The per-user folder where AmbiSlot keeps its data; the CLI and the desktop app use the same one. */
import { posix, win32 } from 'node:path';

export interface DataDirInput {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  homeDir: string;
}

/**
 * Electron's `userData` folder for an app named AmbiSlot, so the CLI finds the app's memory and settings:
 * XDG_CONFIG_HOME/AmbiSlot (else ~/.config/AmbiSlot) on Linux and the BSDs,
 * ~/Library/Application Support/AmbiSlot on macOS, %APPDATA%\AmbiSlot on Windows.
 */
export function defaultDataDir({ env, platform, homeDir }: DataDirInput): string {
  if (platform === 'win32') {
    const appData = env.APPDATA?.trim() || win32.join(homeDir, 'AppData', 'Roaming');
    return win32.join(appData, 'AmbiSlot');
  }
  if (platform === 'darwin') return posix.join(homeDir, 'Library', 'Application Support', 'AmbiSlot');
  // A relative XDG_CONFIG_HOME is invalid per the spec and must be ignored (Electron does the same).
  const xdg = env.XDG_CONFIG_HOME?.trim();
  const base = xdg && posix.isAbsolute(xdg) ? xdg : posix.join(homeDir, '.config');
  return posix.join(base, 'AmbiSlot');
}
