// The window is hardened as data: isolation, sandbox, no Node, strict CSP, no permissions, no navigation or pop-ups.
import { describe, expect, it } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions, Session } from 'electron';
import { contentSecurityPolicy } from '../../../src-main/windows/content-security-policy';
import { createExternalDoor } from '../../../src-main/windows/external-door';
import { hardenSession } from '../../../src-main/windows/harden-session';
import { createMainWindow } from '../../../src-main/windows/main-window';
import { buildMainWindowOptions } from '../../../src-main/windows/window-options';
import { FakeEvent, FakeSession, asElectron, fakeElectron } from '../../fakes/electron';
import type { FakeBrowserWindow } from '../../fakes/electron';

const location = { indexFileUrl: 'file:///opt/AmbiSlot/resources/app.asar/out/renderer/index.html' };

function windowUnderTest() {
  const electron = fakeElectron();
  const door = createExternalDoor({
    openExternal: (url) => electron.shell.openExternal(url),
    watchUrls: () => [],
  });
  let quitting = false;
  const main = createMainWindow({
    BrowserWindow: asElectron<new (o: BrowserWindowConstructorOptions) => BrowserWindow>(
      electron.BrowserWindow,
    ),
    options: buildMainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', show: false }),
    location,
    load: (win) => win.loadURL(location.indexFileUrl),
    isQuitting: () => quitting,
    door,
  });
  const fake = () => main.get() as unknown as FakeBrowserWindow;
  return { electron, main, fake, quit: () => (quitting = true) };
}

describe('window security', () => {
  it('the window options are secure', () => {
    const options = buildMainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', show: false });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(options.show).toBe(false);
  });

  it('the CSP allows only the app itself: no remote code, no eval, no inline script, no frames', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
        "frame-src 'none'; frame-ancestors 'none'; worker-src 'none'; manifest-src 'none'; media-src 'none'",
    );
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    const dev = contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' });
    expect(dev).toContain("script-src 'self' http://localhost:5173");
    expect(dev).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
  });

  it('the session denies every permission and sends the CSP header', () => {
    const session = new FakeSession();
    hardenSession(asElectron<Session>(session), 'CSP-HERE');
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      session.permissionRequestHandler?.({}, permission, (granted) => answers.push(granted), {});
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(session.permissionCheckHandler?.({}, 'media')).toBe(false);
    let headers: Record<string, string[]> | undefined;
    session.headersListener?.(
      { url: 'file:///x', responseHeaders: { A: ['1'] } },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual({
      A: ['1'],
      'Content-Security-Policy': ['CSP-HERE'],
      'X-Content-Type-Options': ['nosniff'],
    });
  });

  it('window.open is denied; an allowed link goes to the system browser through the door, others nowhere', async () => {
    const { electron, fake } = windowUnderTest();
    const contents = fake().webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://consulat.gouv.fr/x/rendez-vous' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(electron.shell.opened).toEqual(['https://consulat.gouv.fr/x/rendez-vous']);
  });

  it('navigation away from the app page is prevented; the app page itself may load', () => {
    const { electron, fake } = windowUnderTest();
    const contents = fake().webContents;
    const away = new FakeEvent();
    contents.emit('will-navigate', away, 'javascript:alert(1)');
    expect(away.defaultPrevented).toBe(true);
    const evil = new FakeEvent();
    contents.emit('will-navigate', evil, 'https://evil.example.com/');
    expect(evil.defaultPrevented).toBe(true);
    const home = new FakeEvent();
    contents.emit('will-navigate', home, `${location.indexFileUrl}#/settings`);
    expect(home.defaultPrevented).toBe(false);
    const webview = new FakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
    expect(electron.shell.opened).toEqual([]);
  });

  it('D1: the close button hides the window; the app and its window live on', () => {
    const { electron, main, fake } = windowUnderTest();
    main.show();
    const event = fake().close();
    expect(event.defaultPrevented).toBe(true);
    expect(fake().visible).toBe(false);
    expect(fake().destroyed).toBe(false);
    expect(electron.app.exited).toBe(false);
    // Shown again, it is the same window (its state and page are kept).
    main.show();
    expect(electron.BrowserWindow.instances).toHaveLength(1);
    expect(fake().visible && fake().focused).toBe(true);
  });

  it('once Quit was chosen, the close goes through', () => {
    const { fake, quit } = windowUnderTest();
    const win = fake();
    quit();
    expect(win.close().defaultPrevented).toBe(false);
    expect(win.destroyed).toBe(true);
  });
});
