// The Settings view in jsdom over a fake window.ambislot: the interval floor, a test alert's real answer, saving.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import MainWindow from '../../../src-renderer/components/MainWindow.svelte';
import { createFakeApi, emptySnapshot } from '../../support/fake-ambislot-api';

afterEach(() => cleanup());

async function openSettings() {
  const api = createFakeApi({ snapshotValue: emptySnapshot([]) });
  render(MainWindow, { props: { api, userTimeZone: 'Europe/Paris', systemLocale: 'en-GB' } });
  await fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Settings' });
  return api;
}

describe('SettingsView', () => {
  it('refuses an interval under the floor, says why, and saves a valid one', async () => {
    const api = await openSettings();
    const interval = screen.getByLabelText('Check every (minutes)');
    const save = screen.getByRole('button', { name: 'Save settings' }) as HTMLButtonElement;
    await fireEvent.input(interval, { target: { value: '0' } });
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be shorter than 1 min');
    expect(save.disabled).toBe(true);
    await fireEvent.input(interval, { target: { value: '7' } });
    await waitFor(() => expect(save.disabled).toBe(false));
    await fireEvent.click(save);
    await waitFor(() => expect(api.callsOf('updateSettings')).toHaveLength(1));
    expect(api.callsOf('updateSettings')[0]).toMatchObject({ globalIntervalMs: 7 * 60_000 });
  });

  it("shows a test alert's refusal with the server's reply and its hint", async () => {
    const api = await openSettings();
    api.testResult = {
      ok: false,
      channel: 'desktop',
      kind: 'delivery',
      serverReply: 'Notification service unavailable',
      hint: 'Allow notifications for AmbiSlot in the system settings.',
    };
    const desktop = screen.getAllByRole('group').find((g) => /desktop/i.test(g.textContent ?? ''))!;
    await fireEvent.click(within(desktop).getByRole('button', { name: 'Send a test alert' }));
    const status = within(desktop).getByRole('status');
    await waitFor(() =>
      expect(status.textContent).toContain('The server refused: Notification service unavailable'),
    );
    expect(status.textContent).toContain('Hint: Allow notifications');
    expect(api.callsOf('sendTestAlert')).toHaveLength(1);
  });
});
