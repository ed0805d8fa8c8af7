// The Activity view in jsdom over a fake window.ambislot: lines in the window's language, newest first.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import MainWindow from '../../../src-renderer/components/MainWindow.svelte';
import type { ActivityEntry } from '../../../shared/ipc-contract';
import { createFakeApi, emptySnapshot } from '../../support/fake-ambislot-api';
import { londonEntry } from './fixtures';

afterEach(() => cleanup());

const entries: ActivityEntry[] = [
  {
    id: 1,
    at: '2026-07-02T08:00:00.000Z',
    kind: 'check',
    status: 'slots',
    text: '7 free slots on 5 days.',
    detail: { code: 'outcome', explanation: { code: 'slots-found', slots: 7, days: 5, unreadDays: 0 } },
  },
  {
    id: 2,
    at: '2026-07-02T08:00:01.000Z',
    kind: 'alert',
    status: 'slots',
    text: '6 new slots at Londres (Passeports).',
    detail: { code: 'new-slots', count: 6, consulate: 'Londres', service: 'Passeports' },
  },
];

describe('ActivityView', () => {
  it('shows the lines in French when the window is French, newest first, a pushed line too', async () => {
    const api = createFakeApi({ snapshotValue: emptySnapshot([londonEntry([])]) });
    api.settingsValue = { ...api.settingsValue, language: 'fr' };
    api.activityValue = entries;
    render(MainWindow, { props: { api, userTimeZone: 'Europe/Paris', systemLocale: 'en-GB' } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Activité' }));
    const list = await screen.findByRole('list');
    const lines = within(list)
      .getAllByRole('listitem')
      .map((item) => item.querySelector('.text')?.textContent);
    expect(lines).toEqual(['6 nouveaux créneaux : Londres (Passeports).', '7 créneaux libres sur 5 jours.']);
    api.pushActivity({
      id: 3,
      at: '2026-07-02T08:03:00.000Z',
      kind: 'notice',
      text: 'Back to normal after 3 failed checks.',
      detail: { code: 'recovered', failedChecks: 3 },
    });
    await screen.findByText('Retour à la normale après 3 vérifications en échec.');
  });
});
