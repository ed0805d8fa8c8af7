// Reasons travel as data and read naturally in both languages, singular and plural alike.
import { describe, expect, it } from 'vitest';
import { describeDuration, explainOutcome, type OutcomeExplanation } from '../../../shared/outcome-reasons';

describe('explainOutcome', () => {
  it('says slots found with singular and plural in English and French', () => {
    const one: OutcomeExplanation = { code: 'slots-found', slots: 1, days: 1, unreadDays: 0 };
    const many: OutcomeExplanation = { code: 'slots-found', slots: 7, days: 5, unreadDays: 2 };
    expect(explainOutcome(one, 'en')).toBe('1 free slot on 1 day.');
    expect(explainOutcome(many, 'en')).toBe('7 free slots on 5 days (2 other days could not be read).');
    expect(explainOutcome(one, 'fr')).toBe('1 créneau libre sur 1 jour.');
    expect(explainOutcome(many, 'fr')).toBe('7 créneaux libres sur 5 jours (2 autres jours illisibles).');
  });

  it('keeps the wait a site asked for, in words of each language', () => {
    const blocked: OutcomeExplanation = { code: 'rate-limited', retryAfterMs: 3_600_000 };
    expect(explainOutcome(blocked, 'en')).toContain('asked us to wait 1 hour');
    expect(explainOutcome(blocked, 'fr')).toContain('demande d’attendre 1 heure');
    expect(describeDuration(5_400_000, 'fr')).toBe('environ 1,5 heures');
    expect(describeDuration(30_000, 'en')).toBe('30 seconds');
  });

  it('does not double the full stop of a quoted page message', () => {
    const closed: OutcomeExplanation = { code: 'no-slots-all-closed', pageMessage: 'Revenez plus tard.' };
    expect(explainOutcome(closed, 'en')).toMatch(/"Revenez plus tard"\.$/);
  });

  it('names what was missing when the site changed, in both languages', () => {
    const changed: OutcomeExplanation = { code: 'site-changed', missing: 'div.d-slot-container' };
    expect(explainOutcome(changed, 'en')).toContain('div.d-slot-container was not found');
    expect(explainOutcome(changed, 'fr')).toContain('div.d-slot-container introuvable');
  });

  it('has a French sentence for every code, distinct from the English one', () => {
    const samples: OutcomeExplanation[] = [
      { code: 'no-slots-all-closed' },
      { code: 'no-slots-days-empty', days: 3 },
      { code: 'no-slots-outside-window', start: '2026-12-03', end: '2027-01-17' },
      { code: 'no-slots-outside-window', start: '2026-12-03', end: '2027-01-17', dates: 'past' },
      { code: 'no-slots-outside-window', start: '2026-12-03', end: '2027-01-17', dates: 'later' },
      { code: 'teapot-persists' },
      { code: 'captcha' },
      { code: 'captcha-failed' },
      { code: 'session-lost', detail: 'SESSION_ERROR' },
      { code: 'api-failed', what: 'availability', detail: 'HTTP 503' },
      { code: 'still-loading', step: 'calendar', waitedMs: 30_000 },
      { code: 'unknown-days', unknown: 2, candidates: 9 },
      { code: 'page-error', detail: 'HTTP 502' },
      { code: 'browser-closed' },
      { code: 'no-browser', detail: 'not found' },
      { code: 'cancelled' },
    ];
    for (const sample of samples) {
      const fr = explainOutcome(sample, 'fr');
      expect(fr.length).toBeGreaterThan(10);
      expect(fr).not.toBe(explainOutcome(sample, 'en'));
    }
  });
});
