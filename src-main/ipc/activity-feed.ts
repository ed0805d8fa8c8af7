/** The Activity view's feed: finished checks and notices from the engine, deliveries from the alerts' activity log; bounded. */
import { activityText } from '../../shared/activity-text';
import type { ActivityDetail } from '../../shared/activity-text';
import type { ActivityEntry } from '../../shared/ipc-contract';
import type { OutcomeExplanation } from '../../shared/outcome-reasons';
import type { ChannelProblem } from '../core/alerts/dispatcher';
import type { ActivityLog as DeliveryLog } from '../core/activity-log';
import type { Engine } from '../core/engine';

export const ACTIVITY_LIMIT = 300;

export class ActivityFeed {
  private entries: ActivityEntry[] = [];
  private sequence = 0;
  private readonly listeners = new Set<(entry: ActivityEntry) => void>();

  constructor(private readonly limit = ACTIVITY_LIMIT) {}

  add(entry: Omit<ActivityEntry, 'id'>): ActivityEntry {
    const full = { id: (this.sequence += 1), ...entry };
    this.entries.push(full);
    if (this.entries.length > this.limit) this.entries = this.entries.slice(-this.limit);
    for (const listener of this.listeners) listener(full);
    return full;
  }

  list(): ActivityEntry[] {
    return [...this.entries];
  }

  on(listener: (entry: ActivityEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Every finished check (seen as a new `lastCheckAt` in a snapshot) and every notice the engine raises. */
export function recordEngineActivity(engine: Pick<Engine, 'on'>, log: ActivityFeed): () => void {
  const lastSeen = new Map<string, string>();
  const offs = [
    engine.on('snapshot', (snapshot) => {
      for (const { watch, status } of snapshot.watches) {
        const at = status.lastCheckAt;
        if (at === undefined || lastSeen.get(watch.id) === at) continue;
        lastSeen.set(watch.id, at);
        if (!status.outcome) continue;
        log.add({
          at,
          kind: 'check',
          watchId: watch.id,
          status: status.outcome.status,
          text: status.outcome.reason,
          ...outcomeDetail(status.outcome.explanation),
        });
      }
    }),
    engine.on('new-slots', (e) => {
      const detail = {
        code: 'new-slots',
        count: e.count,
        consulate: e.consulate,
        service: e.service,
      } as const;
      log.add({
        at: e.at,
        kind: 'alert',
        watchId: e.watchId,
        status: 'slots',
        ...described(detail),
      });
    }),
    engine.on('degraded', (e) =>
      log.add({
        at: e.at,
        kind: 'notice',
        watchId: e.watchId,
        status: e.lastStatus,
        text: e.reason,
        ...outcomeDetail(e.explanation),
      }),
    ),
    engine.on('recovered', (e) => {
      const detail = { code: 'recovered', failedChecks: e.failedChecks } as const;
      log.add({
        at: e.at,
        kind: 'notice',
        watchId: e.watchId,
        ...described(detail),
      });
    }),
    engine.on('action-needed', (e) =>
      log.add({
        at: e.at,
        kind: 'notice',
        watchId: e.watchId,
        status: 'captcha',
        text: e.reason,
        ...outcomeDetail(e.explanation),
      }),
    ),
    engine.on('blocked', (e) =>
      log.add({
        at: e.at,
        kind: 'notice',
        watchId: e.watchId,
        status: 'blocked',
        text: e.reason,
        ...outcomeDetail(e.explanation),
      }),
    ),
    engine.on('memory-problem', (e) =>
      log.add({
        at: e.at,
        kind: 'notice',
        text: `The alert memory could not be read (${e.error}); it was kept at ${e.keptAt}.`,
      }),
    ),
  ];
  return () => offs.forEach((off) => off());
}

/** Each delivery step of an alert (sent, failed with the server's reply, held for quiet hours), as one line. */
export function recordDeliveries(deliveries: Pick<DeliveryLog, 'subscribe'>, log: ActivityFeed): () => void {
  return deliveries.subscribe((d) => {
    const detail: ActivityDetail = {
      code: 'delivery',
      channel: d.channel,
      title: d.title,
      test: d.test === true,
      outcome: d.outcome,
      ...(d.serverReply !== undefined ? { serverReply: d.serverReply } : {}),
      ...(d.hint !== undefined ? { hint: d.hint } : {}),
      ...(d.nextAttemptAt !== undefined ? { nextAttemptAt: d.nextAttemptAt } : {}),
    };
    log.add({
      at: d.at,
      kind: 'alert',
      ...(d.watchId ? { watchId: d.watchId } : {}),
      ...described(detail),
    });
  });
}

/** A channel that started failing, told once in the Activity view with the server's reply (case A4). */
export function recordChannelProblem(log: ActivityFeed, problem: ChannelProblem): void {
  const detail: ActivityDetail = {
    code: 'channel-problem',
    channel: problem.channel,
    serverReply: problem.serverReply,
    ...(problem.hint !== undefined ? { hint: problem.hint } : {}),
  };
  log.add({ at: problem.at, kind: 'notice', ...described(detail) });
}

/** The facts, and their English sentence as the entry's own text (logs, and windows without `detail`). */
function described(detail: ActivityDetail): { text: string; detail: ActivityDetail } {
  return { text: activityText({ text: '', detail }, 'en'), detail };
}

function outcomeDetail(explanation: OutcomeExplanation | undefined): { detail?: ActivityDetail } {
  return explanation ? { detail: { code: 'outcome', explanation } } : {};
}
