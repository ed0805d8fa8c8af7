/** What an Activity line says, as data, and its sentence in French or English (the window draws it in its language). */
import type { AlertChannelName } from './alert-settings';
import { explainOutcome } from './outcome-reasons';
import type { OutcomeExplanation, ReasonLanguage } from './outcome-reasons';

/**
 * The facts behind one Activity line. Main records these beside an English `text` (for logs and older
 * entries); the window says them in the language it shows, so a French window never reads English lines.
 * Server replies and hints travel as they are: they are the server's words, meant for a bug report.
 */
export type ActivityDetail =
  | { code: 'outcome'; explanation: OutcomeExplanation }
  | { code: 'new-slots'; count: number; consulate: string; service: string }
  | { code: 'recovered'; failedChecks: number }
  | {
      code: 'delivery';
      channel: AlertChannelName;
      /** The alert's title as the person saw it (in the alert language of that moment). */
      title: string;
      test: boolean;
      outcome: 'delivered' | 'failed' | 'held';
      serverReply?: string;
      hint?: string;
      nextAttemptAt?: string;
    }
  | { code: 'channel-problem'; channel: AlertChannelName; serverReply: string; hint?: string };

const CHANNEL_NAMES: Record<ReasonLanguage, Record<AlertChannelName, string>> = {
  en: { desktop: 'desktop', email: 'e-mail', ntfy: 'ntfy', webhook: 'webhook' },
  fr: { desktop: 'bureau', email: 'e-mail', ntfy: 'ntfy', webhook: 'webhook' },
};

function withHint(reply: string, hint: string | undefined): string {
  return hint ? `${reply} (${hint})` : reply;
}

/** The line in `language`; an entry without detail (an older one, a settings notice) keeps its own text. */
export function activityText(
  entry: { text: string; detail?: ActivityDetail | undefined },
  language: ReasonLanguage,
  formatInstant: (iso: string) => string = (iso) => iso,
): string {
  const detail = entry.detail;
  if (!detail) return entry.text;
  const fr = language === 'fr';
  switch (detail.code) {
    case 'outcome':
      return explainOutcome(detail.explanation, language);
    case 'new-slots': {
      const where = `${detail.consulate} (${detail.service})`;
      if (fr)
        return detail.count === 1
          ? `1 nouveau créneau : ${where}.`
          : `${detail.count} nouveaux créneaux : ${where}.`;
      return detail.count === 1 ? `1 new slot at ${where}.` : `${detail.count} new slots at ${where}.`;
    }
    case 'recovered':
      return fr
        ? `Retour à la normale après ${detail.failedChecks} vérifications en échec.`
        : `Back to normal after ${detail.failedChecks} failed checks.`;
    case 'delivery': {
      const channel = CHANNEL_NAMES[language][detail.channel];
      const what = detail.test
        ? fr
          ? `Alerte de test (${channel})`
          : `Test alert on ${channel}`
        : `${detail.title} (${channel})`;
      const reply = withHint(detail.serverReply ?? (fr ? 'pas de réponse' : 'no reply'), detail.hint);
      const how =
        detail.outcome === 'delivered'
          ? fr
            ? 'envoyée'
            : 'delivered'
          : detail.outcome === 'held'
            ? fr
              ? `retenue pendant les heures calmes, jusqu’à ${detail.nextAttemptAt ? formatInstant(detail.nextAttemptAt) : 'plus tard'}`
              : `held for quiet hours until ${detail.nextAttemptAt ? formatInstant(detail.nextAttemptAt) : 'later'}`
            : fr
              ? `échec : ${reply}`
              : `failed: ${reply}`;
      return fr ? `${what} : ${how}.` : `${what}: ${how}.`;
    }
    case 'channel-problem': {
      const channel = CHANNEL_NAMES[language][detail.channel];
      const reply = withHint(detail.serverReply, detail.hint);
      return fr
        ? `Les alertes ${channel} échouent : ${reply}. Les autres canaux continuent ; corrigez ce canal dans les réglages.`
        : `${channel[0]!.toUpperCase()}${channel.slice(1)} alerts are failing: ${reply}. The other channels go on; fix this one in the settings.`;
    }
  }
}
