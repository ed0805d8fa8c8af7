// The engine → history wiring for real: createMonitor with Chromium against the replica files every check, and the
import { runCli } from '../../support/run-cli';
// `history` command (a child process, as a person runs it) reads the same file back as CSV and as insight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyFileFor } from '../../../src-main/core/history/history-calendar';
import { loadCalendarHistory, readHistoryFile } from '../../../src-main/core/history/history-file';
import { createMonitor } from '../../../src-main/core/monitor';
import type { StatusEvent } from '../../../src-main/core/engine-events';
import { startReplica, type Replica } from '../../replica/server';
import { LONDON_PASSPORTS, LONDON_SLUG } from '../../replica/scenarios';
import { tempDataDir } from '../../unit/history/history-support';

describe('history through real Chromium and the CLI', () => {
  let replica: Replica;
  let url: string;
  let dir: string;
  let remove: () => Promise<void>;
  const added = { slug: LONDON_SLUG, service: LONDON_PASSPORTS, date: '', time: '07:15', capacity: 2 };

  beforeAll(async () => {
    replica = await startReplica({ captcha: 'off' });
    url = replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS });
    ({ dir, remove } = await tempDataDir());
    added.date = replica.control.slots(LONDON_SLUG, LONDON_PASSPORTS).find((s) => s.capacity > 0)!.date;

    const monitor = await createMonitor({ dataDir: dir, env: {}, headless: true });
    const { engine } = monitor;
    const first = new Promise<StatusEvent>((resolve) => engine.on('status', resolve));
    engine.addWatch({ id: 'w', bookingUrl: url, filter: {}, intervalMs: 3_600_000, enabled: true });
    monitor.start();
    expect((await first).outcome).toBe('slots');
    replica.control.addSlot(added);
    expect((await engine.checkNow('w')).status).toBe('slots');
    replica.control.removeSlot(added);
    expect((await engine.checkNow('w')).status).toBe('slots');
    await monitor.close();
  }, 120_000);
  afterAll(async () => {
    await replica.close();
    await remove();
  });

  it('filed the three checks and the added slot as one episode, from its first check to the one without it', async () => {
    const file = historyFileFor(dir, url);
    expect((await readHistoryFile(file)).skippedLines).toBe(0);
    const history = await loadCalendarHistory(file);
    expect(history.checks.map((c) => c.status)).toEqual(['slots', 'slots', 'slots']);
    expect(history).toMatchObject({ timeZone: 'Europe/London', service: LONDON_PASSPORTS });
    const [, second, third] = history.checks;
    const episode = history.episodes.find((e) => e.date === added.date && e.time === '07:15');
    expect(episode).toMatchObject({
      capacity: 2,
      firstSeenAt: second!.at,
      lastSeenAt: second!.at,
      endedAt: third!.at,
      end: 'gone',
      appearedAfter: history.checks[0]!.at,
    });
    const before = replica.control.slots(LONDON_SLUG, LONDON_PASSPORTS).filter((s) => s.capacity > 0);
    const stillOpen = history.episodes.filter((e) => e.end === 'open');
    expect(stillOpen.map((e) => `${e.date} ${e.time}`).sort()).toEqual(
      before.map((s) => `${s.date} ${s.time}`).sort(),
    );
    expect(stillOpen.every((e) => e.appearedAfter === undefined)).toBe(true); // there at the first check: time unknown
  });

  it('`history <url> --csv` prints that history as RFC 4180 CSV', async () => {
    const run = await runCli(['history', url, '--csv', '--data-dir', dir]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\r\n');
    expect(lines[0]).toMatch(/^consulate,service,slot_date,slot_time,time_zone,/);
    const row = lines.find((l) => l.includes(`,${added.date},07:15,Europe/London,`))!;
    expect(row).toMatch(/,2,\d{4}-\d{2}-\d{2},\d{2}:\d{2},\d{4}-\d{2}-\d{2}T[\d:.]+Z,/);
    expect(row).toMatch(/,gone,[\d.]+,yes$/);
    const checks = await runCli(['history', url, '--csv', '--checks', '--data-dir', dir]);
    expect(
      checks.stdout.split('\r\n').filter((l) => l.endsWith(',slots,' + l.split(',').at(-1))),
    ).toHaveLength(3);
  });

  it('`history <url>` says what it rests on and that release times can be irregular; a bad URL or --checks without --csv exits 2', async () => {
    const run = await runCli(['history', url, '--data-dir', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /Based on [12] day\(s\) watched, 3 checks and 1 slot appearances with a known time/,
    );
    expect(run.stdout).toContain('Release times can be irregular');
    const bad = await runCli(['history', 'https://example.com/x', '--data-dir', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Not a consulat.gouv.fr booking page');
    // --checks alone used to print the summary as if it had been understood.
    const checksAlone = await runCli(['history', url, '--checks', '--data-dir', dir]);
    expect(checksAlone.code).toBe(2);
    expect(checksAlone.stderr).toContain('add --csv');
  });
});
