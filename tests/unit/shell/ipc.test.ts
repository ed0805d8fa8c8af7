// IPC through the fake ipcMain into the real handlers, real engine and real settings file: senders checked, payloads validated.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcMain } from 'electron';
import { REDACTED } from '../../../shared/alert-settings';
import { INVOKE_CHANNELS, invokeWireName } from '../../../shared/ipc-contract';
import type { IpcResult } from '../../../shared/ipc-contract';
import { ActivityFeed } from '../../../src-main/ipc/activity-feed';
import { createIpcRouter } from '../../../src-main/ipc/ipc-router';
import { registerIpc } from '../../../src-main/ipc/register-ipc';
import { createShellHandlers } from '../../../src-main/ipc/shell-handlers';
import { openSettingsFile } from '../../../src-main/settings/settings-file';
import { createSettingsService } from '../../../src-main/settings/settings-service';
import { createExternalDoor } from '../../../src-main/windows/external-door';
import { harness } from '../core/engine-harness';
import { LONDON, seen, slot } from '../core/scripted-provider';
import { asElectron, fakeElectron } from '../../fakes/electron';

const APP_URL = 'file:///opt/AmbiSlot/resources/app.asar/out/renderer/index.html';
const WINDOW_ID = 7;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ambislot-ipc-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function setup() {
  const electron = fakeElectron();
  const h = harness([seen([slot('2026-07-10', '09:00')])]);
  const repo = openSettingsFile(join(dir, 'settings.json'));
  const loaded = await repo.load();
  const settings = createSettingsService(repo, loaded.settings);
  const door = createExternalDoor({
    openExternal: (url) => electron.shell.openExternal(url),
    watchUrls: () => settings.get().watches.map((w) => w.bookingUrl),
  });
  let ids = 0;
  const handlers = createShellHandlers({
    engine: () => h.engine,
    notMonitoringReason: () => 'no browser',
    settings,
    feed: new ActivityFeed(),
    openExternal: door,
    detectBrowser: (path) => ({ found: false, message: `nothing at ${path}` }),
    sendTestAlert: async (channel) => ({ ok: true, channel, durationMs: 1 }),
    newWatchId: () => `w${(ids += 1)}`,
  });
  const router = createIpcRouter(handlers, {
    mainWebContentsId: () => WINDOW_ID,
    location: { indexFileUrl: APP_URL },
  });
  registerIpc(asElectron<IpcMain>(electron.ipcMain), router);
  const fromWindow = (channel: Parameters<typeof invokeWireName>[0], payload?: unknown) =>
    electron.ipcMain.invoke(invokeWireName(channel), { id: WINDOW_ID, url: APP_URL }, payload) as Promise<
      IpcResult<unknown>
    >;
  return { electron, h, settings, fromWindow };
}

describe('IPC', () => {
  it('registers one handler per contract channel', async () => {
    const { electron } = await setup();
    // Exactly the contract's channels: none missing, none the contract does not name.
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(INVOKE_CHANNELS.map(invokeWireName).sort());
  });

  it('adds a watch: saved to the settings file and running in the engine', async () => {
    const { h, fromWindow } = await setup();
    const result = await fromWindow('addWatch', {
      bookingUrl: LONDON.bookingUrl,
      filter: { weekdays: [1, 5] },
    });
    expect(result).toEqual({
      ok: true,
      value: { id: 'w1', bookingUrl: LONDON.bookingUrl, filter: { weekdays: [1, 5] }, enabled: true },
    });
    expect(h.engine.snapshot().watches.map((w) => w.watch.id)).toEqual(['w1']);
    const onDisk = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'));
    expect(onDisk.watches[0].id).toBe('w1');
    h.engine.start();
    const outcome = await fromWindow('checkNow', { id: 'w1' });
    expect(outcome).toMatchObject({ ok: true, value: { status: 'slots' } });
  });

  it.each([
    ['a payload of the wrong shape', 'addWatch', { bookingUrl: 42, filter: {} }],
    ['a javascript: booking URL', 'addWatch', { bookingUrl: 'javascript:alert(1)', filter: {} }],
    ['an unknown field', 'addWatch', { bookingUrl: LONDON.bookingUrl, filter: {}, nodeIntegration: true }],
    [
      'an interval below the floor',
      'addWatch',
      { bookingUrl: LONDON.bookingUrl, filter: {}, intervalMs: 1000 },
    ],
    ['an impossible filter', 'addWatch', { bookingUrl: LONDON.bookingUrl, filter: { from: '2026-02-30' } }],
    ['no payload where one is needed', 'checkNow', undefined],
    ['a payload where none is expected', 'getSnapshot', { sneaky: true }],
  ] as const)('refuses %s', async (_name, channel, payload) => {
    const { h, fromWindow } = await setup();
    const result = await fromWindow(channel, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(h.engine.snapshot().watches).toEqual([]);
  });

  it.each([
    ['another webContents', { id: 99, url: APP_URL }],
    ['the window showing a foreign page', { id: WINDOW_ID, url: 'https://evil.example.com/' }],
    ['another file page', { id: WINDOW_ID, url: 'file:///tmp/evil.html' }],
    ['a sub-frame of the window', { id: WINDOW_ID, url: APP_URL, isMainFrame: false }],
  ])('refuses a call from %s', async (_name, sender) => {
    const { electron, h } = await setup();
    const result = await electron.ipcMain.invoke(invokeWireName('addWatch'), sender, {
      bookingUrl: LONDON.bookingUrl,
      filter: {},
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(h.engine.snapshot().watches).toEqual([]);
  });

  it('openBookingPage goes through the door: a watch host opens, file: and unknown hosts do not', async () => {
    const { electron, fromWindow } = await setup();
    expect(await fromWindow('openBookingPage', { url: LONDON.bookingUrl })).toEqual({
      ok: true,
      value: { opened: true },
    });
    expect(await fromWindow('openBookingPage', { url: 'file:///etc/passwd' })).toMatchObject({
      value: { opened: false },
    });
    expect(await fromWindow('openBookingPage', { url: 'https://evil.example.com' })).toMatchObject({
      value: { opened: false },
    });
    expect(electron.shell.opened).toEqual([LONDON.bookingUrl]);
  });

  it('settings reach the window without secrets, and a redacted secret sent back keeps the stored one', async () => {
    const { settings, fromWindow } = await setup();
    await settings.update((draft) => {
      draft.alerts.email.password = 'hunter2';
    });
    const view = (await fromWindow('getSettings')) as IpcResult<{ alerts: { email: { password: string } } }>;
    expect(view.ok && view.value.alerts.email.password).toBe(REDACTED);
    const alerts = view.ok ? view.value.alerts : undefined;
    const saved = await fromWindow('updateSettings', { language: 'en', alerts });
    expect(saved.ok).toBe(true);
    expect(settings.get().alerts.email.password).toBe('hunter2');
    expect(settings.get().language).toBe('en');
  });

  it('Pause all is saved: a restart (a new settings service on the same file) starts paused, Resume clears it', async () => {
    const { h, fromWindow } = await setup();
    expect(await fromWindow('pause')).toEqual({ ok: true, value: null });
    expect(h.engine.snapshot().paused).toBe(true);
    const reopened = await openSettingsFile(join(dir, 'settings.json')).load();
    expect(reopened.settings.paused).toBe(true);
    // Pausing one watch is not the global pause: nothing more is saved for it.
    await fromWindow('addWatch', { bookingUrl: LONDON.bookingUrl, filter: {} });
    await fromWindow('resume');
    await fromWindow('pause', { id: 'w1' });
    expect(h.engine.snapshot().paused).toBe(false);
    expect((await openSettingsFile(join(dir, 'settings.json')).load()).settings.paused).toBe(false);
  });

  it('without an engine (no browser), Pause all is still saved and the idle snapshot shows it', async () => {
    const repo = openSettingsFile(join(dir, 'settings.json'));
    const settings = createSettingsService(repo, (await repo.load()).settings);
    const handlers = createShellHandlers({
      engine: () => undefined,
      notMonitoringReason: () => 'no browser',
      settings,
      feed: new ActivityFeed(),
      openExternal: async () => ({ allowed: false, reason: 'test' }),
      detectBrowser: () => ({ found: false, message: 'none' }),
      sendTestAlert: async (channel) => ({ ok: true, channel, durationMs: 1 }),
    });
    await handlers.pause(undefined);
    expect((await handlers.getSnapshot(undefined)).paused).toBe(true);
    expect((await repo.load()).settings.paused).toBe(true);
  });

  it('a handler failure comes back as a clean message', async () => {
    const { fromWindow } = await setup();
    expect(await fromWindow('checkNow', { id: 'nope' })).toEqual({
      ok: false,
      error: { code: 'failed', message: 'No watch with id nope.' },
    });
  });
});
