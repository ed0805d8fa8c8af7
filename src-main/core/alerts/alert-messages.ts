/** The words of an alert in French or English: title, body lines and slots in consulate time (user time beside). */
import { explainOutcome, type OutcomeExplanation } from '../../../shared/outcome-reasons';
import type { AlertLanguage } from '../../../shared/alert-settings';
import type { Slot } from '../../../shared/model';
import { formatSlotForDisplay, wallClockAt } from '../../../shared/zoned-time';
import type { Alert } from './alert';

/** How loud a channel may be: ntfy maps it to a priority, the desktop to sound or silence. */
export type AlertUrgency = 'urgent' | 'high' | 'default' | 'low';

export interface AlertMessage {
  language: AlertLanguage;
  /** One line: the notification title and the e-mail subject. */
  title: string;
  /** Paragraphs before the slot list, plain text. */
  lines: string[];
  /** One line per slot (at most MAX_LISTED_SLOTS, then an "and N more" line). */
  slotLines: string[];
  /** The official booking page, the click action everywhere. */
  bookingUrl?: string;
  /** The words before the booking link. */
  bookingLabel: string;
  urgency: AlertUrgency;
  /** ntfy tag names (they show as emojis on the phone). */
  tags: string[];
}

export interface MessageOptions {
  language: AlertLanguage;
  /** The zone of the person reading, for the "your time" beside consulate time. */
  userTimeZone: string;
}

/** A phone screen shows about ten lines; the booking page has the full list. */
export const MAX_LISTED_SLOTS = 10;

const WORDS = {
  en: {
    colon: ': ',
    book: 'Book on the official page:',
    newSlotsTitle: (count: number, what: string) =>
      `${count === 1 ? 'New slot' : `${count} new slots`} — ${what}`,
    earliest: 'Earliest',
    consulate: 'Consulate',
    service: 'Service',
    more: (n: number) => `… and ${n} more`,
    hurry: 'Slots go within minutes: book now if one suits you.',
    degradedTitle: (what: string) => `Monitoring degraded — ${what}`,
    degraded: (n: number, status: string) =>
      `The last ${n} checks failed (${status}). AmbiSlot keeps trying and will tell you when it is back to normal.`,
    recoveredTitle: (what: string) => `Back to normal — ${what}`,
    recovered: (n: number) => `Checks work again after ${n} failed ${n === 1 ? 'check' : 'checks'}.`,
    actionTitle: (what: string) => `Action needed — ${what}`,
    action:
      'The site asks for a verification only a person can do. Open AmbiSlot: checks of this page are paused until it is done.',
    blockedTitle: (what: string) => `The site asked us to wait — ${what}`,
    blocked: (site: string, when: string) =>
      `${site} is limiting requests. No check runs there before ${when} (your time).`,
    stoppedTitle: (what: string) => `Monitoring stopped — ${what}`,
    stopped: (minutes: number) =>
      `No check has succeeded for ${minutes} min and AmbiSlot could not restart them. Open AmbiSlot; until then, do not count on alerts for this page.`,
    testTitle: 'AmbiSlot test alert',
    test: 'If you read this, this channel works. A real alert looks like this:',
    reason: 'Detail',
  },
  fr: {
    // French typography puts a space before the colon.
    colon: ' : ',
    book: 'Réservez sur la page officielle :',
    newSlotsTitle: (count: number, what: string) =>
      `${count === 1 ? 'Nouveau créneau' : `${count} nouveaux créneaux`} — ${what}`,
    earliest: 'Le plus tôt',
    consulate: 'Consulat',
    service: 'Service',
    more: (n: number) => `… et ${n} de plus`,
    hurry: 'Les créneaux partent en quelques minutes : réservez tout de suite si l’un vous convient.',
    degradedTitle: (what: string) => `Surveillance dégradée — ${what}`,
    degraded: (n: number, status: string) =>
      `Les ${n} dernières vérifications ont échoué (${status}). AmbiSlot continue d’essayer et vous dira quand tout sera rétabli.`,
    recoveredTitle: (what: string) => `Retour à la normale — ${what}`,
    recovered: (n: number) =>
      `Les vérifications fonctionnent de nouveau après ${n} ${n === 1 ? 'échec' : 'échecs'}.`,
    actionTitle: (what: string) => `Action requise — ${what}`,
    action:
      'Le site demande une vérification que seule une personne peut faire. Ouvrez AmbiSlot : la surveillance de cette page est en pause en attendant.',
    blockedTitle: (what: string) => `Le site demande de patienter — ${what}`,
    blocked: (site: string, when: string) =>
      `${site} limite les requêtes. Aucune vérification n’y aura lieu avant ${when} (heure locale).`,
    stoppedTitle: (what: string) => `Surveillance arrêtée — ${what}`,
    stopped: (minutes: number) =>
      `Aucune vérification n’a abouti depuis ${minutes} min et AmbiSlot n’a pas pu les relancer. Ouvrez AmbiSlot ; d’ici là, ne comptez pas sur les alertes pour cette page.`,
    testTitle: 'Alerte de test AmbiSlot',
    test: 'Si vous lisez ceci, ce canal fonctionne. Une vraie alerte ressemble à ceci :',
    reason: 'Détail',
  },
} as const;

/** What a person calls the watch: their label, else "service, consulate", else the site. */
function watchName(alert: Alert): string {
  if (alert.label) return alert.label;
  if (alert.service && alert.consulate) return `${alert.service}, ${alert.consulate}`;
  if (alert.consulate) return alert.consulate;
  if (alert.bookingUrl) {
    try {
      return new URL(alert.bookingUrl).host;
    } catch {
      return alert.bookingUrl;
    }
  }
  return 'AmbiSlot';
}

export function formatSlot(slot: Slot, options: MessageOptions): string {
  return formatSlotForDisplay(slot, {
    userTimeZone: options.userTimeZone,
    language: options.language,
    withDate: true,
  });
}

function slotList(slots: readonly Slot[], options: MessageOptions): string[] {
  const listed = slots.slice(0, MAX_LISTED_SLOTS).map((slot) => `• ${formatSlot(slot, options)}`);
  if (slots.length > MAX_LISTED_SLOTS)
    listed.push(WORDS[options.language].more(slots.length - MAX_LISTED_SLOTS));
  return listed;
}

/** An instant on the user's clock: `14:05`, or `2026-07-04 14:05` when it is not today there. */
function userClockText(iso: string, reference: string, userTimeZone: string): string {
  const at = wallClockAt(new Date(iso), userTimeZone);
  const today = wallClockAt(new Date(reference), userTimeZone).date;
  return at.date === today ? at.time : `${at.date} ${at.time}`;
}

/** The engine's reason in the alert's language when it came as data; its English sentence otherwise. */
function reasonText(
  alert: { reason: string; explanation?: OutcomeExplanation },
  language: AlertLanguage,
): string {
  return alert.explanation ? explainOutcome(alert.explanation, language) : alert.reason;
}

export function renderAlert(alert: Alert, options: MessageOptions): AlertMessage {
  const words = WORDS[options.language];
  const what = watchName(alert);
  const base = {
    language: options.language,
    slotLines: [] as string[],
    bookingLabel: words.book,
    ...(alert.bookingUrl ? { bookingUrl: alert.bookingUrl } : {}),
  };
  switch (alert.kind) {
    case 'new-slots':
      return {
        ...base,
        title: words.newSlotsTitle(alert.count, what),
        lines: [
          `${words.earliest}${words.colon}${formatSlot(alert.earliest, options)}`,
          `${words.consulate}${words.colon}${alert.consulate}`,
          `${words.service}${words.colon}${alert.service}`,
          words.hurry,
        ],
        slotLines: slotList(alert.slots, options),
        urgency: 'urgent',
        tags: ['date'],
      };
    case 'degraded':
      return {
        ...base,
        title: words.degradedTitle(what),
        lines: [
          words.degraded(alert.consecutiveFailures, alert.lastStatus),
          `${words.reason}${words.colon}${reasonText(alert, options.language)}`,
        ],
        urgency: 'default',
        tags: ['warning'],
      };
    case 'recovered':
      return {
        ...base,
        title: words.recoveredTitle(what),
        lines: [words.recovered(alert.failedChecks)],
        urgency: 'low',
        tags: ['white_check_mark'],
      };
    case 'action-needed':
      return {
        ...base,
        title: words.actionTitle(what),
        lines: [words.action, `${words.reason}${words.colon}${reasonText(alert, options.language)}`],
        urgency: 'high',
        tags: ['raising_hand'],
      };
    case 'blocked':
      return {
        ...base,
        title: words.blockedTitle(what),
        lines: [words.blocked(alert.site, userClockText(alert.retryAt, alert.at, options.userTimeZone))],
        urgency: 'default',
        tags: ['no_entry'],
      };
    case 'monitoring-stopped':
      return {
        ...base,
        title: words.stoppedTitle(what),
        lines: [
          words.stopped(Math.round(alert.silentForMs / 60_000)),
          `${words.reason}${words.colon}${alert.reason}`,
        ],
        urgency: 'high',
        tags: ['rotating_light'],
      };
    case 'test':
      return {
        ...base,
        title: words.testTitle,
        lines: [
          words.test,
          `${alert.service ?? ''}, ${alert.consulate ?? ''}`,
          `${words.earliest}${words.colon}${formatSlot(alert.sample, options)}`,
        ],
        urgency: 'default',
        tags: ['test_tube'],
      };
  }
}

/** The whole message as plain text: title excluded (it is the subject or the notification title). */
export function messageText(message: AlertMessage): string {
  const parts = [...message.lines];
  if (message.slotLines.length > 0) parts.push('', ...message.slotLines);
  if (message.bookingUrl) parts.push('', `${message.bookingLabel} ${message.bookingUrl}`);
  return parts.join('\n');
}
