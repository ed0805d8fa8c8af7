// From the real engine to a phone: scripted checks → engine events → openAlerting → ntfy receiver and desktop port.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readActivityFile } from '../../../src-main/core/activity-log';
import { openAlerting } from '../../../src-main/core/alerts/alerting';
import { Engine } from '../../../src-main/core/engine';
import { FakeClock } from '../../support/fake-clock';
import { failed, LONDON, ScriptedProvider, seen, slot } from '../../unit/core/scripted-provider';
import { RecordingNotifier, settingsWith } from './support/fixtures';
import { startHttpReceiver } from './support/http-receiver';

const MINUTE = 60_000;
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('engine to phone', () => {
  it('A5 and A3 end to end: twelve slots make one push; the outage (with backoff) makes one "degraded" and one "back to normal", named by the watch label', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ambislot-alerting-'));
    const ntfy = await startHttpReceiver();
    cleanups.push(
      () => rm(dataDir, { recursive: true, force: true }),
      () => ntfy.close(),
    );
    const twelve = Array.from({ length: 12 }, (_, i) =>
      slot('2026-07-06', `${String(8 + i).padStart(2, '0')}:00`),
    );
    const clock = new FakeClock('2026-07-03T08:00:00Z');
    const provider = new ScriptedProvider(clock, [
      seen(twelve),
      failed(),
      failed(),
      failed(),
      failed(),
      seen(twelve), // the same slots after the outage: not alerted again
    ]);
    const engine = new Engine({
      provider,
      clock,
      random: { next: () => 0.5 },
      siteSpacingMs: 0,
      globalIntervalMs: 3 * MINUTE,
    });
    const notifier = new RecordingNotifier();
    const settings = settingsWith((s) => {
      s.language = 'fr';
      s.ntfy = { ...s.ntfy, enabled: true, serverUrl: ntfy.url, topic: 'alice' };
    });
    const alerting = await openAlerting({
      dataDir,
      getSettings: () => settings,
      desktopNotifier: notifier,
      clock,
      userTimeZone: 'Europe/Paris',
    });
    cleanups.push(() => alerting.close());
    alerting.attach(engine);
    engine.addWatch({
      id: 'w1',
      bookingUrl: LONDON.bookingUrl,
      filter: {},
      enabled: true,
      label: 'Visas Londres',
    });
    engine.start();
    cleanups.push(() => engine.stop());

    // Small steps, letting each real delivery finish: a fake minute must not pass while a real request is
    // in flight, or the dispatcher's attempt timeout would fire on an answer that is merely a few ms away.
    for (let elapsed = 0; elapsed < 90 * MINUTE; elapsed += 5_000) {
      await clock.advance(5_000);
      await alerting.dispatcher.whenIdle();
    }
    const titles = ntfy.requests.map((r) => {
      const title = String(r.headers.title);
      const encoded = /^=\?UTF-8\?B\?(.+)\?=$/.exec(title);
      return encoded ? Buffer.from(encoded[1]!, 'base64').toString('utf8') : title;
    });
    expect(titles).toEqual([
      '12 nouveaux créneaux — Visas Londres',
      'Surveillance dégradée — Visas Londres',
      'Retour à la normale — Visas Londres',
    ]);
    expect(ntfy.requests[0]!.body).toContain(
      'Le plus tôt : lun. 6 juil. 08:00 (London) — lun. 6 juil. 09:00 chez vous',
    );
    expect(ntfy.requests[0]!.headers.click).toBe(LONDON.bookingUrl);
    expect(notifier.shown.map((n) => n.title)).toEqual(titles);

    await alerting.close();
    const onDisk = await readActivityFile(join(dataDir, 'activity.jsonl'));
    expect(
      onDisk
        .filter((e) => e.outcome === 'delivered')
        .map((e) => `${e.channel}:${e.alertKind}`)
        .sort(),
    ).toEqual([
      'desktop:degraded',
      'desktop:new-slots',
      'desktop:recovered',
      'ntfy:degraded',
      'ntfy:new-slots',
      'ntfy:recovered',
    ]);
  });
});
