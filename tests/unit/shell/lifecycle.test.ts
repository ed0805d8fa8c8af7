// App life with the real engine on a fake clock: one instance, closing never quits (D1), Quit stops first, sleep (D2).
import { describe, expect, it } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { watchPowerAndNetwork } from '../../../src-main/power/power-watch';
import { setupLifecycle } from '../../../src-main/windows/app-lifecycle';
import type { LifecycleApp } from '../../../src-main/windows/app-lifecycle';
import { createExternalDoor } from '../../../src-main/windows/external-door';
import { createMainWindow } from '../../../src-main/windows/main-window';
import { buildMainWindowOptions } from '../../../src-main/windows/window-options';
import { openPageProtocolUrl } from '../../../src-main/protocol/protocol-url';
import { MINUTE, harness, watch } from '../core/engine-harness';
import { failed, seen, slot } from '../core/scripted-provider';
import type { Step } from '../core/scripted-provider';
import { FakeEvent, asElectron, fakeElectron } from '../../fakes/electron';
import type { FakeBrowserWindow } from '../../fakes/electron';

const A = slot('2026-07-10', '09:00');

function app(hasLock = true, steps: Step[] = Array.from({ length: 50 }, () => seen([A]))) {
  const electron = fakeElectron();
  electron.app.hasLock = hasLock;
  const h = harness(steps);
  const quitting = { now: () => false };
  const window = createMainWindow({
    BrowserWindow: asElectron<new (o: BrowserWindowConstructorOptions) => BrowserWindow>(
      electron.BrowserWindow,
    ),
    options: buildMainWindowOptions({ preloadPath: '/p.cjs', show: false }),
    location: { indexFileUrl: 'file:///app/index.html' },
    load: (w) => w.loadFile('/app/index.html'),
    isQuitting: () => quitting.now(),
    door: createExternalDoor({ openExternal: (u) => electron.shell.openExternal(u), watchUrls: () => [] }),
  });
  const protocolUrls: string[] = [];
  let stops = 0;
  const lifecycle = setupLifecycle({
    app: asElectron<LifecycleApp>(electron.app),
    showWindow: () => window.show(),
    onProtocolUrl: (url) => protocolUrls.push(url),
    stop: async () => {
      stops += 1;
      await h.engine.stop();
    },
  });
  quitting.now = () => lifecycle.isQuitting();
  return { electron, h, window, lifecycle, protocolUrls, stops: () => stops };
}

describe('app lifecycle', () => {
  it('a second launch quits itself; the first one focuses its window', () => {
    const second = app(false);
    expect(second.lifecycle.primary).toBe(false);
    expect(second.electron.app.quitCalls).toBe(1);

    const first = app(true);
    expect(first.lifecycle.primary).toBe(true);
    first.electron.app.emit('second-instance', new FakeEvent(), ['/usr/bin/ambislot'], '/home/me');
    const win = first.window.get() as unknown as FakeBrowserWindow;
    expect(win.visible && win.focused).toBe(true);
    expect(first.electron.BrowserWindow.instances).toHaveLength(1);
  });

  it('a second launch carrying an ambislot:// URL (Windows toast) hands it over', () => {
    const { electron, protocolUrls } = app();
    const url = openPageProtocolUrl('https://consulat.gouv.fr/x/rendez-vous');
    electron.app.emit('second-instance', new FakeEvent(), ['AmbiSlot.exe', url], 'C:\\');
    const openUrl = new FakeEvent();
    electron.app.emit('open-url', openUrl, url);
    expect(protocolUrls).toEqual([url, url]);
    expect(openUrl.defaultPrevented).toBe(true);
  });

  it('D1: closing the window hides it and checks go on', async () => {
    const { electron, h, window } = app();
    h.engine.addWatch(watch('w1', { intervalMs: 3 * MINUTE }));
    h.engine.start();
    window.show();
    await h.clock.advance(0);
    const win = window.get() as unknown as FakeBrowserWindow;
    expect(win.close().defaultPrevented).toBe(true);
    electron.app.emit('window-all-closed');
    await h.clock.advance(9 * MINUTE);
    expect(electron.app.exited).toBe(false);
    expect(h.provider.calls.map((c) => c.at)).toEqual([0, 3, 6, 9].map((m) => m * MINUTE));
  });

  it('D1: Quit stops the engine (cancelling checks) before the app exits, then closes the window', async () => {
    const { electron, h, window, stops } = app();
    h.engine.addWatch(watch('w1'));
    h.engine.start();
    const win = window.get() as unknown as FakeBrowserWindow;
    electron.app.quit();
    expect(electron.app.exited).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stops()).toBe(1);
    expect(electron.app.exited).toBe(true);
    expect(win.close().defaultPrevented).toBe(false);
    await h.clock.advance(10 * MINUTE);
    expect(h.provider.calls.length).toBeLessThanOrEqual(1);
  });

  it('D1: Quit during a check cancels it (the site read sees the abort) and exits only after it ended', async () => {
    let aborted = false;
    // A check that runs until it is cancelled, as a slow site read would.
    const slowCheck: Step = (request) =>
      new Promise((resolve) =>
        request.signal?.addEventListener('abort', () => {
          aborted = true;
          resolve(failed('unreachable'));
        }),
      );
    const { electron, h, stops } = app(true, [slowCheck]);
    h.engine.addWatch(watch('w1'));
    h.engine.start();
    await h.clock.advance(0);
    expect(h.engine.status('w1').state).toBe('checking');
    electron.app.quit();
    expect(electron.app.exited).toBe(false);
    await expect.poll(() => electron.app.exited).toBe(true);
    expect(stops()).toBe(1);
    expect(aborted).toBe(true);
    expect(h.provider.inFlight).toBe(0);
  });
});

describe('power and network', () => {
  it('D2: suspend, 8 hours asleep, resume: exactly one check after the grace period, no burst', async () => {
    const electron = fakeElectron();
    const h = harness(Array.from({ length: 20 }, () => seen([A])));
    h.engine.addWatch(watch('w1', { intervalMs: 3 * MINUTE }));
    h.engine.start();
    await h.clock.advance(0);
    watchPowerAndNetwork({
      powerMonitor: electron.powerMonitor,
      engine: () => h.engine,
      isOnline: () => true,
      clock: h.clock,
      resumeGraceMs: 15_000,
    });
    electron.powerMonitor.emit('suspend');
    // Asleep: no timer fires, and the wall clock jumps 8 h (the fake's monotonic time stands still, as the OS's does).
    electron.powerMonitor.emit('resume');
    await h.clock.advance(14_999);
    expect(h.provider.calls).toHaveLength(1);
    await h.clock.advance(1);
    expect(h.provider.calls).toHaveLength(2);
    await h.clock.advance(3 * MINUTE - 1);
    expect(h.provider.calls.map((c) => c.at)).toEqual([0, 15_000]);
    expect(h.of('new-slots')).toHaveLength(1);
  });

  it('D2: awake but offline: no check fails on DNS; one check after the grace once the network is back', async () => {
    const electron = fakeElectron();
    const h = harness([seen([A]), failed('unreachable'), seen([A])]);
    h.engine.addWatch(watch('w1', { intervalMs: 60 * MINUTE }));
    h.engine.start();
    await h.clock.advance(0);
    let online = true;
    const changes: boolean[] = [];
    watchPowerAndNetwork({
      powerMonitor: electron.powerMonitor,
      engine: () => h.engine,
      isOnline: () => online,
      clock: h.clock,
      resumeGraceMs: 15_000,
      pollMs: 10_000,
      onOnlineChange: (now) => changes.push(now),
    });
    online = false;
    electron.powerMonitor.emit('suspend');
    electron.powerMonitor.emit('resume');
    await h.clock.advance(60_000);
    expect(h.provider.calls).toHaveLength(1);
    online = true;
    await h.clock.advance(10_000); // the next poll sees the network
    await h.clock.advance(15_000);
    expect(h.provider.calls).toHaveLength(2);
    expect(changes).toEqual([true]);
  });
});
