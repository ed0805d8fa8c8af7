// S2 in the shell: a click on an "action needed" notice shows the monitor's own page; without one, the booking page opens.
import { describe, expect, it } from 'vitest';
import type { AppSnapshot } from '../../../shared/model';
import { createAlertOpener } from '../../../src-main/notifications/alert-opener';
import { monitorChallengeWindow } from '../../../src-main/notifications/challenge-window';

const URL = 'https://consulat.gouv.fr/consulat-general-de-france-a-londres/rendez-vous?name=Passeports';

const snapshot: AppSnapshot = {
  at: '2026-07-03T10:00:00.000Z',
  paused: false,
  globalIntervalMs: 180_000,
  watches: [
    {
      watch: { id: 'w1', bookingUrl: URL, filter: {}, enabled: true },
      status: { watchId: 'w1', state: 'action-needed', slots: [], consecutiveFailures: 1 },
    },
  ],
};

function opener(shower: { showChallenge(id: string, url: string): Promise<boolean> } | undefined) {
  const opened: string[] = [];
  const shown: string[] = [];
  const o = createAlertOpener({
    door: async (url) => {
      opened.push(String(url));
      return { allowed: true } as never;
    },
    snapshot: () => snapshot,
    showWindow: () => shown.push('window'),
    challenge: monitorChallengeWindow(() => shower),
  });
  return { o, opened, shown };
}

describe('S2: the challenge window port', () => {
  it('S2: the click shows the checking browser page of that watch, and opens nothing else', async () => {
    const asked: [string, string][] = [];
    const { o, opened } = opener({
      showChallenge: async (id, url) => {
        asked.push([id, url]);
        return true;
      },
    });
    await o.openAlert(URL);
    expect(asked).toEqual([['w1', URL]]);
    expect(opened).toEqual([]);
  });

  it('S2: no monitor, or the page could not be shown: the booking page opens through the door instead', async () => {
    for (const shower of [
      undefined,
      { showChallenge: async () => false },
      { showChallenge: () => Promise.reject(new Error('gone')) },
    ]) {
      const { o, opened } = opener(shower);
      await o.openAlert(URL);
      expect(opened).toEqual([URL]);
    }
  });
});
