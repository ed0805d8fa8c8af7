/** Hides and shows the OS window of one page through CDP, so a headed browser can stay out of sight until a person is needed. */
import type { Page } from 'playwright-core';

/**
 * Chromium's own flag: windows open far off-screen. Paired with `hidePageWindow` (minimised) because some
 * window managers pull off-screen windows back onto the screen.
 */
export const OFF_SCREEN_ARGS = ['--window-position=-32000,-32000'] as const;

/** Where and how big a revealed challenge window is: large enough for the site's human check. */
export const REVEALED_BOUNDS = { left: 80, top: 60, width: 1100, height: 820 } as const;

export type WindowState = 'normal' | 'minimized' | 'maximized' | 'fullscreen';

export interface WindowBounds {
  left?: number;
  top?: number;
  width?: number;
  height?: number;
  windowState?: WindowState;
}

type CdpSession = Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>;

async function withWindow<T>(
  page: Page,
  run: (session: CdpSession, windowId: number) => Promise<T>,
): Promise<T> {
  const session = await page.context().newCDPSession(page);
  try {
    const { windowId } = await session.send('Browser.getWindowForTarget');
    return await run(session, windowId);
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** Minimises the page's window (it already opened off-screen): the check goes on unseen. */
export async function hidePageWindow(page: Page): Promise<void> {
  await withWindow(page, (session, windowId) =>
    session.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'minimized' } }),
  );
}

/**
 * Brings the page's window on screen and to the front, for a person to act in this very page (case S2).
 * A minimised window must turn `normal` before Chromium accepts a position and a size.
 */
export async function showPageWindow(page: Page): Promise<void> {
  await withWindow(page, async (session, windowId) => {
    await session.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'normal' } });
    await session.send('Browser.setWindowBounds', { windowId, bounds: { ...REVEALED_BOUNDS } });
  });
  await page.bringToFront();
}

/** The page window's bounds and state as Chromium reports them (tests, diagnostics). */
export async function pageWindowBounds(page: Page): Promise<WindowBounds> {
  return withWindow(page, async (session, windowId) => {
    const { bounds } = await session.send('Browser.getWindowBounds', { windowId });
    return bounds;
  });
}
