// Alert texts in French and English: consulate time with the user's time beside it, counts, notices.
import { describe, expect, it } from 'vitest';
import {
  alertFromActionNeeded,
  alertFromBlocked,
  alertFromNewSlots,
  alertFromRecovered,
} from '../../../src-main/core/alerts/alert';
import { messageText, renderAlert } from '../../../src-main/core/alerts/alert-messages';
import { emailContent } from '../../../src-main/core/alerts/email-message';
import type { NewSlotsEvent } from '../../../src-main/core/engine-events';

const MONTREAL_URL = 'https://consulat.gouv.fr/consulat-general-de-france-a-montreal/rendez-vous';

function montrealEvent(count: number): NewSlotsEvent {
  // Friday 2026-07-03 23:30 in Montreal is Saturday 05:30 in Paris (case T3).
  const slots = Array.from({ length: count }, (_, i) => ({
    date: '2026-07-03',
    time: `${String(23 - Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '00' : '30'}`,
    timeZone: 'America/Montreal',
    capacity: 1,
  })).sort((a, b) => a.time.localeCompare(b.time));
  return {
    watchId: 'mtl',
    at: '2026-07-02T12:00:00.000Z',
    bookingUrl: MONTREAL_URL,
    consulate: 'Consulat général de France à Montréal',
    service: 'Cartes d’identité',
    count,
    earliest: slots[0]!,
    slots,
  };
}

describe('alert messages', () => {
  it('says the check reason in the alert language when it came as data', () => {
    const alert = alertFromActionNeeded({
      watchId: 'mtl',
      at: '2026-07-02T12:00:00.000Z',
      bookingUrl: MONTREAL_URL,
      reason:
        'The site asks a person to prove they are human: open the booking window and complete the check; checking resumes after that.',
      explanation: { code: 'captcha' },
    });
    const french = messageText(renderAlert(alert, { language: 'fr', userTimeZone: 'Europe/Paris' }));
    expect(french).toContain('prouver qu’une personne est là');
    expect(french).not.toContain('prove they are human');
    const english = messageText(renderAlert(alert, { language: 'en', userTimeZone: 'Europe/Paris' }));
    expect(english).toContain('prove they are human');
  });

  it('A5: twelve slots make one alert with the count, the earliest slot, the consulate and the service (EN)', () => {
    const alert = alertFromNewSlots(montrealEvent(12));
    const message = renderAlert(alert, { language: 'en', userTimeZone: 'Europe/Paris' });
    expect(message.title).toBe('12 new slots — Cartes d’identité, Consulat général de France à Montréal');
    expect(message.lines[0]).toBe('Earliest: Fri 3 Jul 18:00 (Montreal) — Sat 4 Jul 00:00 your time');
    expect(message.slotLines).toHaveLength(11); // ten listed, then "and 2 more"
    expect(message.slotLines.at(-1)).toBe('… and 2 more');
    expect(message.urgency).toBe('urgent');
    expect(messageText(message)).toContain(`Book on the official page: ${MONTREAL_URL}`);
  });

  it('T3: a Montreal Friday 23:30 slot reads as Friday 23:30 Montreal time with Saturday 05:30 beside it (FR)', () => {
    const event = montrealEvent(1);
    const message = renderAlert(alertFromNewSlots(event), { language: 'fr', userTimeZone: 'Europe/Paris' });
    expect(event.earliest.time).toBe('23:30');
    expect(message.title).toBe('Nouveau créneau — Cartes d’identité, Consulat général de France à Montréal');
    expect(message.lines[0]).toBe(
      'Le plus tôt : ven. 3 juil. 23:30 (Montreal) — sam. 4 juil. 05:30 chez vous',
    );
    expect(messageText(message)).toContain(`Réservez sur la page officielle : ${MONTREAL_URL}`);
  });

  it('shows only consulate time when the user is in the same zone', () => {
    const message = renderAlert(alertFromNewSlots(montrealEvent(1)), {
      language: 'en',
      userTimeZone: 'America/Toronto',
    });
    expect(message.lines[0]).toBe('Earliest: Fri 3 Jul 23:30 (Montreal)');
  });

  it('notices name the watch by its label and say what to do, in both languages', () => {
    const base = { watchId: 'mtl', at: '2026-07-02T12:00:00.000Z', bookingUrl: MONTREAL_URL };
    const label = { label: 'CNI Montréal' };
    const en = { language: 'en' as const, userTimeZone: 'Europe/Paris' };
    const fr = { language: 'fr' as const, userTimeZone: 'Europe/Paris' };
    expect(renderAlert(alertFromRecovered({ ...base, failedChecks: 6 }, label), fr).title).toBe(
      'Retour à la normale — CNI Montréal',
    );
    expect(renderAlert(alertFromRecovered({ ...base, failedChecks: 6 }, label), en).lines).toEqual([
      'Checks work again after 6 failed checks.',
    ]);
    const action = renderAlert(
      alertFromActionNeeded({ ...base, reason: 'The site shows a captcha.' }, label),
      fr,
    );
    expect(action.title).toBe('Action requise — CNI Montréal');
    expect(action.urgency).toBe('high');
    const blocked = alertFromBlocked(
      { ...base, site: 'consulat.gouv.fr', retryAt: '2026-07-02T13:00:00.000Z', reason: 'HTTP 429' },
      label,
    );
    expect(renderAlert(blocked, en).lines).toEqual([
      'consulat.gouv.fr is limiting requests. No check runs there before 15:00 (your time).',
    ]);
  });

  it('the same event always gives the same alert id; another check gives another', () => {
    const event = montrealEvent(3);
    expect(alertFromNewSlots(event).id).toBe(alertFromNewSlots(structuredClone(event)).id);
    expect(alertFromNewSlots({ ...event, at: '2026-07-02T12:03:00.000Z' }).id).not.toBe(
      alertFromNewSlots(event).id,
    );
  });

  it('the e-mail HTML escapes what came from the site and links only http(s) booking pages', () => {
    const event = { ...montrealEvent(1), consulate: 'Consulat <script>alert(1)</script>' };
    const html = emailContent(
      renderAlert(alertFromNewSlots(event), { language: 'en', userTimeZone: 'UTC' }),
    ).html;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    const risky = emailContent(
      renderAlert(alertFromNewSlots({ ...event, bookingUrl: 'javascript:alert(1)' }), {
        language: 'en',
        userTimeZone: 'UTC',
      }),
    ).html;
    expect(risky).not.toContain('href="javascript');
  });
});
