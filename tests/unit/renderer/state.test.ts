// The window's rune state against a fake window.ambislot: new-slot marks, check progress, the Book door, forms.
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { AppState } from '../../../src-renderer/lib/state/app-state.svelte';
import { SettingsForm } from '../../../src-renderer/lib/state/settings-form.svelte';
import { WatchForm, withServiceName } from '../../../src-renderer/lib/state/watch-form.svelte';
import { ActivityState } from '../../../src-renderer/lib/state/activity.svelte';
import { createFakeApi, emptySnapshot } from '../../support/fake-ambislot-api';
import { LONDON_URL, londonEntry, londonSlot } from './fixtures';

const A = londonSlot('2026-07-06', '09:30');
const B = londonSlot('2026-07-07', '10:00');

describe('AppState', () => {
  it('marks as new only slots that appear after the first calendar it saw, until marked seen', async () => {
    const api = createFakeApi({ snapshotValue: emptySnapshot([londonEntry([A])]) });
    const app = new AppState(api);
    await app.start();
    expect(app.newKeysOf('w1').size).toBe(0);
    api.pushSnapshot(emptySnapshot([londonEntry([A, B])]));
    expect([...app.newKeysOf('w1')]).toEqual(['2026-07-07|10:00|Europe/London']);
    // An unknown outcome says nothing about what is there: no new mark, none removed.
    const failed = londonEntry([A, B]);
    failed.status.outcome = { ...failed.status.outcome!, status: 'unreachable', slots: [] };
    api.pushSnapshot(emptySnapshot([failed]));
    expect(app.newKeysOf('w1').size).toBe(1);
    app.markSeen('w1');
    expect(app.newKeysOf('w1').size).toBe(0);
    app.stop();
  });

  it('shows a check as running from the click until main answers', async () => {
    const api = createFakeApi({ snapshotValue: emptySnapshot([londonEntry([A])]) });
    let finish!: () => void;
    api.checkNow = async () => {
      await new Promise<void>((resolve) => (finish = resolve));
      return londonEntry([A]).status.outcome!;
    };
    const app = new AppState(api);
    await app.start();
    const running = app.checkNow('w1');
    expect(app.isChecking('w1')).toBe(true);
    finish();
    await running;
    expect(app.isChecking('w1')).toBe(false);
  });

  it('says why the booking page was not opened', async () => {
    const api = createFakeApi();
    api.bookVerdict = { opened: false, reason: 'the http: scheme is not allowed' };
    const app = new AppState(api);
    expect(await app.book(LONDON_URL)).toEqual({ opened: false, reason: 'the http: scheme is not allowed' });
    expect(api.callsOf('openBookingPage')).toEqual([{ url: LONDON_URL }]);
    expect(app.notice).toEqual({ tone: 'error', text: 'the http: scheme is not allowed' });
  });
});

describe('WatchForm', () => {
  it('lists the services of a pasted URL, keeps the one it names and saves a watch with the filter', async () => {
    const api = createFakeApi();
    api.services = {
      consulate: 'Londres',
      services: [{ name: 'Passeports et CNIE' }, { name: 'Etat civil' }],
    };
    const form = new WatchForm(api);
    form.setUrl(
      'https://consulat.gouv.fr/en/consulat-general-de-france-a-londres/appointment?name=Etat+civil',
    );
    await form.lookUpServices();
    expect(form.serviceName).toBe('Etat civil');
    form.serviceName = 'Passeports et CNIE';
    form.from = '2026-07-04';
    form.to = '2026-07-03';
    flushSync();
    expect(form.filterProblems).toEqual(['editor.errorRange']);
    expect(form.canSave).toBe(false);
    form.to = '2026-08-31';
    form.toggleWeekday(5);
    form.addHours();
    form.intervalMinutes = 5;
    flushSync();
    expect(
      form.preview([londonSlot('2026-07-10', '09:30'), londonSlot('2026-07-10', '14:00')], new Date()),
    ).toEqual([londonSlot('2026-07-10', '09:30')]);
    await form.save();
    expect(api.callsOf('addWatch')).toEqual([
      {
        bookingUrl:
          'https://consulat.gouv.fr/en/consulat-general-de-france-a-londres/appointment?name=Passeports%20et%20CNIE',
        filter: {
          from: '2026-07-04',
          to: '2026-08-31',
          weekdays: [5],
          hours: [{ from: '09:00', to: '12:00' }],
        },
        intervalMs: 300_000,
      },
    ]);
  });

  it('sends only what changed when editing', async () => {
    const entry = londonEntry([A], { watch: { filter: { weekdays: [1, 2] }, label: 'Léa' } });
    const api = createFakeApi({ snapshotValue: emptySnapshot([entry]) });
    const form = new WatchForm(api, entry.watch);
    form.label = 'Passeport de Léa';
    await form.save();
    expect(api.callsOf('updateWatch')).toEqual([{ id: 'w1', patch: { label: 'Passeport de Léa' } }]);
  });

  it('writes the service into the URL as the site does', () => {
    expect(withServiceName('https://consulat.gouv.fr/x/rendez-vous', 'Légalisations / copies')).toBe(
      'https://consulat.gouv.fr/x/rendez-vous?name=L%C3%A9galisations%20%2F%20copies',
    );
  });
});

describe('SettingsForm', () => {
  it('refuses an interval below the floor and saves unsaved edits before a test alert', async () => {
    const api = createFakeApi();
    const form = new SettingsForm(api, await api.getSettings());
    form.intervalMinutes = 0.5;
    flushSync();
    expect(form.intervalError).toBe(true);
    expect(await form.save()).toBe(false);
    form.intervalMinutes = 2;
    form.draft.alerts.desktop.quietHours = { from: '22:00', to: '07:00' };
    flushSync();
    expect(form.dirty).toBe(true);
    await form.sendTest('desktop');
    expect(api.calls.map((call) => call.channel)).toEqual(['getSettings', 'updateSettings', 'sendTestAlert']);
    expect((api.callsOf('updateSettings')[0] as { globalIntervalMs: number }).globalIntervalMs).toBe(120_000);
    expect(form.tests.desktop).toEqual({
      kind: 'done',
      result: { ok: true, channel: 'desktop', durationMs: 12 },
    });
  });
});

describe('ActivityState', () => {
  it('merges listed and pushed entries without duplicates, newest first', async () => {
    const api = createFakeApi();
    const entry = (id: number) => ({
      id,
      at: '2026-07-03T08:00:00Z',
      kind: 'check' as const,
      text: `#${id}`,
    });
    api.activityValue = [entry(1), entry(2)];
    const activity = new ActivityState(api);
    await activity.start();
    api.pushActivity(entry(2));
    api.pushActivity(entry(3));
    expect(activity.entries.map((e) => e.id)).toEqual([3, 2, 1]);
  });
});
