// `watch --json` as a person runs it: a child process, real Chromium, the replica through a scripted scenario.
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../replica/server';
import { LONDON_PASSPORTS, LONDON_SLUG, openDays } from '../../replica/scenarios';
import type { LoggedRequest } from '../../replica/request-log';
import {
  descendantsOf,
  isRunning,
  processesMentioning,
  startWatch,
  type WatchJsonLine,
  type WatchProcess,
} from './watch-process';

const INTERVAL_MS = 1_000;
const JITTER = 0.2;

/** Polls until `done()` holds, so a step waits for the checks it needs and no longer. */
async function until(done: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const slotsOf = (line: WatchJsonLine) => line.slots.map((s) => `${s.date} ${s.time}`);

describe('watch command', () => {
  let replica: Replica;
  let url: string;
  let workDir: string;
  let watch: WatchProcess | undefined;
  const days: string[] = [];

  beforeAll(async () => {
    replica = await startReplica({ captcha: 'off' });
    url = replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS });
    const team = replica.control.teams().find((t) => t.slug === LONDON_SLUG)!;
    const open = openDays(team, LONDON_PASSPORTS, replica.control.clock.now());
    // Three open days of our own, emptied so the scenario decides everything in the filter's range.
    days.push(open[5]!, open[6]!, open[7]!);
    for (const day of days) replica.control.setDay(LONDON_SLUG, LONDON_PASSPORTS, day, []);
    workDir = mkdtempSync(join(tmpdir(), 'ambislot-watch-'));
  });

  afterAll(async () => {
    if (watch && watch.child.exitCode === null) watch.child.kill('SIGKILL');
    await replica.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('tells new slots once, gone slots, a flap without a second alert, one degraded and one recovered notice; SIGINT leaves no Chromium', async () => {
    const [d1, d2, d3] = days as [string, string, string];
    const control = replica.control;
    const slot = (date: string, time: string) => ({
      slug: LONDON_SLUG,
      service: LONDON_PASSPORTS,
      date,
      time,
      capacity: 1,
    });
    const checks = (): number => control.requests({ origin: 'api', route: 'get-interval' }).length;
    const afterChecks = async (n: number) => {
      const target = checks() + n;
      await until(() => checks() >= target, `${n} more checks`);
    };

    control.addSlot(slot(d1, '09:00'));
    // Playwright makes Chromium's profile under TMPDIR: every browser this watch starts names this folder.
    const profileRoot = mkdtempSync(join(workDir, 'tmp-'));
    watch = startWatch(
      [url, '--from', d1, '--to', d3, '--interval', '1s', '--data-dir', join(workDir, 'data')],
      { TMPDIR: profileRoot },
    );

    // 1. The first check: the slot already there is new to this memory.
    let line = await watch.next(30_000);
    expect(line).toMatchObject({ event: 'new-slots', status: 'ok', watch: url });
    expect(line.slots).toEqual([{ date: d1, time: '09:00', timeZone: 'Europe/London', capacity: 1 }]);
    line = await watch.next();
    expect(line).toMatchObject({ event: 'status', status: 'ok', outcome: 'slots' });

    // 2. A scheduled drop appears, then vanishes.
    const dropAt = new Date(control.clock.now() + 1_500).toISOString();
    control.scheduleDrop({
      slug: LONDON_SLUG,
      service: LONDON_PASSPORTS,
      date: d2,
      time: '10:00',
      capacity: 2,
      at: dropAt,
      durationMs: 4_000,
    });
    line = await watch.next();
    expect(line.event).toBe('new-slots');
    expect(line.slots).toEqual([{ date: d2, time: '10:00', timeZone: 'Europe/London', capacity: 2 }]);
    line = await watch.next();
    expect(line.event).toBe('gone');
    expect(slotsOf(line)).toEqual([`${d2} 10:00`]);

    // 3. A flap: the same slot back is not alerted again; a new one meanwhile is, at once.
    control.addSlot({ ...slot(d2, '10:00'), capacity: 2 });
    await afterChecks(2);
    expect(watch.untaken()).toEqual([]);
    control.addSlot(slot(d3, '11:00'));
    line = await watch.next();
    expect(line.event).toBe('new-slots');
    expect(slotsOf(line)).toEqual([`${d3} 11:00`]);

    // 4. An outage: failures, one degraded notice at the third, one recovered notice, no slot alerts.
    const sessionsBeforeOutage = control.sessionsCreated();
    const fault = control.addFault({ route: 'api', kind: '5xx', status: 503 });
    line = await watch.next();
    expect(line).toMatchObject({ event: 'status', status: 'failing' });
    expect(line.outcome).not.toMatch(/^(slots|no-slots)$/);
    line = await watch.next(20_000);
    expect(line).toMatchObject({ event: 'status', status: 'degraded', notice: 'degraded' });
    control.removeFault(fault);
    line = await watch.next(30_000);
    expect(line).toMatchObject({ event: 'status', status: 'ok', outcome: 'slots', notice: 'recovered' });
    expect(slotsOf(line)).toEqual([`${d1} 09:00`, `${d2} 10:00`, `${d3} 11:00`]);
    await afterChecks(1);
    expect(watch.untaken()).toEqual([]);
    expect(control.sessionsCreated()).toBe(sessionsBeforeOutage + 1);

    // 5. Ctrl-C: exit 0, and no Chromium left, neither a child of the CLI nor any using its profile folder.
    const browsers = descendantsOf(watch.child.pid!);
    expect(processesMentioning(profileRoot).length).toBeGreaterThan(0);
    watch.child.kill('SIGINT');
    const exit = await watch.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    await until(() => browsers.every((pid) => !isRunning(pid)), 'the browser processes to end', 5_000);
    expect(processesMentioning(profileRoot)).toEqual([]);

    // Exactly these lines, none duplicated.
    const all = [`${d1} 09:00`, `${d2} 10:00`, `${d3} 11:00`].join(',');
    expect(
      watch.lines.map((l) => [l.event, l.status, l.notice ?? '-', slotsOf(l).join(',')].join(' ')),
    ).toEqual([
      `new-slots ok - ${d1} 09:00`,
      `status ok - ${d1} 09:00`,
      `new-slots ok - ${d2} 10:00`,
      `gone ok - ${d2} 10:00`,
      `new-slots ok - ${d3} 11:00`,
      `status failing - ${all}`,
      `status degraded degraded ${all}`,
      `status ok recovered ${all}`,
    ]);

    // Politeness, from what reached the site.
    const groups = checksIn(control.requests({ origin: 'api' }));
    let failuresInARow = 0;
    for (const [index, group] of groups.entries()) {
      const routes = group.map((r) => r.route);
      const asked = group.filter((r) => r.route === 'availability').map((r) => r.query.date!);
      if (routes[0] === 'get-interval') {
        // Warm: no page load, no new session; only the interval, the closed days and the candidate days.
        expect(routes.filter((r) => !['get-interval', 'exclude-days', 'availability'].includes(r))).toEqual(
          [],
        );
        if (!failed(group)) expect(routes.filter((r) => r === 'exclude-days')).toHaveLength(1);
        expect(asked.every((day) => day >= d1 && day <= d3)).toBe(true);
      } else {
        expect(routes[0]).toBe('handshake');
        // A cold walk: the page itself reads its first open day once; every other day asked is a candidate.
        expect(asked.filter((day) => day < d1 || day > d3).length).toBeLessThanOrEqual(1);
      }
      expect(new Set(asked).size).toBe(asked.length);
      if (index === 0) continue;
      const gap = Date.parse(group[0]!.realTime) - Date.parse(groups[index - 1]![0]!.realTime);
      // Each wait is the interval (doubled per failure in a row), shrunk by at most the jitter.
      expect(gap).toBeGreaterThanOrEqual(INTERVAL_MS * 2 ** failuresInARow * (1 - JITTER));
      failuresInARow = failed(group) ? failuresInARow + 1 : 0;
    }
    // Two walks of the wizard: the first check and the recovery; failed walks during the outage aside.
    expect(groups.filter((g) => g[0]!.route === 'handshake' && !failed(g))).toHaveLength(2);
    expect(control.bookingAttempts()).toEqual([]);
  }, 90_000);

  it('exits 2 on an interval under the floor, saying the floor (60s on the real site, 1s on loopback)', async () => {
    const real = 'https://consulat.gouv.fr/consulat-general-de-france-a-londres/rendez-vous?name=Passeports';
    const tooFast = startWatch([real, '--interval', '30s'], {});
    const notADuration = startWatch([url, '--interval', '5'], {});
    const underLoopbackFloor = startWatch([url, '--interval', '500ms'], {});
    expect((await tooFast.exited).code).toBe(2);
    expect(tooFast.stderr()).toMatch(/60s/);
    expect((await notADuration.exited).code).toBe(2);
    expect(notADuration.stderr()).toMatch(/90s, 3m or 1h/);
    expect((await underLoopbackFloor.exited).code).toBe(2);
    expect(underLoopbackFloor.stderr()).toMatch(/1s/);
  });

  it('exits 2 when the first check finds no such service, listing the services as `check` does, and leaves no Chromium', async () => {
    const wrong = replica.bookingUrl(LONDON_SLUG, { name: 'Passeport pour la Lune' });
    // Chromium's profile goes under TMPDIR: any process still naming it would be a browser left behind.
    const profileRoot = mkdtempSync(join(workDir, 'tmp-unknown-'));
    const run = startWatch([wrong, '--interval', '1s', '--data-dir', join(workDir, 'unknown-service')], {
      TMPDIR: profileRoot,
    });
    expect((await run.exited).code).toBe(2);
    expect(run.stderr()).toContain('no open service named "Passeport pour la Lune"');
    expect(run.stderr()).toContain(`"${LONDON_PASSPORTS}"`);
    expect(run.lines.filter((line) => line.event === 'new-slots')).toEqual([]);
    await until(() => processesMentioning(profileRoot).length === 0, 'Chromium to end', 5_000);
  }, 60_000);

  it('B1: says "not monitoring" with the missing path and exits 3 before any request', async () => {
    replica.control.resetRequests();
    const missing = '/opt/Navigateur Élysée/chrome';
    const run = startWatch(
      [url, '--interval', '1s', '--browser', missing, '--data-dir', join(workDir, 'b1')],
      {},
    );
    expect((await run.exited).code).toBe(3);
    expect(run.stderr()).toContain('Not monitoring');
    expect(run.stderr()).toContain(missing);
    expect(run.lines).toEqual([]);
    expect(replica.control.requests()).toEqual([]);
  });

  it.each([
    ['under a file', () => join(workDir, 'a-file', 'data')],
    // procfs answers ENOENT for any new folder: Node's recursive mkdir spins on it forever.
    ['under /proc', () => '/proc/ambislot-nope/data'],
  ])(
    'says "not monitoring" in one line and exits 3 for a folder %s, before any request',
    async (_what, dir) => {
      await writeFile(join(workDir, 'a-file'), 'not a folder');
      replica.control.resetRequests();
      const run = startWatch([url, '--interval', '1s', '--data-dir', dir()], {});
      expect((await run.exited).code).toBe(3);
      expect(run.stderr()).toMatch(/Not monitoring: The data folder .* cannot be used/);
      expect(run.stderr()).not.toMatch(/\n\s+at /); // no stack trace
      expect(replica.control.requests()).toEqual([]);
    },
  );
});

/** The API requests of each check, in order: a check opens with a handshake (cold) or get-interval (warm). */
function checksIn(requests: LoggedRequest[]): LoggedRequest[][] {
  const groups: LoggedRequest[][] = [];
  for (const request of requests.filter((r) => r.route !== 'preflight')) {
    const current = groups[groups.length - 1];
    const opens =
      !current ||
      request.route === 'handshake' ||
      (request.route === 'get-interval' && current.some((r) => r.route === 'get-interval'));
    if (opens) groups.push([request]);
    else current.push(request);
  }
  return groups;
}

function failed(group: LoggedRequest[]): boolean {
  return group.some((r) => r.status === null || r.status >= 500);
}
