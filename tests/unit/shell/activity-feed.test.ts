// The Activity feed records what the engine and the alerts did as data the window can say in French or English.
import { describe, expect, it } from 'vitest';
import { activityText } from '../../../shared/activity-text';
import { ActivityLog } from '../../../src-main/core/activity-log';
import {
  ActivityFeed,
  recordChannelProblem,
  recordDeliveries,
  recordEngineActivity,
} from '../../../src-main/ipc/activity-feed';
import { MINUTE, harness, watch } from '../core/engine-harness';
import { failed, seen, slot } from '../core/scripted-provider';

describe('activity feed', () => {
  it('records checks, new slots, a degraded notice and the recovery with their data, so French reads French', async () => {
    const down = failed('unreachable', { explanation: { code: 'browser-closed' } });
    const h = harness([seen([slot('2026-07-10', '09:00')]), down, down, down, seen([])]);
    const feed = new ActivityFeed();
    recordEngineActivity(h.engine, feed);
    h.engine.addWatch(watch('w1'));
    h.engine.start();
    for (let i = 0; i < 5; i += 1) {
      await h.engine.checkNow('w1');
      await h.clock.advance(MINUTE); // each check its own instant, as in life
    }
    const lines = feed.list().map((entry) => [entry.kind, activityText(entry, 'fr')]);
    expect(lines[0]).toEqual(['alert', expect.stringMatching(/^1 nouveau créneau : /)]);
    expect(lines.filter(([kind]) => kind === 'check')).toHaveLength(5);
    expect(lines).toContainEqual(['notice', expect.stringContaining('Le navigateur')]);
    expect(lines).toContainEqual(['notice', 'Retour à la normale après 3 vérifications en échec.']);
    // Every line keeps an English sentence for logs and for windows that predate the data.
    expect(feed.list().every((entry) => entry.text.length > 0)).toBe(true);
  });

  it('records each delivery step and a failing channel once, with the server reply', () => {
    const feed = new ActivityFeed();
    const log = ActivityLog.inMemory();
    recordDeliveries(log, feed);
    log.record({
      type: 'delivery',
      at: '2026-07-02T08:00:00.000Z',
      channel: 'email',
      alertId: 'a1',
      alertKind: 'new-slots',
      title: '6 new slots',
      outcome: 'failed',
      attempt: 1,
      serverReply: '535 5.7.8 Authentication failed',
    });
    recordChannelProblem(feed, {
      channel: 'email',
      at: '2026-07-02T08:00:00.000Z',
      alertId: 'a1',
      serverReply: '535 5.7.8 Authentication failed',
      retryable: false,
    });
    expect(feed.list().map((entry) => entry.text)).toEqual([
      '6 new slots (e-mail): failed: 535 5.7.8 Authentication failed.',
      'E-mail alerts are failing: 535 5.7.8 Authentication failed. The other channels go on; fix this one in the settings.',
    ]);
    expect(activityText(feed.list()[1]!, 'fr')).toMatch(/^Les alertes e-mail échouent : 535/);
  });
});
