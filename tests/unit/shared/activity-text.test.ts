// Activity lines travel as data and read in the window's language; an entry without data keeps its own text.
import { describe, expect, it } from 'vitest';
import { activityText } from '../../../shared/activity-text';
import type { ActivityDetail } from '../../../shared/activity-text';

const line = (detail: ActivityDetail) => ({ text: 'English fallback.', detail });

describe('activityText', () => {
  it('says a check outcome through the outcome reasons, in French and English', () => {
    const entry = line({
      code: 'outcome',
      explanation: { code: 'slots-found', slots: 7, days: 5, unreadDays: 0 },
    });
    expect(activityText(entry, 'en')).toBe('7 free slots on 5 days.');
    expect(activityText(entry, 'fr')).toBe('7 créneaux libres sur 5 jours.');
  });

  it('says new slots, singular and plural, with the consulate and service', () => {
    const one = line({ code: 'new-slots', count: 1, consulate: 'Londres', service: 'Passeports' });
    const six = line({ code: 'new-slots', count: 6, consulate: 'Londres', service: 'Passeports' });
    expect(activityText(one, 'en')).toBe('1 new slot at Londres (Passeports).');
    expect(activityText(six, 'en')).toBe('6 new slots at Londres (Passeports).');
    expect(activityText(one, 'fr')).toBe('1 nouveau créneau : Londres (Passeports).');
    expect(activityText(six, 'fr')).toBe('6 nouveaux créneaux : Londres (Passeports).');
  });

  it('says a delivery with the server reply untranslated and the retry time formatted by the window', () => {
    const failed = line({
      code: 'delivery',
      channel: 'email',
      title: '6 nouveaux créneaux',
      test: false,
      outcome: 'failed',
      serverReply: '535 5.7.8 Authentication failed',
      hint: 'check the user name or password',
    });
    expect(activityText(failed, 'fr')).toBe(
      '6 nouveaux créneaux (e-mail) : échec : 535 5.7.8 Authentication failed (check the user name or password).',
    );
    const held = line({
      code: 'delivery',
      channel: 'desktop',
      title: 'x',
      test: true,
      outcome: 'held',
      nextAttemptAt: '2026-07-02T06:00:00.000Z',
    });
    expect(activityText(held, 'en', () => '08:00')).toBe(
      'Test alert on desktop: held for quiet hours until 08:00.',
    );
    expect(activityText(held, 'fr', () => '08:00')).toBe(
      'Alerte de test (bureau) : retenue pendant les heures calmes, jusqu’à 08:00.',
    );
  });

  it('says recovery and a failing channel in both languages', () => {
    const back = line({ code: 'recovered', failedChecks: 3 });
    expect(activityText(back, 'fr')).toBe('Retour à la normale après 3 vérifications en échec.');
    const problem = line({ code: 'channel-problem', channel: 'email', serverReply: '535 Nope' });
    expect(activityText(problem, 'en')).toMatch(/^E-mail alerts are failing: 535 Nope\./);
    expect(activityText(problem, 'fr')).toMatch(/^Les alertes e-mail échouent : 535 Nope\./);
  });

  it('keeps the text of an entry that carries no data', () => {
    expect(activityText({ text: 'Settings restored from the last good copy.' }, 'fr')).toBe(
      'Settings restored from the last good copy.',
    );
  });
});
