/** Start at login: the OS login item on Windows and macOS, an XDG autostart entry on Linux (where Electron has none). */
import { rm, writeFile } from 'node:fs/promises';
import { makeDirectory } from '../core/storage/make-directory';
import { join } from 'node:path';
import type { App } from 'electron';

/** Passed at login so the app starts in the tray without opening its window. */
export const HIDDEN_FLAG = '--hidden';

export function linuxAutostartEntry(execPath: string): string {
  // Exec quoting per the Desktop Entry spec: double quotes, with " ` $ \ escaped.
  const quoted = `"${execPath.replace(/(["`$\\])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=AmbiSlot',
    'Comment=Watches consulate appointment calendars',
    `Exec=${quoted} ${HIDDEN_FLAG}`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n');
}

export interface LoginItemDeps {
  app: Pick<App, 'setLoginItemSettings'>;
  platform: NodeJS.Platform;
  execPath: string;
  /** `$XDG_CONFIG_HOME` or `~/.config`, for Linux. */
  configDir: string;
}

export async function applyStartAtLogin(deps: LoginItemDeps, enabled: boolean): Promise<void> {
  if (deps.platform === 'linux') {
    const dir = join(deps.configDir, 'autostart');
    const file = join(dir, 'ambislot.desktop');
    if (!enabled) return rm(file, { force: true });
    await makeDirectory(dir);
    await writeFile(file, linuxAutostartEntry(deps.execPath), { mode: 0o644 });
    return;
  }
  deps.app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
}
