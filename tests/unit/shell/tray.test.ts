// The tray menu, state and tooltip in each state, built from snapshots; the adapter turns clicks into actions.
import { describe, expect, it } from 'vitest';
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { AppSnapshot, WatchState } from '../../../shared/model';
import { createAppTray } from '../../../src-main/tray/app-tray';
import { trayIconPath } from '../../../src-main/tray/tray-icons';
import { buildTrayMenu } from '../../../src-main/tray/tray-menu';
import type { TrayAction, TrayMenuItem } from '../../../src-main/tray/tray-menu';
import { trayState, trayTooltip } from '../../../src-main/tray/tray-state';
import { openWindowAtStart, trayLikelyVisible } from '../../../src-main/tray/tray-availability';
import { asElectron, fakeElectron } from '../../fakes/electron';

const LONDON = 'https://consulat.gouv.fr/ambassade-de-france-a-londres/rendez-vous?name=Visas';
const DUBLIN = 'https://consulat.gouv.fr/ambassade-de-france-en-irlande/rendez-vous?name=Passeport';
const SLOT = { date: '2026-07-10', time: '09:00', timeZone: 'Europe/London', capacity: 1 };

function snapshot(states: WatchState[], options: { paused?: boolean; slotsOn?: number[] } = {}): AppSnapshot {
  return {
    at: '2026-07-03T08:00:00.000Z',
    paused: options.paused ?? false,
    globalIntervalMs: 180_000,
    watches: states.map((state, i) => ({
      watch: {
        id: `w${i}`,
        bookingUrl: i === 0 ? LONDON : DUBLIN,
        filter: {},
        enabled: true,
        ...(i === 1 ? { label: 'Passeport Dublin' } : {}),
      },
      status: {
        watchId: `w${i}`,
        state,
        slots: options.slotsOn?.includes(i) ? [SLOT, SLOT] : [],
        consecutiveFailures: 0,
        lastCheckAt: '2026-07-03T07:58:00.000Z',
        nextCheckAt: `2026-07-03T08:0${i + 1}:00.000Z`,
        ...(i === 0
          ? {
              target: {
                consulate: 'Ambassade de France à Londres',
                service: 'Visas',
                timeZone: 'Europe/London',
                bookingUrl: LONDON,
              },
            }
          : {}),
      },
    })),
  };
}

const labels = (menu: TrayMenuItem[]) =>
  menu.map((item) => (item.type === 'separator' ? '---' : item.enabled ? item.label : `(${item.label})`));

describe('tray', () => {
  it.each([
    ['idle', snapshot(['ok', 'idle']), 'idle'],
    ['checking', snapshot(['checking', 'ok']), 'checking'],
    ['slots found', snapshot(['ok', 'ok'], { slotsOn: [0] }), 'slots-found'],
    ['needs attention (captcha)', snapshot(['action-needed', 'ok'], { slotsOn: [1] }), 'needs-attention'],
    ['needs attention (degraded)', snapshot(['degraded']), 'needs-attention'],
    ['paused', snapshot(['paused', 'ok'], { paused: true, slotsOn: [1] }), 'paused'],
  ] as const)('state: %s', (_name, snap, expected) => {
    expect(trayState(snap)).toBe(expected);
  });

  it('state: no browser means the person must act', () => {
    expect(trayState(snapshot(['off']), { notMonitoring: true })).toBe('needs-attention');
  });

  it('menu when idle: Open, Check now, Pause, Quit', () => {
    expect(labels(buildTrayMenu(snapshot(['ok', 'idle']), 'en'))).toEqual([
      'Open AmbiSlot',
      '---',
      'Check now',
      'Pause checks',
      '---',
      'Quit AmbiSlot',
    ]);
  });

  it('menu with slots: one "Book" item per watch with slots, opening that watch\'s booking page', () => {
    const menu = buildTrayMenu(snapshot(['ok', 'ok'], { slotsOn: [0, 1] }), 'en');
    expect(labels(menu)).toEqual([
      'Open AmbiSlot',
      '---',
      'Check now',
      'Pause checks',
      '---',
      'Book: Ambassade de France à Londres — Visas (2 slots)',
      'Book: Passeport Dublin (2 slots)',
      '---',
      'Quit AmbiSlot',
    ]);
    const actions = menu.flatMap((i) => (i.type === 'item' ? [i.action] : []));
    expect(actions.filter((a) => a.kind === 'open-booking')).toEqual([
      { kind: 'open-booking', watchId: 'w0', url: LONDON },
      { kind: 'open-booking', watchId: 'w1', url: DUBLIN },
    ]);
  });

  it('menu when paused offers Resume, in French', () => {
    expect(labels(buildTrayMenu(snapshot(['paused'], { paused: true }), 'fr'))).toEqual([
      'Ouvrir AmbiSlot',
      '---',
      'Vérifier maintenant',
      'Reprendre les vérifications',
      '---',
      'Quitter AmbiSlot',
    ]);
  });

  it('menu without watches: nothing to check or pause', () => {
    expect(labels(buildTrayMenu(snapshot([]), 'en'))).toEqual([
      'Open AmbiSlot',
      '---',
      '(Check now)',
      '(Pause checks)',
      '---',
      'Quit AmbiSlot',
    ]);
  });

  it('menu when a watch needs attention still lists its slots (unknown is not empty)', () => {
    const menu = labels(buildTrayMenu(snapshot(['action-needed'], { slotsOn: [0] }), 'en'));
    expect(menu).toContain('Book: Ambassade de France à Londres — Visas (2 slots)');
  });

  it("tooltip: state, last and next check on the user's clock, in both languages", () => {
    const snap = snapshot(['ok', 'ok']);
    expect(trayTooltip(snap, 'en', 'Europe/Paris')).toBe(
      'AmbiSlot — Watching\nLast check 09:58 · Next check 10:01',
    );
    expect(trayTooltip(snap, 'fr', 'America/Montreal')).toBe(
      'AmbiSlot — Surveillance active\nDernière vérification 03:58 · Prochaine vérification 04:01',
    );
    expect(trayTooltip(snapshot(['paused'], { paused: true }), 'en', 'UTC')).toBe(
      'AmbiSlot — Paused\nLast check 07:58 · Next check none planned',
    );
  });

  it('icons: macOS template images, 16 px on Windows, 32 px on Linux', () => {
    expect(trayIconPath('/r/tray', 'slots-found', 'darwin')).toBe('/r/tray/tray-slots-foundTemplate.png');
    expect(trayIconPath('/r/tray', 'paused', 'win32')).toBe('/r/tray/tray-paused-16.png');
    expect(trayIconPath('/r/tray', 'idle', 'linux')).toBe('/r/tray/tray-idle-32.png');
  });

  it('the adapter sets icon, tooltip and menu; a menu click becomes an action', () => {
    const electron = fakeElectron();
    const actions: TrayAction[] = [];
    const tray = createAppTray({
      Tray: asElectron<new (image: NativeImage) => Tray>(electron.Tray),
      Menu: asElectron<{ buildFromTemplate(t: MenuItemConstructorOptions[]): Menu }>(electron.Menu),
      nativeImage: asElectron<{ createFromPath(p: string): NativeImage }>(electron.nativeImage),
      iconDir: '/r/tray',
      platform: 'linux',
      userTimeZone: 'UTC',
      onAction: (a) => actions.push(a),
    });
    tray.update(snapshot(['ok'], { slotsOn: [0] }), 'en');
    const fake = electron.Tray.instances[0]!;
    expect(fake.image).toEqual({ path: '/r/tray/tray-slots-found-32.png' });
    expect(fake.tooltip).toContain('Slots found');
    fake.clickMenuItem('Book: Ambassade de France à Londres — Visas (2 slots)');
    fake.clickMenuItem('Quit AmbiSlot');
    fake.emit('click');
    expect(actions).toEqual([
      { kind: 'open-booking', watchId: 'w0', url: LONDON },
      { kind: 'quit' },
      { kind: 'open-window' },
    ]);
  });

  it('where no tray is shown (GNOME without extension), the window opens at start', () => {
    expect(trayLikelyVisible('linux', { XDG_CURRENT_DESKTOP: 'GNOME' })).toBe(false);
    expect(trayLikelyVisible('linux', { XDG_CURRENT_DESKTOP: 'KDE' })).toBe(true);
    expect(trayLikelyVisible('win32', {})).toBe(true);
    expect(openWindowAtStart({ trayVisible: false, startedHidden: true })).toBe(true);
    expect(openWindowAtStart({ trayVisible: true, startedHidden: true })).toBe(false);
  });
});
