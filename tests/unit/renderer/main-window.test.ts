// The window's components in jsdom over a fake window.ambislot: the Slots view, Book, the editor, the language.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import MainWindow from '../../../src-renderer/components/MainWindow.svelte';
import type { Slot } from '../../../shared/model';
import { createFakeApi, emptySnapshot } from '../../support/fake-ambislot-api';
import { LONDON_URL, londonEntry } from './fixtures';

afterEach(() => cleanup());

// Case T3: a Montreal Friday 23:30 slot for a user in Paris.
const montreal: Slot = { date: '2026-07-03', time: '23:30', timeZone: 'America/Montreal', capacity: 2 };

describe('MainWindow', () => {
  it('T3: shows a Montreal slot on its Friday in consulate time, the Paris time beside, and books through main', async () => {
    const entry = londonEntry([montreal], {
      watch: { filter: { weekdays: [5], hours: [{ from: '18:00', to: '23:59' }] } },
    });
    const api = createFakeApi({ snapshotValue: emptySnapshot([entry]) });
    render(MainWindow, { props: { api, userTimeZone: 'Europe/Paris', systemLocale: 'en-GB' } });
    const day = await screen.findByRole('region', { name: 'Friday 3 July' });
    const row = within(day).getByText('23:30').closest('li')!;
    expect(row.textContent).toContain('Sat 05:30');
    expect(row.textContent).toContain('your time');
    expect(row.className).toContain('matching');
    await fireEvent.click(within(row).getByRole('button', { name: 'Book' }));
    expect(api.callsOf('openBookingPage')).toEqual([{ url: LONDON_URL }]);
  });

  it('follows the saved language and switches when main pushes a new snapshot', async () => {
    const api = createFakeApi({ snapshotValue: emptySnapshot([]) });
    api.settingsValue = { ...api.settingsValue, language: 'fr' };
    render(MainWindow, { props: { api, userTimeZone: 'Europe/Paris', systemLocale: 'en-GB' } });
    await screen.findByRole('heading', { name: 'Créneaux libres' });
    expect(document.documentElement.lang).toBe('fr');
    expect(screen.getByText(/Aucune veille pour l’instant/)).toBeTruthy();
    api.pushSnapshot(emptySnapshot([londonEntry([])]));
    await screen.findByText('Aucun créneau libre sur les jours surveillés.');
  });

  it('adds a watch: the URL is checked, services listed, the one chosen saved', async () => {
    const api = createFakeApi();
    api.services = {
      consulate: 'Londres',
      services: [{ name: 'Passeports et CNIE' }, { name: 'Etat civil' }],
    };
    render(MainWindow, { props: { api, userTimeZone: 'Europe/London', systemLocale: 'en' } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Add a watch' }));
    await fireEvent.input(screen.getByLabelText('Booking page address'), {
      target: { value: 'https://consulat.gouv.fr/consulat-general-de-france-a-londres/rendez-vous' },
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Check this address' }));
    const services = await screen.findByRole('group', { name: 'Services of Londres' });
    expect((screen.getByRole('button', { name: 'Start watching' }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(within(services).getByLabelText('Etat civil'));
    await fireEvent.click(screen.getByRole('button', { name: 'Start watching' }));
    await waitFor(() =>
      expect(api.callsOf('addWatch')).toEqual([
        {
          bookingUrl:
            'https://consulat.gouv.fr/consulat-general-de-france-a-londres/rendez-vous?name=Etat%20civil',
          filter: {},
        },
      ]),
    );
    await screen.findByRole('heading', { name: 'Free slots' });
  });
});
