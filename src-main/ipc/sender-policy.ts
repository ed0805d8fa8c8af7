/** Who may call main: only the main window's own page (its webContents, at the app's own URL). */

export interface IpcSender {
  /** `event.sender.id`. */
  webContentsId: number;
  /** `event.senderFrame.url`; undefined when the frame is gone. */
  frameUrl: string | undefined;
  /** False for a sub-frame: only the top document of the window may call. */
  isMainFrame: boolean;
}

export interface RendererLocation {
  /** `ELECTRON_RENDERER_URL` in development (Vite's server); only its origin counts. */
  devServerUrl?: string | undefined;
  /** `file://…/out/renderer/index.html` in a build: this exact file, whatever hash or query. */
  indexFileUrl: string;
}

/** True when `url` is the app's own page: same origin as the dev server, or exactly the built index file. */
export function isAppPageUrl(url: string | undefined, location: RendererLocation): boolean {
  if (url === undefined) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (location.devServerUrl !== undefined && location.devServerUrl !== '') {
    const dev = new URL(location.devServerUrl);
    // http(s) origins are comparable; file: origins are opaque ("null"), so they are never matched here.
    if (parsed.protocol.startsWith('http') && parsed.origin === dev.origin) return true;
  }
  if (parsed.protocol !== 'file:') return false;
  const index = new URL(location.indexFileUrl);
  return parsed.pathname === index.pathname && parsed.host === index.host;
}

export interface SenderPolicy {
  /** The main window's webContents id, or undefined while it does not exist. */
  mainWebContentsId(): number | undefined;
  location: RendererLocation;
}

/** Why a sender is refused, or undefined when it is the main window's own page. */
export function refuseSender(sender: IpcSender, policy: SenderPolicy): string | undefined {
  const expected = policy.mainWebContentsId();
  if (expected === undefined || sender.webContentsId !== expected)
    return 'the call does not come from the AmbiSlot window';
  if (!sender.isMainFrame) return 'the call comes from a frame inside the window';
  if (!isAppPageUrl(sender.frameUrl, policy.location))
    return `the window shows ${sender.frameUrl ?? 'no page'}, not AmbiSlot`;
  return undefined;
}
