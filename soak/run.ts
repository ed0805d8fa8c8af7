/** `npm run soak`: the real engine, provider and Chromium against the replica for thousands of checks, with random faults. Figures, not a test. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { defaultAlertSettings } from '../shared/alert-settings';
import { ActivityLog } from '../src-main/core/activity-log';
import { AlertDispatcher } from '../src-main/core/alerts/dispatcher';
import { createMonitor } from '../src-main/core/monitor';
import type { CheckRequest } from '../src-main/core/providers/provider';
import { startReplica } from '../tests/replica/server';
import {
  LONDON_PASSPORTS,
  LONDON_SLUG,
  MONTREAL_PASSPORTS,
  MONTREAL_SLUG,
  openDays,
} from '../tests/replica/scenarios';
import { descendantsOf } from '../tests/integration/watch/watch-process';
import { memorySnapshot } from '../bench/proc-memory';
import { keyOf, Ledger } from './ground-truth';
import type { Calendar, SlotKey } from './ground-truth';
import { SoakClock } from './soak-clock';
import { seededRandom } from '../tests/support/seeded-random';

const CHECKS = Number(process.env.SOAK_CHECKS ?? 2_000);
const SEED = Number(process.env.SOAK_SEED ?? 7);
const START = '2026-03-02T09:00:00Z';
const INTERVAL_MS = 60_000;
const MB = 1024 * 1024;
/** A provider call longer than this (real time) is a hang: the engine has long given up on it by then. */
const STUCK_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const random = seededRandom(SEED);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const clock = new SoakClock(START);
  const replica = await startReplica({ now: START, captcha: 'invisible' });
  const syncReplica = () => replica.control.clock.set(clock.wallNow().toISOString());

  // Two calendars, two sessions; each watch asks for two weeks that stay inside the window all along.
  const calendars: Calendar[] = [
    [LONDON_SLUG, LONDON_PASSPORTS, 'fr'],
    [MONTREAL_SLUG, MONTREAL_PASSPORTS, 'en'],
  ].map(([slug, service]) => {
    const team = replica.control.teams().find((t) => t.slug === slug)!;
    const days = openDays(team, service!, replica.control.clock.now()).slice(8, 14);
    for (const day of days) replica.control.setDay(slug!, service!, day, []);
    return { id: replica.bookingUrl(slug!, {}).split('?')[0]!, slug: slug!, service: service!, days };
  });
  const urlOf = (c: Calendar, lang: 'fr' | 'en') => replica.bookingUrl(c.slug, { lang, name: c.service });
  const calendarOf = (url: string) => calendars.find((c) => url.includes(`/${c.slug}/`))!;
  const inventoryOf = (c: Calendar): Set<SlotKey> =>
    new Set(
      replica.control
        .slots(c.slug, c.service)
        .filter((s) => s.capacity > 0 && c.days.includes(s.date))
        .map((s) => keyOf(c.id, s)),
    );

  const ledger = new Ledger();
  const inFlight = new Map<CheckRequest, Set<SlotKey>>();
  const startedAt = new Map<CheckRequest, number>();
  /** Checks whose provider call outlived STUCK_MS real time: reported, and no longer waited for. */
  const stuck: string[] = [];
  /** Real time of each check the provider ran, for the figures (and to see what makes a run slow). */
  const durations: { ms: number; what: string }[] = [];
  let killMidCheck = false;
  const browserEvents: Record<string, number> = {};
  const log: string[] = [];
  /** The provider's last lines, printed with a stall under SOAK_DEBUG (where a check hangs). */
  const providerLog: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'ambislot-soak-'));
  const monitor = await createMonitor({
    dataDir,
    env: process.env,
    headless: true,
    clock,
    globalIntervalMs: INTERVAL_MS,
    log: (line) => log.push(line),
    engine: { random: { next: random } },
    provider: {
      now: () => clock.wallNow(),
      log: (entry) => {
        providerLog.push(
          `${performance.now().toFixed(0)} ${entry.level} ${entry.message} ${entry.data ? JSON.stringify(entry.data).slice(0, 300) : ''}`,
        );
        if (providerLog.length > 60) providerLog.shift();
      },
      timeouts: { stepMs: 15_000, settleMs: 3_000, captchaMs: 3_000, requestMs: 10_000 },
    },
    onBrowserEvent: (event) => (browserEvents[event.kind] = (browserEvents[event.kind] ?? 0) + 1),
    observeChecks: {
      started(request) {
        inFlight.set(request, inventoryOf(calendarOf(request.bookingUrl)));
        startedAt.set(request, performance.now());
        if (killMidCheck) {
          killMidCheck = false;
          setTimeout(killBrowser, 50 + random() * 400);
        }
      },
      ended(request, outcome) {
        const inventory = inFlight.get(request) ?? new Set();
        if (!inFlight.has(request)) return; // a stuck check ending late: already written off
        const began = startedAt.get(request);
        if (began !== undefined)
          durations.push({
            ms: performance.now() - began,
            what: `${calendarOf(request.bookingUrl).slug.replace('consulat-general-de-france-a-', '')} ${outcome.status}: ${outcome.reason.slice(0, 90)}`,
          });
        inFlight.delete(request);
        ledger.checkEnded(calendarOf(request.bookingUrl).id, inventory, outcome);
      },
    },
  });

  const notifications: string[] = [];
  const dispatcher = new AlertDispatcher({
    getSettings: defaultAlertSettings,
    desktopNotifier: { show: async (n) => void notifications.push(n.title) },
    clock,
    activityLog: ActivityLog.inMemory(),
    userTimeZone: 'Europe/Paris',
  });
  dispatcher.attach(monitor.engine);
  dispatcher.attach(monitor.watchdog);
  const notices: Record<string, number> = {};
  for (const name of ['degraded', 'recovered', 'blocked', 'action-needed', 'monitoring-stopped'] as const) {
    const source = name === 'monitoring-stopped' ? monitor.watchdog : monitor.engine;
    source.on(name, (e) => {
      notices[name] = (notices[name] ?? 0) + 1;
      if (process.env.SOAK_DEBUG) console.error(name, JSON.stringify(e), clock.now());
    });
  }
  monitor.engine.on('new-slots', (event) => ledger.alerted(calendarOf(event.bookingUrl).id, event.slots));

  const watches = calendars.map((c, i) => ({
    id: `soak-${i}`,
    bookingUrl: urlOf(c, i === 0 ? 'fr' : 'en'),
    filter: { from: c.days[0]!, to: c.days.at(-1)! },
    enabled: true,
  }));
  for (const watch of watches) monitor.engine.addWatch(watch);

  function killBrowser(): void {
    const main = descendantsOf(process.pid).find((pid) => isBrowserMain(pid));
    if (main === undefined) return;
    try {
      process.kill(main, 'SIGKILL');
      faults.browserKilled += 1;
    } catch {
      // already gone
    }
  }

  const faults = {
    slotAdded: 0,
    slotRemoved: 0,
    r429: 0,
    r5xx: 0,
    slow: 0,
    expired: 0,
    captcha: 0,
    browserKilled: 0,
    solved: 0,
  };
  const used = new Set<SlotKey>();
  function chaos(): void {
    const r = random();
    const calendar = pick(calendars);
    if (random() < 0.12) {
      const date = pick(calendar.days);
      const time = `${String(8 + Math.floor(random() * 9)).padStart(2, '0')}:${pick(['00', '15', '30', '45'])}`;
      const key = keyOf(calendar.id, { date, time });
      if (!used.has(key)) {
        used.add(key); // never re-added: a key alerted twice is then always a duplicate
        replica.control.addSlot({ slug: calendar.slug, service: calendar.service, date, time, capacity: 1 });
        faults.slotAdded += 1;
      }
    }
    if (random() < 0.07) {
      const present = replica.control
        .slots(calendar.slug, calendar.service)
        .filter((s) => calendar.days.includes(s.date));
      if (present.length > 0) {
        const slot = pick(present);
        replica.control.removeSlot({
          slug: calendar.slug,
          service: calendar.service,
          date: slot.date,
          time: slot.time,
        });
        faults.slotRemoved += 1;
      }
    }
    // One site fault at a time: a fault waits for the request it targets, and a check that fails earlier never
    // reaches it, so injecting regardless would pile up a backlog (hundreds were seen) that fails every check.
    const siteQuiet = replica.control.faults().length === 0;
    if (!siteQuiet && r < 0.09) {
      // no new site fault this round
    } else if (r < 0.02) {
      replica.control.addFault({ route: 'availability', kind: '429', retryAfterSeconds: 300, times: 1 });
      faults.r429 += 1;
    } else if (r < 0.06) {
      const route = pick(['availability', 'exclude-days', 'get-interval'] as const);
      replica.control.addFault({ route, kind: '5xx', status: pick([500, 502, 503]), times: 1 });
      faults.r5xx += 1;
    } else if (r < 0.09) {
      replica.control.addFault({
        route: 'availability',
        kind: 'slow',
        delayMs: 200 + Math.floor(random() * 500),
        times: 2,
      });
      faults.slow += 1;
    } else if (r < 0.11) {
      replica.control.expireSessions();
      faults.expired += 1;
    } else if (r < 0.115) {
      // The next new session needs a person; expiring the current ones makes the next check walk into it.
      replica.control.setCaptcha('invisible', {
        interactiveAfterSessions: replica.control.sessionsCreated(),
      });
      replica.control.expireSessions();
      faults.captcha += 1;
    } else if (r < 0.118) {
      killBrowser();
    } else if (r < 0.121) {
      killMidCheck = true;
    }
  }

  /** The person: ticks the human check in the page the captcha check left, then resumes the watch. */
  async function solveChallenges(): Promise<void> {
    const waiting = monitor.engine.snapshot().watches.filter((w) => w.status.state === 'action-needed');
    if (waiting.length === 0) return;
    replica.control.setCaptcha('invisible', { interactiveAfterSessions: null });
    const browser = await monitor.browserPool.getBrowser();
    for (const { watch } of waiting) {
      const base = watch.bookingUrl.split('?')[0]!;
      const page: Page | undefined = browser
        .contexts()
        .flatMap((context) => context.pages())
        .find((candidate) => candidate.url().startsWith(base));
      const widget = page?.getByRole('checkbox', {
        name: /Vérifiez que vous êtes humain|Verify you are human/,
      });
      if (widget && (await widget.count()) > 0)
        await widget
          .first()
          .click()
          .catch(() => undefined);
      faults.solved += 1;
      monitor.engine.resume(watch.id);
    }
  }

  let peakEngine = 0;
  let peakBrowser = 0;
  let peakBrowserPss = 0;
  const samples: { checks: number; engine: number; browser: number; pss: number }[] = [];
  const sample = () => {
    const m = memorySnapshot();
    peakEngine = Math.max(peakEngine, m.engineRss);
    peakBrowser = Math.max(peakBrowser, m.browserRss);
    peakBrowserPss = Math.max(peakBrowserPss, m.browserPss);
    return m;
  };
  const sampler = setInterval(sample, 2_000);
  const marks = new Set([200, 500, 1000, 1500, 2000, 3000, 5000].filter((n) => n <= CHECKS));

  const started = performance.now();
  let lastProgress = 0;
  // Says where the driver stands when no check ended for 30 s of real time (a stall is a finding, not a hang).
  let seenChecks = -1;
  const stallProbe = setInterval(() => {
    if (ledger.checkCount !== seenChecks) {
      seenChecks = ledger.checkCount;
      return;
    }
    const states = monitor.engine.snapshot().watches.map((w) => `${w.watch.id}:${w.status.state}`);
    process.stderr.write(
      `stall at ${ledger.checkCount} checks: in flight ${inFlight.size}, next timer in ${Math.round((clock.nextTimerAt() ?? NaN) - clock.now())} ms, ${states.join(' ')}, step ${step}\n`,
    );
    if (process.env.SOAK_DEBUG)
      process.stderr.write(
        `  now ${performance.now().toFixed(0)}\n  ${providerLog.join('\n  ')}\n  log: ${log.slice(-10).join('\n  ')}\n`,
      );
  }, 30_000);
  let step = 'start';
  monitor.start();
  while (ledger.checkCount < CHECKS) {
    while (inFlight.size > 0) {
      await sleep(5);
      for (const [request, at] of startedAt) {
        if (!inFlight.has(request)) startedAt.delete(request);
        else if (performance.now() - at > STUCK_MS) {
          stuck.push(`${calendarOf(request.bookingUrl).slug} after ${ledger.checkCount} checks`);
          inFlight.delete(request);
          startedAt.delete(request);
        }
      }
    }
    if (ledger.checkCount >= lastProgress + 100) {
      lastProgress = ledger.checkCount;
      process.stderr.write(
        `… ${ledger.checkCount} checks, ${Math.round((performance.now() - started) / 1000)} s\n`,
      );
    }
    await sleep(1); // let the engine apply the outcome and set its next timer
    if (inFlight.size > 0) continue;
    // Two checks may end together, so a count can skip a mark: sample at the first count past it.
    const mark = [...marks].find((m) => ledger.checkCount >= m);
    if (mark !== undefined) {
      marks.delete(mark);
      const m = sample();
      samples.push({
        checks: ledger.checkCount,
        engine: m.engineRss,
        browser: m.browserRss,
        pss: m.browserPss,
      });
    }
    step = 'solve';
    await solveChallenges();
    // A resumed watch checks at once: the site must not change under that check (the ledger judges alerts
    // against the inventory each check started with).
    if (inFlight.size > 0) continue;
    step = 'chaos';
    chaos();
    const next = clock.nextTimerAt();
    if (next === undefined) {
      await sleep(20);
      continue;
    }
    step = 'jump';
    clock.jumpTo(next);
    step = 'wait';
    syncReplica();
  }
  while (inFlight.size > 0 && [...startedAt.values()].every((at) => performance.now() - at < STUCK_MS))
    await sleep(5);
  const runSeconds = (performance.now() - started) / 1000;
  const virtualHours = (clock.now() - 0) / 3_600_000;
  clearInterval(sampler);
  clearInterval(stallProbe);
  const stats = monitor.providerStats();
  const restarts = monitor.watchdog.restarts;
  await monitor.close();
  dispatcher.close();
  await sleep(500);
  const leftBehind = descendantsOf(process.pid).filter(isBrowserProcess);
  const pendingFaults = replica.control.faults().length;
  await replica.close();
  rmSync(dataDir, { recursive: true, force: true });

  const figures = ledger.figures();
  const mb = (n: number) => `${(n / MB).toFixed(0)} MB`;
  console.log(
    `AmbiSlot soak: ${CHECKS} checks wanted, seed ${SEED}, interval ${INTERVAL_MS / 1000} s (virtual), 2 calendars`,
  );
  console.log(
    `checks run               ${figures.checks} (${figures.conclusive} conclusive) in ${runSeconds.toFixed(0)} s real, ${virtualHours.toFixed(1)} h virtual`,
  );
  console.log(`outcomes                 ${JSON.stringify(figures.byStatus)}`);
  console.log(
    `faults injected          ${JSON.stringify(faults)}; still pending at the end ${pendingFaults}`,
  );
  console.log(`alerts expected          ${figures.expected} slots`);
  console.log(
    `alerts delivered         ${figures.delivered} slots in ${notifications.filter((t) => /slot|créneau/i.test(t)).length} notifications`,
  );
  console.log(
    `missed                   ${figures.missed.length}${figures.missed.length ? ` ${figures.missed.slice(0, 5).join(', ')}` : ''}`,
  );
  console.log(
    `duplicated               ${figures.duplicated.length}${figures.duplicated.length ? ` ${figures.duplicated.slice(0, 5).join(', ')}` : ''}`,
  );
  console.log(
    `false                    ${figures.falseAlerts.length}${figures.falseAlerts.length ? ` ${figures.falseAlerts.slice(0, 5).join(', ')}` : ''}`,
  );
  console.log(`notices                  ${JSON.stringify(notices)}`);
  console.log(
    `browser                  ${JSON.stringify(browserEvents)}; contexts opened ${stats.contextsOpened}, recycled ${stats.contextsRecycled}; watchdog restarts ${restarts}`,
  );
  console.log(
    `peak RSS                 engine ${mb(peakEngine)}, browser (sum over Chromium's processes) ${mb(peakBrowser)}, browser PSS ${mb(peakBrowserPss)}`,
  );
  for (const s of samples)
    console.log(
      `  after ${String(s.checks).padEnd(5)} checks   engine ${mb(s.engine).padEnd(8)} browser RSS ${mb(s.browser).padEnd(8)} PSS ${mb(s.pss)}`,
    );
  const sorted = durations.map((d) => d.ms).sort((a, b) => a - b);
  const at = (q: number) => ((sorted[Math.floor(q * (sorted.length - 1))] ?? NaN) / 1000).toFixed(2);
  console.log(`check real time          median ${at(0.5)} s, p95 ${at(0.95)} s, max ${at(1)} s`);
  for (const slow of [...durations].sort((a, b) => b.ms - a.ms).slice(0, 5))
    console.log(`  ${(slow.ms / 1000).toFixed(1).padStart(6)} s  ${slow.what}`);
  console.log(
    `checks written off       ${stats.checksWrittenOff} (aborted by the engine's timeout, still hanging 5 s later)`,
  );
  console.log(
    `checks stuck > ${STUCK_MS / 1000} s ${stuck.length}${stuck.length ? ` (${stuck.slice(0, 5).join('; ')})` : ''}`,
  );
  console.log(
    `processes left behind    ${leftBehind.length}${leftBehind.length ? ` (pids ${leftBehind.join(', ')})` : ''}`,
  );
  if (log.length) console.log(`log (last 5 of ${log.length})\n  ${log.slice(-5).join('\n  ')}`);
  const clean =
    !figures.missed.length && !figures.duplicated.length && !figures.falseAlerts.length && !leftBehind.length;
  process.exitCode = clean ? 0 : 1;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

function isBrowserProcess(pid: number): boolean {
  return /chrom|msedge/i.test(cmdline(pid));
}

/** Chromium's browser process: the one without `--type=` (renderers, GPU and utilities have one). */
function isBrowserMain(pid: number): boolean {
  const line = cmdline(pid);
  return /chrom/i.test(line) && !line.includes('--type=');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
