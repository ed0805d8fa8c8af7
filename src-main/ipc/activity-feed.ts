/** The Activity view's feed: finished checks and notices from the engine, deliveries from the alerts' activity log; bounded. */
import type { ActivityEntry } from '../../shared/ipc-contract';
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
        });
      }
    }),
    engine.on('new-slots', (e) =>
      log.add({
        at: e.at,
        kind: 'alert',
        watchId: e.watchId,
        status: 'slots',
        text: `${e.count} new slot(s) at ${e.consulate} (${e.service}).`,
      }),
    ),
    engine.on('degraded', (e) =>
      log.add({ at: e.at, kind: 'notice', watchId: e.watchId, status: e.lastStatus, text: e.reason }),
    ),
    engine.on('recovered', (e) =>
      log.add({
        at: e.at,
        kind: 'notice',
        watchId: e.watchId,
        text: `Back to normal after ${e.failedChecks} failed checks.`,
      }),
    ),
    engine.on('action-needed', (e) =>
      log.add({ at: e.at, kind: 'notice', watchId: e.watchId, status: 'captcha', text: e.reason }),
    ),
    engine.on('blocked', (e) =>
      log.add({ at: e.at, kind: 'notice', watchId: e.watchId, status: 'blocked', text: e.reason }),
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
    const what = d.test ? `Test alert on ${d.channel}` : `${d.title} (${d.channel})`;
    const how =
      d.outcome === 'delivered'
        ? 'delivered'
        : d.outcome === 'held'
          ? `held for quiet hours until ${d.nextAttemptAt ?? 'later'}`
          : `failed: ${d.serverReply ?? 'no reply'}${d.hint ? ` (${d.hint})` : ''}`;
    log.add({
      at: d.at,
      kind: 'alert',
      ...(d.watchId ? { watchId: d.watchId } : {}),
      text: `${what}: ${how}.`,
    });
  });
}
