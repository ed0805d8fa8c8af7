/** Which icon file the tray shows for a state on each platform (files made by build/make-icons.mjs). */
import { join } from 'node:path';
import type { TrayState } from './tray-state';

/**
 * macOS wants black-and-alpha "Template" images at 16 pt (+ @2x, found by Electron beside the 1x file) so the
 * menu bar tints them; Windows a 16 px colour icon (+ @2x for 200 % scaling); Linux a 32 px colour icon.
 */
export function trayIconPath(iconDir: string, state: TrayState, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return join(iconDir, `tray-${state}Template.png`);
  if (platform === 'win32') return join(iconDir, `tray-${state}-16.png`);
  return join(iconDir, `tray-${state}-32.png`);
}
