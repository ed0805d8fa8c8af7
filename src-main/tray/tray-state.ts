/** The tray's state and tooltip, computed from the app snapshot alone. */
import type { AppSnapshot, WatchState } from '../../shared/model';
import { TRAY_TEXT } from './tray-text';
import type { ShellLanguage } from './tray-text';

export type TrayState = 'idle' | 'checking' | 'slots-found' | 'needs-attention' | 'paused';
export const TRAY_STATES: readonly TrayState[] = [
  'idle',
  'checking',
  'slots-found',
  'needs-attention',
  'paused',
];

const ATTENTION: readonly WatchState[] = ['action-needed', 'degraded', 'blocked'];

export interface TrayContext {
  /** Nothing can be checked (no browser, case B1): the person must act. */
  notMonitoring?: boolean;
}

/**
 * A global pause wins (nothing is being watched, whatever was found before); then anything a person must fix;
 * then known matching slots; then a check in flight; else idle.
 */
export function trayState(snapshot: AppSnapshot, context: TrayContext = {}): TrayState {
  const statuses = snapshot.watches.filter((w) => w.watch.enabled).map((w) => w.status);
  if (snapshot.paused) return 'paused';
  if (context.notMonitoring || statuses.some((s) => ATTENTION.includes(s.state))) return 'needs-attention';
  if (statuses.some((s) => s.slots.length > 0)) return 'slots-found';
  if (statuses.some((s) => s.state === 'checking')) return 'checking';
  if (statuses.length > 0 && statuses.every((s) => s.state === 'paused')) return 'paused';
  return 'idle';
}

function clockTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(iso));
}

/** `AmbiSlot — Watching\nLast check 10:42 · Next check 10:45`, on the user's own clock. */
export function trayTooltip(
  snapshot: AppSnapshot,
  language: ShellLanguage,
  userTimeZone: string,
  context: TrayContext = {},
): string {
  const text = TRAY_TEXT[language];
  const state = text.states[trayState(snapshot, context)];
  if (snapshot.watches.length === 0) return `AmbiSlot — ${text.noWatch}`;
  const last = snapshot.watches
    .map((w) => w.status.lastCheckAt)
    .filter((at): at is string => at !== undefined)
    .sort()
    .at(-1);
  const next = snapshot.paused
    ? undefined
    : snapshot.watches
        .map((w) => w.status.nextCheckAt)
        .filter((at): at is string => at !== undefined)
        .sort()
        .at(0);
  const lastText = last ? clockTime(last, userTimeZone) : text.never;
  const nextText = next ? clockTime(next, userTimeZone) : text.none;
  return `AmbiSlot — ${state}\n${text.lastCheck} ${lastText} · ${text.nextCheck} ${nextText}`;
}
