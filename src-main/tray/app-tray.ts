/** The tray icon: its image, tooltip and menu follow every snapshot; menu clicks become tray actions. */
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { AppSnapshot } from '../../shared/model';
import { trayIconPath } from './tray-icons';
import { buildTrayMenu } from './tray-menu';
import type { TrayAction } from './tray-menu';
import { trayState, trayTooltip } from './tray-state';
import type { TrayContext } from './tray-state';
import type { ShellLanguage } from './tray-text';

export interface AppTrayDeps {
  Tray: new (image: NativeImage) => Tray;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): Menu };
  nativeImage: { createFromPath(path: string): NativeImage };
  iconDir: string;
  platform: NodeJS.Platform;
  userTimeZone: string;
  onAction: (action: TrayAction) => void;
}

export interface AppTray {
  update(snapshot: AppSnapshot, language: ShellLanguage, context?: TrayContext): void;
  destroy(): void;
}

export function toMenuTemplate(
  items: ReturnType<typeof buildTrayMenu>,
  onAction: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item) =>
    item.type === 'separator'
      ? { type: 'separator' }
      : { label: item.label, enabled: item.enabled, click: () => onAction(item.action) },
  );
}

export function createAppTray(deps: AppTrayDeps): AppTray {
  const image = (state: ReturnType<typeof trayState>) =>
    deps.nativeImage.createFromPath(trayIconPath(deps.iconDir, state, deps.platform));
  const tray = new deps.Tray(image('idle'));
  // Windows and Linux: a left click opens the window; the menu is on the right click.
  tray.on('click', () => deps.onAction({ kind: 'open-window' }));
  let lastKey = '';
  return {
    update(snapshot, language, context = {}) {
      const state = trayState(snapshot, context);
      const menu = buildTrayMenu(snapshot, language);
      const tooltip = trayTooltip(snapshot, language, deps.userTimeZone, context);
      // Snapshots come often (each check start and end); rebuild the native menu only when it changes.
      const key = JSON.stringify([state, menu, tooltip]);
      if (key === lastKey) return;
      lastKey = key;
      tray.setImage(image(state));
      tray.setToolTip(tooltip);
      tray.setContextMenu(deps.Menu.buildFromTemplate(toMenuTemplate(menu, deps.onAction)));
    },
    destroy: () => tray.destroy(),
  };
}
