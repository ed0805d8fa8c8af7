/** A watch's status in plain words: when it was checked, when it will be, or what needs attention and what to do. */
import type { WatchStatus } from '../../../shared/model';
import { explainOutcome, type ReasonLanguage } from '../../../shared/outcome-reasons';
import { describeInstant } from './dates';
import type { Translate } from './dates';

export type StatusTone = 'ok' | 'busy' | 'warn' | 'error' | 'muted';

export interface StatusLine {
  text: string;
  tone: StatusTone;
  /** The engine's own sentence about the last outcome, when it says more than the line. */
  detail?: string;
}

export interface StatusContext {
  now: Date;
  userTimeZone: string;
  t: Translate;
  /** Whether the watch is switched on: an "off" watch that is on means main is not monitoring at all (B1). */
  enabled?: boolean;
  /** Why nothing is monitored at all (no browser, case B1), when main said so. */
  notMonitoringReason?: string;
  /** The window's language, for the engine's reason when it came as data (else its English sentence). */
  language?: ReasonLanguage;
}

export function statusLine(status: WatchStatus, context: StatusContext): StatusLine {
  const { t } = context;
  const last = describeInstant(status.lastCheckAt, context);
  const next = describeInstant(status.nextCheckAt, { ...context, upcoming: true });
  const explanation = status.outcome?.explanation;
  const reason =
    explanation && context.language
      ? explainOutcome(explanation, context.language)
      : (status.outcome?.reason ?? '');
  switch (status.state) {
    case 'checking':
      return { text: t('status.checking'), tone: 'busy' };
    case 'idle':
      return {
        text: status.nextCheckAt ? `${t('status.idle')} ${t('status.next', { next })}` : t('status.idle'),
        tone: 'muted',
      };
    case 'ok':
      return { text: `${t('status.ok', { last })} ${t('status.next', { next })}`, tone: 'ok' };
    case 'failing':
      return { text: t('status.failing', { reason: withStop(reason), next }), tone: 'warn' };
    case 'degraded':
      return {
        text: t('status.degraded', { count: status.consecutiveFailures, reason: withStop(reason), next }),
        tone: 'error',
      };
    case 'blocked':
      return { text: t('status.blocked', { next }), tone: 'warn', ...(reason ? { detail: reason } : {}) };
    case 'action-needed':
      return { text: t('status.actionNeeded'), tone: 'error', ...(reason ? { detail: reason } : {}) };
    case 'paused':
      return { text: t('status.paused'), tone: 'muted' };
    case 'off':
      if (context.enabled === false) return { text: t('status.off'), tone: 'muted' };
      return {
        text: t('status.notMonitoring', {
          reason: context.notMonitoringReason ?? t('status.notMonitoringHint'),
        }),
        tone: 'error',
      };
  }
}

// The engine's reasons are sentences; the line goes on after them, so make sure one ends before it does.
function withStop(sentence: string): string {
  const trimmed = sentence.trim();
  if (trimmed === '') return '';
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
