/** Why a check ended as it did, as data, and the sentence that says it to a person in French or English. */

export type ReasonLanguage = 'fr' | 'en';

/**
 * The facts behind a check's reason. Providers and the engine record these; the CLI, the window and the
 * alerts turn them into a sentence in the person's language. Technical details (an HTTP status, a
 * network error code) travel as they are: they are meant for a bug report, not for translation.
 */
export type OutcomeExplanation =
  | { code: 'slots-found'; slots: number; days: number; unreadDays: number }
  | { code: 'no-slots-all-closed'; pageMessage?: string }
  | { code: 'no-slots-days-empty'; days: number }
  | {
      code: 'no-slots-outside-window';
      start: string;
      end: string;
      /** Whether the person's dates are all before the window (over), all after it (not bookable yet), or neither. */
      dates?: 'past' | 'later';
    }
  | { code: 'rate-limited'; retryAfterMs?: number }
  | { code: 'teapot-persists' }
  | { code: 'captcha' }
  | { code: 'captcha-failed' }
  | { code: 'session-lost'; detail: string }
  | { code: 'site-changed'; missing: string }
  | { code: 'api-failed'; what: string; detail: string }
  | { code: 'still-loading'; step: string; waitedMs: number }
  | { code: 'unknown-days'; unknown: number; candidates: number }
  | { code: 'page-error'; detail: string }
  | { code: 'browser-closed' }
  | { code: 'no-browser'; detail: string }
  | { code: 'cancelled' };

function count(language: ReasonLanguage, value: number, en: string, fr: string): string {
  const noun = language === 'fr' ? fr : en;
  const plural = language === 'fr' ? (value > 1 ? 's' : '') : value === 1 ? '' : 's';
  return `${value} ${noun.replaceAll('%s', plural)}`;
}

/** A quoted sentence ends our own sentence's clause: its full stop would be doubled by ours. */
function withoutFinalStop(text: string): string {
  return text.replace(/[.。]\s*$/, '');
}

/** A wait in words: "1 hour", "5 minutes", "about 1.5 hours" / "1 heure", "5 minutes", "environ 1,5 heure". */
export function describeDuration(ms: number, language: ReasonLanguage = 'en'): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 90) return count(language, seconds, 'second%s', 'seconde%s');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return count(language, minutes, 'minute%s', 'minute%s');
  const hours = minutes / 60;
  if (Number.isInteger(hours)) return count(language, hours, 'hour%s', 'heure%s');
  const rounded = Math.round(hours * 10) / 10;
  return language === 'fr' ? `environ ${String(rounded).replace('.', ',')} heures` : `about ${rounded} hours`;
}

const english: {
  [C in OutcomeExplanation['code']]: (e: Extract<OutcomeExplanation, { code: C }>) => string;
} = {
  'slots-found': (e) =>
    `${count('en', e.slots, 'free slot%s', '')} on ${count('en', e.days, 'day%s', '')}` +
    `${e.unreadDays > 0 ? ` (${count('en', e.unreadDays, 'other day%s', '')} could not be read)` : ''}.`,
  'no-slots-all-closed': (e) =>
    e.pageMessage !== undefined
      ? `No free slot: every day is closed or fully booked, and the page says "${withoutFinalStop(e.pageMessage)}".`
      : 'No free slot: every day that fits your filter is closed or fully booked.',
  'no-slots-days-empty': (e) =>
    `No free slot: all ${e.days} open days that fit your filter answered with no free slot.`,
  'no-slots-outside-window': (e) =>
    e.dates === 'past'
      ? `No free slot for your dates: they are over; the site offers ${e.start} to ${e.end}.`
      : e.dates === 'later'
        ? `No free slot for your dates: none of them can be booked yet; the site offers ${e.start} to ${e.end}.`
        : `No free slot for your dates: no day the site offers (${e.start} to ${e.end}) fits your filter.`,
  'rate-limited': (e) =>
    e.retryAfterMs === undefined
      ? 'The site is rate-limiting us (HTTP 429); checks pause and back off before trying again.'
      : `The site is rate-limiting us (HTTP 429) and asked us to wait ${describeDuration(e.retryAfterMs)}; checks pause until then.`,
  'teapot-persists': () =>
    'The site keeps refusing our requests (HTTP 418 even after a fresh handshake), which is how it blocks automated traffic; checks pause and back off.',
  captcha: () =>
    'The site asks a person to prove they are human: open the booking window and complete the check; checking resumes after that.',
  'captcha-failed': () =>
    'The site did not accept the human check (CAPTCHA_FAILED): open the booking window and complete the check again.',
  'session-lost': (e) =>
    `The site's booking session ended (${e.detail}) and could not be reopened; the next check starts a new one.`,
  'site-changed': (e) =>
    `The booking page no longer looks as expected (${e.missing} was not found), so nothing can be concluded; the adapter needs an update, meanwhile check the page by hand.`,
  'api-failed': (e) =>
    `The site's ${e.what} answered with ${e.detail}, so nothing can be concluded; the next check will try again.`,
  'still-loading': (e) =>
    `The booking page was still loading the ${e.step} after ${describeDuration(e.waitedMs)}, so nothing can be concluded; the next check will try again.`,
  'unknown-days': (e) =>
    `The calendar loaded but ${e.unknown} of ${e.candidates} days could not be read, so nothing can be concluded; the next check will try again.`,
  'page-error': (e) =>
    `The booking page could not be loaded (${e.detail}); if this persists, check the booking URL and your connection.`,
  'browser-closed': () =>
    'The browser closed during the check, so nothing can be concluded; it will be restarted for the next check.',
  'no-browser': (e) => `No usable browser to read the page (${e.detail}).`,
  cancelled: () => 'The check was cancelled before it finished.',
};

const french: typeof english = {
  'slots-found': (e) =>
    `${count('fr', e.slots, '', 'créneau%s libre%s').replace('créneaus', 'créneaux')} sur ${count('fr', e.days, '', 'jour%s')}` +
    `${e.unreadDays > 0 ? ` (${count('fr', e.unreadDays, '', 'autre%s jour%s')} illisible${e.unreadDays > 1 ? 's' : ''})` : ''}.`,
  'no-slots-all-closed': (e) =>
    e.pageMessage !== undefined
      ? `Aucun créneau libre : tous les jours sont fermés ou complets, et la page indique « ${withoutFinalStop(e.pageMessage)} ».`
      : 'Aucun créneau libre : tous les jours qui correspondent à vos filtres sont fermés ou complets.',
  'no-slots-days-empty': (e) =>
    `Aucun créneau libre : les ${e.days} jours ouverts qui correspondent à vos filtres n’ont aucun créneau libre.`,
  'no-slots-outside-window': (e) =>
    e.dates === 'past'
      ? `Aucun créneau pour vos dates : elles sont passées ; le site propose du ${e.start} au ${e.end}.`
      : e.dates === 'later'
        ? `Aucun créneau pour vos dates : aucune n’est encore réservable ; le site propose du ${e.start} au ${e.end}.`
        : `Aucun créneau pour vos dates : aucun jour proposé par le site (du ${e.start} au ${e.end}) ne correspond à vos filtres.`,
  'rate-limited': (e) =>
    e.retryAfterMs === undefined
      ? 'Le site limite nos requêtes (HTTP 429) ; les vérifications s’espacent avant de reprendre.'
      : `Le site limite nos requêtes (HTTP 429) et demande d’attendre ${describeDuration(e.retryAfterMs, 'fr')} ; les vérifications reprennent ensuite.`,
  'teapot-persists': () =>
    'Le site refuse nos requêtes (HTTP 418 même après une nouvelle poignée de main), sa façon de bloquer le trafic automatisé ; les vérifications s’espacent.',
  captcha: () =>
    'Le site demande de prouver qu’une personne est là : ouvrez la fenêtre de réservation et faites la vérification ; la veille reprend ensuite.',
  'captcha-failed': () =>
    'Le site n’a pas accepté la vérification (CAPTCHA_FAILED) : ouvrez la fenêtre de réservation et refaites-la.',
  'session-lost': (e) =>
    `La session de réservation du site a pris fin (${e.detail}) et n’a pas pu être rouverte ; la prochaine vérification en ouvre une nouvelle.`,
  'site-changed': (e) =>
    `La page de réservation a changé (${e.missing} introuvable) : rien ne peut être conclu ; AmbiSlot doit être mis à jour, vérifiez la page vous-même en attendant.`,
  'api-failed': (e) =>
    `Le site (${e.what}) a répondu ${e.detail} : rien ne peut être conclu ; nouvel essai à la prochaine vérification.`,
  'still-loading': (e) =>
    `La page de réservation chargeait encore (${e.step}) après ${describeDuration(e.waitedMs, 'fr')} : rien ne peut être conclu ; nouvel essai à la prochaine vérification.`,
  'unknown-days': (e) =>
    `Le calendrier s’est chargé mais ${e.unknown} jours sur ${e.candidates} n’ont pas pu être lus : rien ne peut être conclu ; nouvel essai à la prochaine vérification.`,
  'page-error': (e) =>
    `La page de réservation n’a pas pu être chargée (${e.detail}) ; si cela dure, vérifiez l’adresse et votre connexion.`,
  'browser-closed': () =>
    'Le navigateur s’est fermé pendant la vérification : rien ne peut être conclu ; il sera relancé pour la suivante.',
  'no-browser': (e) => `Aucun navigateur utilisable pour lire la page (${e.detail}).`,
  cancelled: () => 'La vérification a été annulée avant la fin.',
};

/** The sentence for a person. */
export function explainOutcome(explanation: OutcomeExplanation, language: ReasonLanguage): string {
  const table = language === 'fr' ? french : english;
  return (table[explanation.code] as (e: OutcomeExplanation) => string)(explanation);
}
