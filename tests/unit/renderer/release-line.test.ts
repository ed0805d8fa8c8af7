// The window says when new days open at the consulate and whether a check is planned for it (issue 9).
import { describe, expect, it } from 'vitest';
import { releaseLine } from '../../../src-renderer/lib/format/release-line';
import { translate } from '../../../src-renderer/lib/i18n/translate';
import type { WatchStatus } from '../../../shared/model';

const now = new Date('2026-10-31T20:00:00Z');
const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);
const fr = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('fr', key, params);

function status(nextRelease: WatchStatus['nextRelease']): WatchStatus {
  return {
    watchId: 'mtl',
    state: 'ok',
    slots: [],
    consecutiveFailures: 0,
    target: {
      consulate: 'Consulat général de France à Montréal',
      service: 'Demande de passeport/CNI',
      timeZone: 'America/Montreal',
      bookingUrl: 'https://consulat.gouv.fr/consulat-general-de-france-a-montreal/rendez-vous',
    },
    ...(nextRelease ? { nextRelease } : {}),
  };
}

describe('releaseLine', () => {
  // 18:00 in Montreal on 1 November 2026 (after the clocks went back) is 23:00Z, midnight in Paris.
  const opening = '2026-11-01T23:00:00.000Z';

  it('gives the opening in consulate time and on the user clock, with the planned check', () => {
    const line = releaseLine(status({ at: opening, checkPlanned: true }), {
      now,
      userTimeZone: 'Europe/Paris',
      t: en,
    });
    expect(line).toContain('18:00 Montreal');
    expect(line).toContain('Mon 00:00');
    expect(line).toContain('a check is planned just after');
  });

  it('says so in French when no check is planned for it', () => {
    const line = releaseLine(status({ at: opening, checkPlanned: false }), {
      now,
      userTimeZone: 'Europe/Paris',
      t: fr,
    });
    expect(line).toContain('18:00 Montreal');
    expect(line).toContain('aucune vérification n’est prévue');
  });

  it('says nothing for a service without a release schedule', () => {
    expect(releaseLine(status(undefined), { now, userTimeZone: 'Europe/Paris', t: en })).toBeUndefined();
  });
});
