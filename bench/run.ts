/** `npm run bench`: prints check timings and request counts against the local replica. Figures, not a test. */
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import { startReplica } from '../tests/replica/server';
import { LONDON_PASSPORTS, LONDON_SLUG } from '../tests/replica/scenarios';
import { launchBrowser } from '../src-main/core/browser/launch-browser';
import { findBrowser } from '../src-main/core/browser/find-browser';
import { createConsulatGouvFrProvider } from '../src-main/core/providers/consulat-gouv-fr/provider';
import { fileExistsOnDisk } from '../src-main/core/browser/file-exists';
import { fmtSeconds as fmt, median } from './stats';
import { printWatchFigures } from './watch-table';
import { measureLatency, measureMemory } from './watch-figures';
import { measureRelease, printReleaseFigures } from './release-figures';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/** Latency needs at least 20 drops for a p95; BENCH_ROUNDS under 5 shortens every part for a quick look. */
const DROPS = ROUNDS >= 5 ? 20 : 4 * Math.max(1, ROUNDS);
const MEMORY_MARKS = ROUNDS >= 5 ? [50, 200] : [10, 40];
/** Simulated days around the 2026-11-01 DST change in Montreal; a quick look keeps two openings. */
const RELEASE_SPAN =
  ROUNDS >= 5
    ? { start: '2026-10-28T16:00:00Z', end: '2026-11-03T17:00:00Z', intervalMs: 20 * 60_000 }
    : { start: '2026-10-31T16:00:00Z', end: '2026-11-02T17:00:00Z', intervalMs: 30 * 60_000 };

async function main(): Promise<void> {
  const located = findBrowser({ env: process.env, platform: process.platform, fileExists: fileExistsOnDisk });
  if (!located.found) throw new Error(located.message);
  const launch = (): Promise<Browser> =>
    launchBrowser({
      executablePath: located.path,
      headless: true,
      runningAsRoot: process.getuid?.() === 0,
      log: () => {},
    });

  const replica = await startReplica();
  const url = replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS });
  const apiCalls = (): number => replica.control.requests().filter((r) => !r.path.includes('__ctl')).length;
  const filter = {};

  type Row = { label: string; times: number[]; requests: number[] };
  const rows: Row[] = [];

  // Cold: browser start included, a fresh provider each time.
  const cold: Row = { label: 'cold (browser start + wizard)', times: [], requests: [] };
  for (let i = 0; i < ROUNDS; i++) {
    const before = apiCalls();
    const start = performance.now();
    const browser = await launch();
    const provider = createConsulatGouvFrProvider({ getBrowser: async () => browser });
    const outcome = await provider.check({ bookingUrl: url, filter });
    cold.times.push(performance.now() - start);
    cold.requests.push(apiCalls() - before);
    if (outcome.status !== 'slots') throw new Error(`cold check ended ${outcome.status}: ${outcome.reason}`);
    await provider.close();
    await browser.close();
  }
  rows.push(cold);

  const browser = await launch();
  const release = await measureRelease(browser, RELEASE_SPAN);
  for (const reuseSession of [true, false]) {
    const provider = createConsulatGouvFrProvider({ getBrowser: async () => browser, reuseSession });
    await provider.check({ bookingUrl: url, filter }); // opens the page (and, when reused, the session)
    const row: Row = {
      label: reuseSession ? 'warm (browser up, session alive)' : 'naive (full wizard reload each check)',
      times: [],
      requests: [],
    };
    for (let i = 0; i < ROUNDS; i++) {
      const before = apiCalls();
      const start = performance.now();
      const outcome = await provider.check({ bookingUrl: url, filter });
      row.times.push(performance.now() - start);
      row.requests.push(apiCalls() - before);
      if (outcome.status !== 'slots')
        throw new Error(`${row.label} ended ${outcome.status}: ${outcome.reason}`);
    }
    rows.push(row);
    await provider.close();
  }
  await browser.close();

  const latency = await measureLatency(replica, DROPS);
  const memory = await measureMemory(replica, MEMORY_MARKS);
  await replica.close();

  console.log(`London "${LONDON_PASSPORTS}", 45-day window, replica on loopback, ${ROUNDS} rounds each`);
  console.log('check                                   median    min       max       API requests/check');
  for (const row of rows) {
    console.log(
      `${row.label.padEnd(40)}${fmt(median(row.times)).padEnd(10)}${fmt(Math.min(...row.times)).padEnd(10)}` +
        `${fmt(Math.max(...row.times)).padEnd(10)}${median(row.requests)}`,
    );
  }
  console.log('targets: cold < 5 s, warm < 1.5 s (2-core machine)');
  console.log('');
  printWatchFigures(latency, memory);
  console.log('');
  printReleaseFigures(release);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
