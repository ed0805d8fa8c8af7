/** Turns the engine's events into the `watch` command's lines: one JSON object each, or a sentence for a person. */
import type { Slot, WatchState } from '../../shared/model';
import type {
  ActionNeededEvent,
  BlockedEvent,
  DegradedEvent,
  GoneEvent,
  NewSlotsEvent,
  RecoveredEvent,
  MonitoringStoppedEvent,
  StatusEvent,
} from '../core/engine-events';
import type { Watchdog } from '../core/watchdog';
import type { Engine } from '../core/engine';
import { weekdayName } from './check-report';

/** A notice that happens once per episode; it rides on the status line of the same check. */
export type WatchNotice = 'degraded' | 'recovered' | 'blocked' | 'action-needed' | 'monitoring-stopped';

/** One line of `watch --json`. */
export interface WatchLine {
  event: 'new-slots' | 'gone' | 'status';
  at: string;
  /** The booking URL being watched. */
  watch: string;
  /** The watch's state after the check (ok, failing, degraded, blocked, action-needed…). */
  status: WatchState;
  reason: string;
  slots: { date: string; time: string; timeZone: string; capacity: number }[];
  /** For `status`: the outcome of the check that changed it. */
  outcome?: string;
  /** For `status`: the once-per-episode notice this change carries. */
  notice?: WatchNotice;
  /** For `blocked`: when the site may be asked again. */
  retryAt?: string;
}

type Notice =
  | { kind: 'degraded'; event: DegradedEvent }
  | { kind: 'recovered'; event: RecoveredEvent }
  | { kind: 'blocked'; event: BlockedEvent }
  | { kind: 'action-needed'; event: ActionNeededEvent }
  | { kind: 'monitoring-stopped'; event: MonitoringStoppedEvent };

function slotsOut(slots: Slot[]): WatchLine['slots'] {
  return slots.map(({ date, time, timeZone, capacity }) => ({ date, time, timeZone, capacity }));
}

/**
 * Subscribes to the engine and calls `emit` once per line. The engine tells a notice (degraded, blocked…)
 * just before the status change of the same check, synchronously; the two become one line. A notice
 * without a status change (a watch already blocked turning degraded) still gets its own line.
 */
export function watchLines(
  engine: Engine,
  emit: (line: WatchLine) => void,
  watchdog?: Pick<Watchdog, 'on'>,
): () => void {
  const pending: Notice[] = [];
  let stateNow: WatchState = 'idle';
  const flushLater = () =>
    queueMicrotask(() => {
      for (const notice of pending.splice(0)) emit(noticeLine(notice, stateNow));
    });
  const notice = (n: Notice) => {
    pending.push(n);
    if (pending.length === 1) flushLater();
  };
  const stateOf = (e: { watchId: string }) => engine.status(e.watchId).state;
  const offs = [
    engine.on('new-slots', (e: NewSlotsEvent) =>
      emit({
        event: 'new-slots',
        at: e.at,
        watch: e.bookingUrl,
        status: stateOf(e),
        reason: newReason(e),
        slots: slotsOut(e.slots),
      }),
    ),
    engine.on('gone', (e: GoneEvent) =>
      emit({
        event: 'gone',
        at: e.at,
        watch: e.bookingUrl,
        status: stateOf(e),
        reason: goneReason(e),
        slots: slotsOut(e.slots),
      }),
    ),
    engine.on('degraded', (event) => notice({ kind: 'degraded', event })),
    engine.on('recovered', (event) => notice({ kind: 'recovered', event })),
    engine.on('blocked', (event) => notice({ kind: 'blocked', event })),
    engine.on('action-needed', (event) => notice({ kind: 'action-needed', event })),
    engine.on('status', (e: StatusEvent) => {
      stateNow = e.state;
      const carried = pending.splice(0);
      const line: WatchLine = {
        event: 'status',
        at: e.at,
        watch: e.bookingUrl,
        status: e.state,
        reason: e.reason,
        slots: slotsOut(e.status.slots),
        ...(e.outcome ? { outcome: e.outcome } : {}),
      };
      const first = carried.shift();
      emit(first ? withNotice(line, first) : line);
      for (const rest of carried) emit(noticeLine(rest, e.state));
    }),
  ];
  // The watchdog speaks when checks stopped happening at all: no status change will carry it, so it stands alone.
  if (watchdog) {
    offs.push(
      watchdog.on('monitoring-stopped', (event) =>
        emit(noticeLine({ kind: 'monitoring-stopped', event }, stateOf(event))),
      ),
    );
  }
  return () => offs.forEach((off) => off());
}

function withNotice(line: WatchLine, notice: Notice): WatchLine {
  const out: WatchLine = { ...line, notice: notice.kind };
  if (notice.kind === 'blocked') out.retryAt = notice.event.retryAt;
  return out;
}

function noticeLine(notice: Notice, state: WatchState): WatchLine {
  const e = notice.event;
  const reason = 'reason' in e ? e.reason : `Checks succeed again after ${e.failedChecks} failed checks.`;
  return withNotice(
    { event: 'status', at: e.at, watch: e.bookingUrl, status: state, reason, slots: [] },
    notice,
  );
}

function newReason(e: NewSlotsEvent): string {
  return `${e.count} new matching slot${e.count === 1 ? '' : 's'} at ${e.consulate} (${e.service}).`;
}

function goneReason(e: GoneEvent): string {
  const n = e.slots.length;
  return `${n} slot${n === 1 ? ' is' : 's are'} no longer free at ${e.consulate} (${e.service}).`;
}

function slotText(slot: WatchLine['slots'][number]): string {
  const places = slot.capacity === 1 ? '1 place' : `${slot.capacity} places`;
  return `${weekdayName(slot.date)} ${slot.date} ${slot.time} (${places})`;
}

/** Local wall time of an ISO instant, for the start of each line. */
function clockText(at: string): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The engine's reason is a whole sentence: it follows ours after a colon, never inside brackets. */
function sentence(reason: string): string {
  const trimmed = reason.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

const NOTICE_TEXT: Record<WatchNotice, (line: WatchLine) => string> = {
  degraded: (l) =>
    `Monitoring degraded, still trying more slowly: several checks in a row failed. Last: ${sentence(l.reason)}`,
  recovered: () => 'Back to normal: the calendar can be read again.',
  blocked: (l) =>
    `The site asked us to slow down; no check before ${l.retryAt ? clockText(l.retryAt) : 'it allows'}. ${sentence(l.reason)}`,
  'action-needed': (l) =>
    `Action needed, watching is paused: the site shows a human check; run with --show-browser to solve it in the window. ${sentence(l.reason)}`,
  'monitoring-stopped': (l) =>
    `Monitoring stopped, restart the watch if this lasts: no check has succeeded for a long while. ${sentence(l.reason)}`,
};

/** The lines a person reads for one event. */
export function formatWatchLine(line: WatchLine): string[] {
  const head = clockText(line.at);
  if (line.event === 'new-slots') {
    const zone = line.slots[0]?.timeZone;
    return [
      `${head}  NEW   ${line.reason}${zone ? ` Times in ${zone}:` : ''}`,
      ...line.slots.map((slot) => `          ${slotText(slot)}`),
      `          Book on the official page: ${line.watch}`,
    ];
  }
  if (line.event === 'gone') {
    return [`${head}  GONE  ${line.reason}`, ...line.slots.map((slot) => `          ${slotText(slot)}`)];
  }
  const text = line.notice ? NOTICE_TEXT[line.notice](line) : `${line.status}: ${line.reason}`;
  return [`${head}  ${line.notice ? 'NOTE ' : 'STATE'} ${text}`];
}
