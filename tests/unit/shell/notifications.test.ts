// Native alerts: a click opens exactly that alert's booking page through the door; ambislot:// activations are validated.
import { describe, expect, it } from 'vitest';
import type { AppSnapshot } from '../../../shared/model';
import { createAlertOpener } from '../../../src-main/notifications/alert-opener';
import type { ChallengeWindow } from '../../../src-main/notifications/alert-opener';
import { createElectronNotifier } from '../../../src-main/notifications/electron-notifier';
import type { NotificationClass } from '../../../src-main/notifications/electron-notifier';
import { windowsToastXml } from '../../../src-main/notifications/windows-toast';
import {
  openPageProtocolUrl,
  parseProtocolUrl,
  protocolUrlInArgv,
} from '../../../src-main/protocol/protocol-url';
import { createExternalDoor } from '../../../src-main/windows/external-door';
import { asElectron, fakeElectron } from '../../fakes/electron';

const LONDON = 'https://consulat.gouv.fr/ambassade-de-france-a-londres/rendez-vous?name=Visas';
const DUBLIN = 'https://consulat.gouv.fr/ambassade-de-france-en-irlande/rendez-vous?name=Passeport';

function snapshotWith(state: 'ok' | 'action-needed'): AppSnapshot {
  return {
    at: '2026-07-03T08:00:00Z',
    paused: false,
    globalIntervalMs: 180_000,
    watches: [
      {
        watch: { id: 'london', bookingUrl: LONDON, filter: {}, enabled: true },
        status: { watchId: 'london', state, slots: [], consecutiveFailures: 0 },
      },
    ],
  };
}

function setup(
  platform: NodeJS.Platform = 'linux',
  state: 'ok' | 'action-needed' = 'ok',
  challengeShown = false,
) {
  const electron = fakeElectron();
  const shownWindow: number[] = [];
  const challenges: string[] = [];
  const challenge: ChallengeWindow = {
    showChallenge: async (watchId, url) => {
      challenges.push(`${watchId} ${url}`);
      return challengeShown;
    },
  };
  const opener = createAlertOpener({
    door: createExternalDoor({
      openExternal: (u) => electron.shell.openExternal(u),
      watchUrls: () => [LONDON],
    }),
    snapshot: () => snapshotWith(state),
    showWindow: () => shownWindow.push(1),
    challenge,
  });
  const notifier = createElectronNotifier({
    Notification: asElectron<NotificationClass>(electron.Notification),
    platform,
    onClick: (url) => void opener.openAlert(url),
  });
  return { electron, opener, notifier, shownWindow, challenges };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('desktop notifications', () => {
  it("shows title and body as the alert wrote them, and a click opens exactly that alert's booking URL", async () => {
    const { electron, notifier } = setup();
    await notifier.show({
      title: '3 créneaux — Londres',
      body: 'ven. 10 juil. 09:00 (London)',
      bookingUrl: LONDON,
      alertId: 'a1',
    });
    await notifier.show({
      title: '1 slot — Dublin',
      body: 'Fri 10 Jul 10:00 (Dublin)',
      bookingUrl: DUBLIN,
      alertId: 'a2',
    });
    expect(electron.Notification.shown.map((n) => n.options.title)).toEqual([
      '3 créneaux — Londres',
      '1 slot — Dublin',
    ]);
    electron.Notification.shown[1]!.click();
    await settle();
    expect(electron.shell.opened).toEqual([DUBLIN]);
    electron.Notification.shown[0]!.click();
    await settle();
    expect(electron.shell.opened).toEqual([DUBLIN, LONDON]);
  });

  it('a notification without a page brings AmbiSlot forward', async () => {
    const { electron, notifier, shownWindow } = setup();
    await notifier.show({ title: 'Back to normal', body: '…', alertId: 'a3' });
    electron.Notification.shown[0]!.click();
    await settle();
    expect(shownWindow).toHaveLength(1);
    expect(electron.shell.opened).toEqual([]);
  });

  it('a system without notifications is a refused delivery (the alerts room retries and reports it)', async () => {
    const { electron, notifier } = setup();
    electron.Notification.supported = false;
    await expect(notifier.show({ title: 't', body: 'b', alertId: 'a' })).rejects.toThrow(
      /no desktop notifications/,
    );
  });

  it('the captcha "action needed" alert opens the challenge window for that watch', async () => {
    const { electron, notifier, challenges } = setup('linux', 'action-needed', true);
    await notifier.show({
      title: 'Action needed',
      body: 'Solve the check',
      bookingUrl: LONDON,
      alertId: 'c1',
    });
    electron.Notification.shown[0]!.click();
    await settle();
    expect(challenges).toEqual([`london ${LONDON}`]);
    expect(electron.shell.opened).toEqual([]);
  });

  it('without a challenge window (provider API missing), the captcha page opens in the browser instead', async () => {
    const { electron, opener } = setup('linux', 'action-needed', false);
    await opener.openAlert(LONDON);
    expect(electron.shell.opened).toEqual([LONDON]);
  });

  it('on Windows the toast activates ambislot://open?url=… so the Action Center still opens the right page', async () => {
    const { electron, notifier } = setup('win32');
    await notifier.show({ title: 'A & B', body: 'line <1>', bookingUrl: LONDON, alertId: 'w1' });
    const xml = electron.Notification.shown[0]!.options.toastXml!;
    expect(xml).toContain(`launch="${openPageProtocolUrl(LONDON).replace(/&/g, '&amp;')}"`);
    expect(xml).toContain('activationType="protocol"');
    expect(xml).toContain('<text>A &amp; B</text><text>line &lt;1&gt;</text>');
    expect(windowsToastXml({ title: 't', body: 'b' })).toContain('launch="ambislot://show"');
  });
});

describe('ambislot:// protocol', () => {
  it("round-trips a booking URL and finds it in a launch's argv", () => {
    const url = openPageProtocolUrl(LONDON);
    expect(parseProtocolUrl(url)).toEqual({ action: 'open-page', url: LONDON });
    expect(protocolUrlInArgv(['C:\\AmbiSlot\\AmbiSlot.exe', '--flag', url])).toBe(url);
    expect(protocolUrlInArgv(['/usr/bin/ambislot'])).toBeUndefined();
    expect(parseProtocolUrl('https://consulat.gouv.fr')).toBeUndefined();
    expect(parseProtocolUrl('ambislot://delete-everything')).toBeUndefined();
  });

  it('the page a protocol URL names is validated by the door: file:, javascript:, http: and unknown hosts never open', async () => {
    const { electron, opener, shownWindow } = setup();
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://consulat.gouv.fr/x',
      'https://evil.example.com/',
    ]) {
      await opener.openProtocolUrl(openPageProtocolUrl(bad));
    }
    expect(electron.shell.opened).toEqual([]);
    expect(shownWindow).toHaveLength(4);
    await opener.openProtocolUrl(openPageProtocolUrl(LONDON));
    expect(electron.shell.opened).toEqual([LONDON]);
  });
});
