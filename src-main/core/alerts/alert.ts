/** The Alert: one thing worth telling a person, built from one engine event, with a stable id for dedup. */
import type { OutcomeExplanation } from '../../../shared/outcome-reasons';
import { createHash } from 'node:crypto';
import type { CheckStatus, Slot } from '../../../shared/model';
import { addDays, todayInZone } from '../../../shared/zoned-time';
import type {
  ActionNeededEvent,
  BlockedEvent,
  DegradedEvent,
  EngineEvents,
  MonitoringStoppedEvent,
  NewSlotsEvent,
  RecoveredEvent,
} from '../engine-events';

/** The engine events that become alerts; `gone` and `status` only update the window, never a phone. */
export const ALERTING_EVENTS = [
  'new-slots',
  'degraded',
  'recovered',
  'action-needed',
  'blocked',
  'monitoring-stopped',
] as const;
export type AlertingEventName = (typeof ALERTING_EVENTS)[number];

export type AlertKind = AlertingEventName | 'test';

/** What a person recognises a watch by, when the event itself does not say (notices carry only ids). */
export interface WatchDescription {
  label?: string;
  consulate?: string;
  service?: string;
}

interface AlertBase {
  /** Stable for the same event: the same event dispatched twice is one alert (dedup per channel). */
  id: string;
  /** ISO instant the engine saw it. */
  at: string;
  /** Absent only for test alerts. */
  watchId?: string;
  bookingUrl?: string;
  /** The person's own name for the watch, if any. */
  label?: string;
  consulate?: string;
  service?: string;
}

/** New matching slots: one alert for the whole check, however many (case A5). */
export interface NewSlotsAlert extends AlertBase {
  kind: 'new-slots';
  consulate: string;
  service: string;
  bookingUrl: string;
  count: number;
  earliest: Slot;
  /** Sorted by start, as the engine gives them. */
  slots: Slot[];
}

export interface DegradedAlert extends AlertBase {
  kind: 'degraded';
  consecutiveFailures: number;
  lastStatus: CheckStatus;
  reason: string;
  explanation?: OutcomeExplanation;
}

export interface RecoveredAlert extends AlertBase {
  kind: 'recovered';
  failedChecks: number;
}

export interface ActionNeededAlert extends AlertBase {
  kind: 'action-needed';
  reason: string;
  explanation?: OutcomeExplanation;
}

export interface BlockedAlert extends AlertBase {
  kind: 'blocked';
  site: string;
  /** ISO instant before which nothing runs on that site. */
  retryAt: string;
  reason: string;
  explanation?: OutcomeExplanation;
}

/** The watchdog saw no successful check for too long (checks stopped, not failed): told once per episode. */
export interface MonitoringStoppedAlert extends AlertBase {
  kind: 'monitoring-stopped';
  silentForMs: number;
  lastSuccessAt?: string;
  reason: string;
}

/** Sent by a "send test alert" button or the CLI; carries a sample slot so it looks like the real thing. */
export interface TestAlert extends AlertBase {
  kind: 'test';
  sample: Slot;
}

export type Alert =
  | NewSlotsAlert
  | DegradedAlert
  | RecoveredAlert
  | ActionNeededAlert
  | BlockedAlert
  | MonitoringStoppedAlert
  | TestAlert;

function stableId(kind: AlertKind, parts: readonly unknown[]): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([kind, ...parts]))
    .digest('hex');
  return `${kind}-${digest.slice(0, 16)}`;
}

function slotKey(slot: Slot): string {
  return `${slot.date}T${slot.time}@${slot.timeZone}`;
}

function describe(description: WatchDescription | undefined): Partial<AlertBase> {
  if (!description) return {};
  return {
    ...(description.label ? { label: description.label } : {}),
    ...(description.consulate ? { consulate: description.consulate } : {}),
    ...(description.service ? { service: description.service } : {}),
  };
}

export function alertFromNewSlots(event: NewSlotsEvent, description?: WatchDescription): NewSlotsAlert {
  return {
    ...describe(description),
    kind: 'new-slots',
    // The slot keys, not only the time: two checks in the same millisecond can never share an id.
    id: stableId('new-slots', [event.watchId, event.at, event.slots.map(slotKey)]),
    at: event.at,
    watchId: event.watchId,
    bookingUrl: event.bookingUrl,
    consulate: event.consulate,
    service: event.service,
    count: event.count,
    earliest: event.earliest,
    slots: event.slots,
  };
}

function noticeBase(kind: AlertKind, event: { watchId: string; at: string; bookingUrl: string }) {
  return {
    id: stableId(kind, [event.watchId, event.at]),
    at: event.at,
    watchId: event.watchId,
    bookingUrl: event.bookingUrl,
  };
}

export function alertFromDegraded(event: DegradedEvent, description?: WatchDescription): DegradedAlert {
  return {
    ...describe(description),
    ...noticeBase('degraded', event),
    kind: 'degraded',
    consecutiveFailures: event.consecutiveFailures,
    lastStatus: event.lastStatus,
    reason: event.reason,
    ...(event.explanation ? { explanation: event.explanation } : {}),
  };
}

export function alertFromRecovered(event: RecoveredEvent, description?: WatchDescription): RecoveredAlert {
  return {
    ...describe(description),
    ...noticeBase('recovered', event),
    kind: 'recovered',
    failedChecks: event.failedChecks,
  };
}

export function alertFromActionNeeded(
  event: ActionNeededEvent,
  description?: WatchDescription,
): ActionNeededAlert {
  return {
    ...describe(description),
    ...noticeBase('action-needed', event),
    kind: 'action-needed',
    reason: event.reason,
    ...(event.explanation ? { explanation: event.explanation } : {}),
  };
}

export function alertFromBlocked(event: BlockedEvent, description?: WatchDescription): BlockedAlert {
  return {
    ...describe(description),
    ...noticeBase('blocked', event),
    kind: 'blocked',
    site: event.site,
    retryAt: event.retryAt,
    reason: event.reason,
    ...(event.explanation ? { explanation: event.explanation } : {}),
  };
}

export function alertFromMonitoringStopped(
  event: MonitoringStoppedEvent,
  description?: WatchDescription,
): MonitoringStoppedAlert {
  return {
    ...describe(description),
    ...noticeBase('monitoring-stopped', event),
    kind: 'monitoring-stopped',
    silentForMs: event.silentForMs,
    ...(event.lastSuccessAt ? { lastSuccessAt: event.lastSuccessAt } : {}),
    reason: event.reason,
  };
}

/** The alert for one engine event. */
export function alertFromEvent<E extends AlertingEventName>(
  name: E,
  event: EngineEvents[E],
  description?: WatchDescription,
): Alert {
  switch (name) {
    case 'new-slots':
      return alertFromNewSlots(event as NewSlotsEvent, description);
    case 'degraded':
      return alertFromDegraded(event as DegradedEvent, description);
    case 'recovered':
      return alertFromRecovered(event as RecoveredEvent, description);
    case 'action-needed':
      return alertFromActionNeeded(event as ActionNeededEvent, description);
    case 'blocked':
      return alertFromBlocked(event as BlockedEvent, description);
    case 'monitoring-stopped':
      return alertFromMonitoringStopped(event as MonitoringStoppedEvent, description);
    default:
      throw new TypeError(`"${String(name)}" is not an alerting event`);
  }
}

/** A test alert at `at`; each call is a new alert (a second button press really sends again). */
export function testAlert(at: Date, sample?: Partial<TestAlert>): TestAlert {
  const iso = at.toISOString();
  return {
    kind: 'test',
    id: stableId('test', [iso, Math.random()]),
    at: iso,
    consulate: 'Consulat général de France à Londres',
    service: 'Passeports',
    bookingUrl: 'https://consulat.gouv.fr/consulat-general-de-france-a-londres/rendez-vous',
    // Tomorrow morning in London, so the sample reads like a slot that could really appear.
    sample: {
      date: addDays(todayInZone('Europe/London', at), 1),
      time: '09:30',
      timeZone: 'Europe/London',
      capacity: 1,
    },
    ...sample,
  };
}
