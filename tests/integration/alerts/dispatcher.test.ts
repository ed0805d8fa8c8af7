// The dispatcher on the engine's real emitter with a fake clock, a real SMTP server, a local ntfy receiver and a recording desktop port.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityLog, readActivityFile } from '../../../src-main/core/activity-log';
import type { DeliveryActivity } from '../../../src-main/core/activity-log';
import { alertFromNewSlots } from '../../../src-main/core/alerts/alert';
import { AlertDispatcher } from '../../../src-main/core/alerts/dispatcher';
import type { ChannelProblem } from '../../../src-main/core/alerts/dispatcher';
import { createAlertChannel } from '../../../src-main/core/alerts/channel-factory';
import { EngineEmitter } from '../../../src-main/core/engine-events';
import type { AlertSettings } from '../../../shared/alert-settings';
import { FakeClock } from '../../support/fake-clock';
import { londonNewSlots, londonSlot, RecordingNotifier, settingsWith } from './support/fixtures';
import { startHttpReceiver } from './support/http-receiver';
import type { HttpReceiver } from './support/http-receiver';
import { startSmtpTestServer, TEST_CERT } from './support/smtp-test-server';
import type { SmtpTestServer } from './support/smtp-test-server';

const PASSWORD = 'the-right-password';
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Rig {
  clock: FakeClock;
  emitter: EngineEmitter;
  notifier: RecordingNotifier;
  dispatcher: AlertDispatcher;
  log: ActivityLog;
  problems: ChannelProblem[];
  recovered: string[];
  settings: AlertSettings;
  smtp: SmtpTestServer;
  ntfy: HttpReceiver;
  entries(channel: string): DeliveryActivity[];
}

async function rig(
  configure: (settings: AlertSettings, smtp: SmtpTestServer, ntfy: HttpReceiver) => void,
  options: { wallStart?: string; file?: string } = {},
): Promise<Rig> {
  const smtp = await startSmtpTestServer({ mode: 'starttls', user: 'alice', password: PASSWORD });
  const ntfy = await startHttpReceiver();
  cleanups.push(
    () => smtp.close(),
    () => ntfy.close(),
  );
  const settings = settingsWith((s) => {
    s.language = 'en';
    s.email = {
      ...s.email,
      enabled: true,
      host: 'localhost',
      port: smtp.port,
      security: 'starttls',
      user: 'alice',
      password: PASSWORD,
      from: 'alerts@example.org',
      to: ['alice@example.org'],
    };
    s.ntfy = { ...s.ntfy, serverUrl: ntfy.url, topic: 'ambislot-test' };
    configure(s, smtp, ntfy);
  });
  const clock = new FakeClock(options.wallStart ?? '2026-07-02T08:00:00Z');
  const emitter = new EngineEmitter();
  const notifier = new RecordingNotifier();
  const log = options.file ? await ActivityLog.open({ file: options.file }) : ActivityLog.inMemory();
  const problems: ChannelProblem[] = [];
  const recovered: string[] = [];
  const dispatcher = new AlertDispatcher({
    getSettings: () => settings,
    desktopNotifier: notifier,
    clock,
    activityLog: log,
    userTimeZone: 'Europe/Paris',
    emailExtraCa: TEST_CERT,
    onChannelProblem: (p) => problems.push(p),
    onChannelRecovered: (c) => recovered.push(c),
  });
  dispatcher.attach(emitter);
  cleanups.push(() => dispatcher.close());
  return {
    clock,
    emitter,
    notifier,
    dispatcher,
    log,
    problems,
    recovered,
    settings,
    smtp,
    ntfy,
    entries: (channel) => log.entries().filter((e) => e.channel === channel),
  };
}

/** Waits in real time (the SMTP exchange is real) for a condition, failing after a few seconds. */
async function until(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Moves the fake clock and lets the real network attempts it started finish. */
async function advance(r: Rig, ms: number) {
  await r.clock.advance(ms);
  await r.dispatcher.whenIdle();
}

describe('alert dispatcher', () => {
  it('A4: e-mail refused with SMTP 535 — the desktop alert still shows once, the failure is told once with the reply, retried slowly with backoff, and the e-mail goes out once the password is fixed', async () => {
    const r = await rig((s) => {
      s.email.password = 'an-old-password';
    });
    r.emitter.emit('new-slots', londonNewSlots());
    await r.dispatcher.whenIdle();

    expect(r.notifier.shown).toHaveLength(1);
    expect(r.notifier.shown[0]!.title).toBe(
      '12 new slots — Passeports, Consulat général de France à Londres',
    );
    expect(r.smtp.received).toHaveLength(0);
    expect(r.problems).toEqual([
      expect.objectContaining({
        channel: 'email',
        serverReply: '535 5.7.8 Authentication failed',
        retryable: false,
      }),
    ]);
    expect(r.problems[0]!.hint).toMatch(/user name or password/);
    expect(r.entries('email')).toEqual([
      expect.objectContaining({
        outcome: 'failed',
        attempt: 1,
        retryable: false,
        serverReply: '535 5.7.8 Authentication failed',
      }),
    ]);
    // Retried with a slow backoff (10 min, then 30 more), never a loop hammering the server with a wrong password.
    expect(r.entries('email')[0]!.nextAttemptAt).toBe('2026-07-02T08:10:00.000Z');
    await advance(r, 10 * 60_000 - 1_000);
    expect(r.smtp.authAttempts).toBe(1);
    await advance(r, 1_000);
    expect(r.smtp.authAttempts).toBe(2);
    await advance(r, 30 * 60_000);
    expect(r.smtp.authAttempts).toBe(3);
    expect(r.entries('email').at(-1)).toMatchObject({ outcome: 'failed', attempt: 3 });
    expect(r.entries('email').at(-1)!.nextAttemptAt).toBeUndefined(); // parked until the settings change
    await advance(r, 2 * 3_600_000);
    expect(r.smtp.authAttempts).toBe(3);
    expect(r.notifier.calls).toBe(1);
    expect(r.problems).toHaveLength(1);

    // A second alert: shown on the desktop, e-mail fails the same way, the person is not told twice.
    r.emitter.emit('new-slots', {
      ...londonNewSlots(r.clock.wallNow().toISOString()),
      slots: [londonSlot('2026-07-10', '11:00')],
      earliest: londonSlot('2026-07-10', '11:00'),
      count: 1,
    });
    await r.dispatcher.whenIdle();
    expect(r.notifier.shown).toHaveLength(2);
    expect(r.problems).toHaveLength(1);

    // The person fixes the password: both parked e-mails go out once; the desktop shows nothing again.
    r.settings.email = { ...r.settings.email, password: PASSWORD };
    r.dispatcher.settingsChanged();
    await r.dispatcher.whenIdle();
    // Both go out together, in no particular order.
    expect(r.smtp.received.map((m) => m.subject).sort()).toEqual([
      '12 new slots — Passeports, Consulat général de France à Londres',
      'New slot — Passeports, Consulat général de France à Londres',
    ]);
    expect(r.notifier.shown).toHaveLength(2);
    expect(r.notifier.calls).toBe(2);
    expect(r.recovered).toEqual(['email']);
    await advance(r, 3_600_000);
    expect(r.smtp.received).toHaveLength(2);
  });

  it('A4: a temporary e-mail failure (451) is retried with exponential backoff and delivered once; the desktop alert is never repeated', async () => {
    const r = await rig((_s, smtp) => smtp.failNextMail(2, 451, '4.3.0 Temporary failure, try again'));
    r.emitter.emit('new-slots', londonNewSlots());
    await r.dispatcher.whenIdle();
    expect(r.notifier.shown).toHaveLength(1);
    expect(r.entries('email')).toEqual([
      expect.objectContaining({
        outcome: 'failed',
        attempt: 1,
        retryable: true,
        nextAttemptAt: '2026-07-02T08:00:30.000Z',
      }),
    ]);
    expect(r.entries('email')[0]!.serverReply).toMatch(/^451 4\.3\.0 Temporary failure, try again/);

    await advance(r, 29_000);
    expect(r.entries('email')).toHaveLength(1); // not before the backoff
    await advance(r, 1_000);
    expect(r.entries('email')[1]).toEqual(
      expect.objectContaining({ outcome: 'failed', attempt: 2, nextAttemptAt: '2026-07-02T08:01:30.000Z' }),
    );
    await advance(r, 60_000);
    expect(r.entries('email')[2]).toEqual(expect.objectContaining({ outcome: 'delivered', attempt: 3 }));
    expect(r.smtp.received).toHaveLength(1);
    expect(r.notifier.calls).toBe(1);
    expect(r.problems).toHaveLength(1); // told once for the episode, not per retry
    expect(r.recovered).toEqual(['email']);
    await advance(r, 3_600_000);
    expect(r.smtp.received).toHaveLength(1);
  });

  it('A4 (reverse): the desktop notifier fails — the e-mail still goes out once, and the desktop alert is retried with backoff and shown once', async () => {
    const r = await rig(() => {});
    r.notifier.failures = 2;
    r.emitter.emit('new-slots', londonNewSlots());
    await r.dispatcher.whenIdle();
    expect(r.smtp.received).toHaveLength(1);
    expect(r.notifier.shown).toHaveLength(0);
    expect(r.problems).toEqual([
      expect.objectContaining({
        channel: 'desktop',
        serverReply: 'Notification service unavailable',
        retryable: true,
      }),
    ]);

    await advance(r, 30_000);
    expect(r.notifier.calls).toBe(2);
    await advance(r, 60_000);
    expect(r.notifier.shown).toHaveLength(1);
    expect(r.entries('desktop').map((e) => [e.outcome, e.attempt])).toEqual([
      ['failed', 1],
      ['failed', 2],
      ['delivered', 3],
    ]);
    expect(r.smtp.received).toHaveLength(1);
    expect(r.entries('email').map((e) => e.outcome)).toEqual(['delivered']);
  });

  it('A4: a channel that hangs does not hold the others; its attempt is aborted after the timeout and retried', async () => {
    const r = await rig((s) => {
      s.ntfy.enabled = true;
    });
    // ntfy that never answers: the request stays open until the dispatcher aborts it.
    let hung = 0;
    const dispatcher = new AlertDispatcher({
      getSettings: () => r.settings,
      desktopNotifier: r.notifier,
      clock: r.clock,
      activityLog: r.log,
      userTimeZone: 'Europe/Paris',
      emailExtraCa: TEST_CERT,
      createChannel: (name, settings, deps) =>
        name === 'ntfy'
          ? {
              name,
              send: (_a, signal) =>
                new Promise((_resolve, reject) => {
                  hung += 1;
                  signal.addEventListener('abort', () => reject(signal.reason));
                }),
            }
          : createAlertChannel(name, settings, deps),
    });
    cleanups.push(() => dispatcher.close());
    dispatcher.dispatch(alertFromNewSlots(londonNewSlots()));
    await r.clock.advance(0);
    // The e-mail arrives while ntfy still hangs (whenIdle would wait for ntfy, so poll for the mail).
    await until(() => r.smtp.received.length === 1);
    expect(r.notifier.shown).toHaveLength(1);
    expect(r.smtp.received).toHaveLength(1);
    expect(hung).toBe(1);
    await r.clock.advance(60_000); // the attempt timeout
    expect(r.entries('ntfy')).toEqual([
      expect.objectContaining({ outcome: 'failed', retryable: true, serverReply: 'timed out' }),
    ]);
  });

  it('delivers each alert id once per channel: the same event twice, and across retries', async () => {
    const r = await rig((s) => {
      s.ntfy.enabled = true;
    });
    r.ntfy.answerNext({ status: 503, body: 'upstream down' });
    const event = londonNewSlots();
    r.emitter.emit('new-slots', event);
    r.emitter.emit('new-slots', event);
    await r.dispatcher.whenIdle();
    r.emitter.emit('new-slots', event); // again while the ntfy retry waits
    await advance(r, 30_000);
    r.emitter.emit('new-slots', event); // and after it was delivered
    await advance(r, 3_600_000);
    expect(r.ntfy.requests).toHaveLength(2); // the failed one and the retry
    expect(r.notifier.shown).toHaveLength(1);
    expect(r.smtp.received).toHaveLength(1);
    expect(r.entries('ntfy').map((e) => e.outcome)).toEqual(['failed', 'delivered']);
  });

  it('quiet hours: the desktop shows at once but silently; ntfy holds the alert until the window ends; e-mail without quiet hours sends now', async () => {
    // 21:30 UTC = 23:30 in Paris, inside 22:00–07:00.
    const r = await rig(
      (s) => {
        s.ntfy.enabled = true;
        s.ntfy.quietHours = { from: '22:00', to: '07:00' };
        s.desktop.quietHours = { from: '22:00', to: '07:00' };
      },
      { wallStart: '2026-07-02T21:30:00Z' },
    );
    r.emitter.emit('new-slots', londonNewSlots('2026-07-02T21:30:00.000Z'));
    await r.dispatcher.whenIdle();
    expect(r.notifier.shown).toEqual([expect.objectContaining({ silent: true })]);
    expect(r.smtp.received).toHaveLength(1);
    expect(r.ntfy.requests).toHaveLength(0);
    expect(r.entries('ntfy')).toEqual([
      expect.objectContaining({ outcome: 'held', nextAttemptAt: '2026-07-03T05:00:00.000Z' }),
    ]);
    expect(r.entries('desktop')).toEqual([expect.objectContaining({ outcome: 'delivered', silent: true })]);

    await advance(r, 7.5 * 3_600_000 - 1_000); // 06:59:59 Paris
    expect(r.ntfy.requests).toHaveLength(0);
    await advance(r, 1_000);
    expect(r.ntfy.requests).toHaveLength(1);
    expect(r.ntfy.requests[0]!.headers.click).toBe(londonNewSlots().bookingUrl);
    expect(r.entries('ntfy').map((e) => e.outcome)).toEqual(['held', 'delivered']);
    // Outside quiet hours the desktop makes its sound again.
    r.emitter.emit('recovered', {
      watchId: 'london-passports',
      at: r.clock.wallNow().toISOString(),
      bookingUrl: londonNewSlots().bookingUrl,
      failedChecks: 4,
    });
    await r.dispatcher.whenIdle();
    expect(r.notifier.shown[1]!.silent).toBeUndefined();
  });

  it('names the watch in notices from the engine snapshot, and never alerts on gone or status events', async () => {
    const r = await rig(() => {});
    r.emitter.emit('gone', {
      watchId: 'london-passports',
      at: '2026-07-02T08:00:00Z',
      bookingUrl: 'https://x',
      consulate: 'c',
      service: 's',
      slots: [],
    });
    r.emitter.emit('degraded', {
      watchId: 'london-passports',
      at: '2026-07-02T08:00:00Z',
      bookingUrl: londonNewSlots().bookingUrl,
      consecutiveFailures: 3,
      lastStatus: 'unreachable',
      reason: 'HTTP 503 from the site',
    });
    await r.dispatcher.whenIdle();
    expect(r.notifier.shown).toHaveLength(1);
    expect(r.notifier.shown[0]!.title).toBe('Monitoring degraded — consulat.gouv.fr');
    expect(r.smtp.received[0]!.text).toContain('The last 3 checks failed (unreachable)');
  });

  it('records every delivery step in a JSONL file that is still readable after a crash mid-write', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ambislot-activity-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'activity.jsonl');
    const r = await rig((s) => (s.email.password = 'wrong'), { file });
    r.emitter.emit('new-slots', londonNewSlots());
    await r.dispatcher.whenIdle();
    await r.log.flush();
    const { appendFile } = await import('node:fs/promises');
    await appendFile(file, '{"type":"delivery","at":"2026-07-02T08:00:01'); // a torn line, as a crash leaves it
    const onDisk = await readActivityFile(file);
    expect(onDisk.map((e) => [e.channel, e.outcome])).toEqual([
      ['desktop', 'delivered'],
      ['email', 'failed'],
    ]);
    expect(onDisk[1]!.serverReply).toBe('535 5.7.8 Authentication failed');
    expect(JSON.stringify(onDisk)).not.toContain('wrong"');
    const reopened = await ActivityLog.open({ file });
    expect(reopened.entries()).toEqual(onDisk);
  });
});
