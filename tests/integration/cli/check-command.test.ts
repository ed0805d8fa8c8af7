// The `check` command as a person runs it: a child process against the replica, real Chromium.
import { runCli } from '../../support/run-cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../replica/server';
import { LONDON_PASSPORTS, LONDON_SLUG } from '../../replica/scenarios';

describe('check command', () => {
  let replica: Replica;
  let londonUrl: string;

  beforeAll(async () => {
    replica = await startReplica();
    londonUrl = replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS });
  });
  afterAll(() => replica.close());

  it('prints one JSON object with the documented fields and exits 0 when the check concluded', async () => {
    const run = await runCli(['check', londonUrl, '--hours', '09:00-12:00', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'status',
        'reason',
        'consulate',
        'service',
        'timeZone',
        'checkedAt',
        'bookingUrl',
        'slots',
        'matching',
        'unknownDays',
      ]),
    );
    expect(report.status).toBe('slots');
    expect(report.service).toBe(LONDON_PASSPORTS);
    expect(report.timeZone).toBe('Europe/London');
    const expected = replica.control
      .slots(LONDON_SLUG, LONDON_PASSPORTS)
      .filter((s) => s.capacity > 0) // a capacity-0 entry is a fully booked time, not a free slot
      .map((s) => `${s.date} ${s.time}`)
      .sort();
    expect(report.slots.map((s: { date: string; time: string }) => `${s.date} ${s.time}`)).toEqual(expected);
    for (const slot of report.slots) {
      const hour = Number(slot.time.slice(0, 2));
      expect(slot.matches).toBe(hour >= 9 && (hour < 12 || slot.time === '12:00'));
    }
    expect(report.matching).toBe(report.slots.filter((s: { matches: boolean }) => s.matches).length);
    expect(report.matching).toBeLessThan(report.slots.length); // the scenario has slots outside those hours
    expect(replica.control.bookingAttempts()).toEqual([]);
  });

  it('groups slots by day for a person and marks the matching ones', async () => {
    const run = await runCli(['check', londonUrl, '--weekdays', 'fri']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Fri \d{4}-\d{2}-\d{2}$/m);
    expect(run.stdout).not.toMatch(/^(Mon|Tue|Wed|Thu) /m);
    expect(run.stdout).toMatch(/^ {2}\* \d{2}:\d{2} {2}\d+ places?$/m);
    expect(run.stdout).toContain(`Book on the official page: ${londonUrl}`);
  });

  it('says the dates are not bookable yet, rather than "all closed", when the filter misses the window', async () => {
    const run = await runCli(['check', londonUrl, '--from', '2030-01-01', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.status).toBe('no-slots');
    expect(report.reason).toMatch(/none of them can be booked yet; the site offers \d{4}-\d{2}-\d{2} to/);
  });

  it('says dates that are over are over, for --to and --before alike', async () => {
    for (const flags of [
      ['--to', '2020-01-31'],
      ['--before', '2020-01-31'],
    ]) {
      const run = await runCli(['check', londonUrl, ...flags, '--json']);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.status).toBe('no-slots');
      expect(report.reason).toMatch(/your dates: they are over; the site offers \d{4}-\d{2}-\d{2} to/);
    }
  });

  it('takes --weekdays more than once, as --hours', async () => {
    const run = await runCli(['check', londonUrl, '--weekdays', 'mon', '--weekdays', 'fri']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Mon /m);
    expect(run.stdout).toMatch(/^Fri /m);
    expect(run.stdout).not.toMatch(/^(Tue|Wed|Thu) /m);
  });

  it('prints the options of a command for --help and exits 0', async () => {
    for (const command of ['check', 'watch', 'history', 'test-alert']) {
      const run = await runCli([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: ambislot ${command} `));
    }
  });

  it('exits 2 with one line saying what a booking URL looks like', async () => {
    const run = await runCli([
      'check',
      'https://example.com/consulat-general-de-france-a-londres/rendez-vous',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('https://consulat.gouv.fr/<consulate>/rendez-vous');
  });

  it('exits 2 on an unknown option, naming it in plain words', async () => {
    const run = await runCli(['check', londonUrl, '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('Unknown option --bogus; see the options below.');
  });

  it('exits 2 on an invalid filter, naming it', async () => {
    const run = await runCli(['check', londonUrl, '--from', '2026-12-31', '--to', '2026-12-01']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/from|to/);
  });

  it('exits 2 on an unknown service and lists the consulate services', async () => {
    const url = replica.bookingUrl(LONDON_SLUG, { name: 'Visas' });
    const run = await runCli(['check', url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(LONDON_PASSPORTS);
  });

  it('exits 2 for a consulate the site does not have (its page answers 404), in one line, not as a network problem', async () => {
    const url = replica.bookingUrl('consulat-general-de-france-a-nulle-part', { name: LONDON_PASSPORTS });
    const run = await runCli(['check', url, '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    // Besides the root warning (CI runs as root), one line.
    const lines = run.stderr
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('Running as root'));
    expect(lines).toEqual([
      expect.stringContaining('no consulate page "consulat-general-de-france-a-nulle-part" (HTTP 404'),
    ]);
  });

  it('exits 3 with status blocked when the site rate-limits (S1)', async () => {
    const id = replica.control.addFault({ route: 'session', kind: '429', retryAfterSeconds: 3600 });
    try {
      const run = await runCli(['check', londonUrl, '--json']);
      expect(run.code).toBe(3);
      const report = JSON.parse(run.stdout);
      expect(report.status).toBe('blocked');
      expect(report.slots).toEqual([]);
    } finally {
      replica.control.removeFault(id);
    }
  });

  it('B1: exits 3 before any check when the configured browser does not exist, naming the path', async () => {
    replica.control.resetRequests();
    const missing = '/opt/Navigateur Élysée/chrome';
    const run = await runCli(['check', londonUrl, '--browser', missing]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(missing);
    expect(run.stdout).toBe('');
    expect(replica.control.requests()).toEqual([]);
  });
});
