// The shared browser: capped relaunch back-off and idle close on a fake clock; case B2 with a real Chromium.
import { testBrowserPath } from '../../support/test-browser';
import { EventEmitter } from 'node:events';
import { readFile, readdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckOutcome } from '../../../shared/model';
import { BrowserPool, holdingBrowser, relaunchDelayMs } from '../../../src-main/core/browser/browser-pool';
import type { BrowserPoolEvent } from '../../../src-main/core/browser/browser-pool';
import { launchBrowser } from '../../../src-main/core/browser/launch-browser';
import { Engine } from '../../../src-main/core/engine';
import type { AvailabilityProvider } from '../../../src-main/core/providers/provider';
import { FakeClock } from '../../support/fake-clock';
import { noJitter, watch } from './engine-harness';
import { LONDON, seen, slot } from './scripted-provider';

/** Enough of a playwright Browser for the pool: connected until crashed or closed. */
class FakeBrowser extends EventEmitter {
  connected = true;
  isConnected() {
    return this.connected;
  }
  async close() {
    this.disconnect();
  }
  disconnect() {
    if (!this.connected) return;
    this.connected = false;
    this.emit('disconnected');
  }
}

describe('browser pool (fake browser, fake clock)', () => {
  it('relaunch delays double and are capped', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((n) => relaunchDelayMs(n, 1_000, 60_000))).toEqual([
      0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000,
    ]);
  });

  it('launches lazily and once, relaunches after a crash only after the capped back-off', async () => {
    const clock = new FakeClock();
    const launched: FakeBrowser[] = [];
    const pool = new BrowserPool({
      clock,
      relaunchInitialMs: 1_000,
      relaunchMaxMs: 4_000,
      launch: async () => {
        const b = new FakeBrowser();
        launched.push(b);
        return b as unknown as Browser;
      },
    });
    expect(launched).toHaveLength(0);
    const [a, b] = await Promise.all([pool.getBrowser(), pool.getBrowser()]);
    expect(a).toBe(b);
    expect(launched).toHaveLength(1);
    for (const expectedWait of [1_000, 2_000, 4_000, 4_000]) {
      launched.at(-1)?.disconnect();
      let got: Browser | undefined;
      void pool.getBrowser().then((browser) => (got = browser));
      await clock.advance(expectedWait - 1);
      expect(got).toBeUndefined();
      await clock.advance(1);
      expect(got).toBe(launched.at(-1));
    }
    expect(launched).toHaveLength(5);
    expect(pool.troubleCount).toBe(4);
    await pool.close();
    expect(launched.every((browser) => !browser.connected)).toBe(true);
    await expect(pool.getBrowser()).rejects.toThrow(/closed/);
  });

  it('closes the browser when idle, never while a check holds it, and launches again on demand', async () => {
    const clock = new FakeClock();
    const events: BrowserPoolEvent[] = [];
    const launched: FakeBrowser[] = [];
    const pool = new BrowserPool({
      clock,
      idleCloseMs: 10 * 60_000,
      onEvent: (e) => events.push(e),
      launch: async () => {
        launched.push(new FakeBrowser());
        return launched.at(-1) as unknown as Browser;
      },
    });
    const release = pool.hold();
    await pool.getBrowser();
    await clock.advance(60 * 60_000);
    expect(launched[0]?.connected).toBe(true);
    release();
    await clock.advance(10 * 60_000 - 1);
    expect(launched[0]?.connected).toBe(true);
    await clock.advance(1);
    expect(launched[0]?.connected).toBe(false);
    expect(events.map((e) => e.kind)).toEqual(['launched', 'closed-idle']);
    expect(pool.troubleCount).toBe(0); // an idle close is not a crash
    await pool.getBrowser(); // no back-off after an idle close
    expect(launched).toHaveLength(2);
    await pool.close();
  });
});

// ---- real Chromium -------------------------------------------------------------------------------

const CHROMIUM = testBrowserPath();

/** Chromium processes started by this test process (playwright-core spawns the browser as our child). */
async function childBrowserPids(): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const ppid = Number(stat.slice(close + 2).split(' ')[1]);
    if (ppid === process.pid && /chrom/i.test(comm)) pids.push(Number(name));
  }
  return pids;
}

/** Every live process whose command line mentions `needle` (a browser's own profile directory). */
async function processesMentioning(needle: string): Promise<number[]> {
  const found: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    if (cmdline.includes(needle) && !/\) Z /.test(stat)) found.push(Number(name));
  }
  return found;
}

async function eventually(probe: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return probe();
}

/** Launches the real Chromium and learns its pid and profile directory. */
function realLauncher() {
  const launches: { pid: number; profile: string }[] = [];
  const launch = async () => {
    const before = new Set(await childBrowserPids());
    const browser = await launchBrowser({
      executablePath: CHROMIUM,
      headless: true,
      runningAsRoot: process.getuid?.() === 0,
      log: () => {},
    });
    const pid = (await childBrowserPids()).find((p) => !before.has(p));
    if (pid === undefined) throw new Error('could not find the Chromium process');
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    const profile = /--user-data-dir=([^\0]+)/.exec(cmdline)?.[1] ?? '';
    launches.push({ pid, profile });
    return { browser, pid };
  };
  return { launch, launches };
}

/** Reads "slots" from a real page in the shared browser; can kill Chromium in the middle of a check. */
class PageProvider implements AvailabilityProvider {
  killDuringNextCheck = false;
  constructor(
    private readonly pool: BrowserPool,
    private readonly currentPid: () => number | undefined,
  ) {}

  async check(): Promise<CheckOutcome> {
    const base = { checkedAt: new Date().toISOString(), unknownDays: [], apiRequests: 0 };
    try {
      const browser = await this.pool.getBrowser();
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.setContent('<div class="slot" data-date="2026-07-10" data-time="09:00">09:00</div>');
        if (this.killDuringNextCheck) {
          this.killDuringNextCheck = false;
          const waiting = page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 20_000)));
          process.kill(this.currentPid() ?? -1, 'SIGKILL');
          await waiting;
        }
        const read = await page.$$eval('.slot', (els) =>
          els.map((el) => [(el as HTMLElement).dataset.date ?? '', (el as HTMLElement).dataset.time ?? '']),
        );
        return { ...seen(read.map(([date, time]) => slot(date ?? '', time ?? ''))), ...base, target: LONDON };
      } finally {
        await context.close().catch(() => undefined);
      }
    } catch (error) {
      return { ...base, status: 'unreachable', reason: `Browser failed: ${String(error)}`, slots: [] };
    }
  }

  async close() {}
}

describe('browser pool with a real Chromium', () => {
  let pool: BrowserPool | undefined;
  afterEach(async () => {
    await pool?.close();
  });

  it('B2: Chromium killed mid-check: that check is unreachable, the browser is relaunched, the next check succeeds, no duplicate alert, no process left', async () => {
    const { launch, launches } = realLauncher();
    const events: BrowserPoolEvent[] = [];
    pool = new BrowserPool({
      launch,
      relaunchInitialMs: 200,
      relaunchMaxMs: 1_000,
      onEvent: (e) => events.push(e),
    });
    const provider = new PageProvider(pool, () => launches.at(-1)?.pid);
    const clock = new FakeClock();
    const engine = new Engine({
      provider: holdingBrowser(provider, pool),
      clock,
      random: noJitter,
      siteSpacingMs: 0,
    });
    const alerts: unknown[] = [];
    engine.on('new-slots', (e) => alerts.push(e));
    engine.addWatch(watch('w1'));
    engine.pause('w1'); // "check now" drives the checks; the fake clock never fires the schedule
    engine.start();

    expect((await engine.checkNow('w1')).status).toBe('slots');
    const first = await pool.getBrowser();

    provider.killDuringNextCheck = true;
    const killed = await engine.checkNow('w1');
    expect(killed.status).toBe('unreachable');
    expect(engine.status('w1').slots).toHaveLength(1); // unknown is not empty: the slot is still shown
    expect(events.map((e) => e.kind)).toEqual(['launched', 'crashed']);
    expect(
      await eventually(async () => (await processesMentioning(launches[0]?.profile ?? '?')).length === 0),
    ).toBe(true);

    const after = await engine.checkNow('w1');
    expect(after.status).toBe('slots');
    expect(await pool.getBrowser()).not.toBe(first);
    expect(launches).toHaveLength(2);
    expect(alerts).toHaveLength(1);
    expect(engine.status('w1')).toMatchObject({ consecutiveFailures: 0, outcome: { status: 'slots' } });

    await engine.stop();
    await pool.close();
    for (const { pid, profile } of launches) {
      expect(await eventually(async () => (await processesMentioning(profile)).length === 0)).toBe(true);
      expect(() => process.kill(pid, 0)).toThrow();
    }
  });
});
