/** Whether a tray icon will be visible: where it will not, the window opens at start so the app is never unreachable. */

/**
 * GNOME Shell shows no tray icons without the AppIndicator extension, and Electron cannot tell whether the
 * icon is shown; so on GNOME (and on unknown Linux sessions) the window opens at start. Windows and macOS
 * always have a notification area / menu bar.
 */
export function trayLikelyVisible(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
): boolean {
  if (platform === 'win32' || platform === 'darwin') return true;
  const desktop = (env.XDG_CURRENT_DESKTOP ?? '').toLowerCase();
  if (desktop === '') return false;
  if (desktop.includes('gnome') && !desktop.includes('unity') && !desktop.includes('ubuntu')) return false;
  return true;
}

/** At start: hidden in the tray when it will be seen and the launch asked for it, else the window opens. */
export function openWindowAtStart(input: { trayVisible: boolean; startedHidden: boolean }): boolean {
  return !input.trayVisible || !input.startedHidden;
}
