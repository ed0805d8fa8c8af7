// Browser health with real Chromium and the replica: context recycling, the S2 hand-off to a person, no Chromium left after timeouts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageWindowBounds, REVEALED_BOUNDS } from '../../../src-main/core/browser/page-window';
import { createMonitor } from '../../../src-main/core/monitor';
import { startReplica, type Replica } from '../../replica/server';
import { LONDON_PASSPORTS, LONDON_SLUG } from '../../replica/scenarios';
import { launchTestBrowser, providerFor } from '../consulat-gouv-fr/harness';
import { descendantsOf } from '../watch/watch-process';

let browser: Browser;
let replica: Replica;

beforeAll(async () => {
  browser = await launchTestBrowser();
  replica = await startReplica({ now: '2026-10-25T14:00:00Z' });
});

afterAll(async () => {
  expect(replica.control.bookingAttempts()).toEqual([]);
  await browser?.close();
  await replica?.close();
});

const london = () => replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS });

function chromiumUnderUs(): number[] {
  return descendantsOf(process.pid).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium');
    } catch {
      return false;
    }
  });
}

describe('context recycling', () => {
  it('replaces a calendar context after N checks even while its session lives; the fresh one walks the wizard and reads the same slots', async () => {
    const provider = providerFor(browser, replica, { recycle: { afterChecks: 3, afterMs: 24 * 3_600_000 } });
    try {
      const sessionsBefore = replica.control.sessionsCreated();
      const outcomes = [];
      for (let i = 0; i < 7; i += 1)
        outcomes.push(await provider.check({ bookingUrl: london(), filter: {} }));
      expect(outcomes.map((o) => o.status)).toEqual(Array(7).fill('slots'));
      expect(outcomes.map((o) => o.warm)).toEqual([false, true, true, false, true, true, false]);
      expect(new Set(outcomes.map((o) => JSON.stringify(o.slots))).size).toBe(1);
      expect(provider.stats()).toEqual({ contextsOpened: 3, contextsRecycled: 2, checksWrittenOff: 0 });
      expect(replica.control.sessionsCreated()).toBe(sessionsBefore + 3);
      // The old contexts are closed, not kept around.
      expect(browser.contexts()).toHaveLength(1);
    } finally {
      await provider.close();
    }
  });
});

describe('S2: human in the loop', () => {
  it('S2: the captcha page is shown in its own context (CDP window bounds), never clicked; once a person passes it, the next check continues from that page', async () => {
    replica.control.setCaptcha('interactive');
    const provider = providerFor(browser, replica);
    try {
      const sessionsBefore = replica.control.sessionsCreated();
      const first = await provider.check({ bookingUrl: london(), filter: {} });
      expect(first.status).toBe('captcha');
      expect(await provider.personPassed(london())).toBe(false);

      // Headless here (no display on this machine): Chromium accepts the window calls, nobody can see it.
      expect(await provider.revealPage(london())).toBe('headless');
      const page = browser
        .contexts()
        .flatMap((context) => context.pages())
        .find((candidate) => candidate.url().startsWith(london().split('?')[0]!)) as Page;
      expect(await pageWindowBounds(page)).toMatchObject({ ...REVEALED_BOUNDS, windowState: 'normal' });
      const widget = page.getByRole('checkbox', { name: 'Vérifiez que vous êtes humain' });
      expect(await widget.getAttribute('aria-checked')).toBe('false'); // revealing touched nothing
      expect(replica.control.sessionsCreated()).toBe(sessionsBefore);

      await widget.click(); // the person
      expect(await provider.personPassed(london())).toBe(true);
      replica.control.resetRequests();
      const resumed = await provider.check({ bookingUrl: london(), filter: {} });
      expect(resumed.status).toBe('slots');
      expect(replica.control.requests({ origin: 'site' })).toEqual([]); // same page, no reload
      expect(replica.control.sessionsCreated()).toBe(sessionsBefore + 1);
      expect(provider.stats().contextsOpened).toBe(1);
      expect(await provider.revealPage('http://127.0.0.1:1/unknown-post/rendez-vous')).toBe('no-page');
    } finally {
      replica.control.setCaptcha('invisible');
      await provider.close();
    }
  });
});

/** Chromium's browser process (no `--type=`), started under us since `before`. */
function newBrowserMain(before: Set<number>): number | undefined {
  return chromiumUnderUs().find(
    (pid) => !before.has(pid) && !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type='),
  );
}

describe('browser crash', () => {
  it('B2: Chromium killed under the monitor is relaunched; the next checks read the slots again, and the root warning is told once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ambislot-crash-'));
    const beforePids = new Set(chromiumUnderUs());
    const log: string[] = [];
    const monitor = await createMonitor({
      dataDir,
      env: process.env,
      headless: true,
      log: (line) => log.push(line),
      provider: { now: () => new Date(replica.control.clock.now()) },
    });
    try {
      monitor.engine.addWatch({ id: 'c', bookingUrl: london(), filter: {}, enabled: true });
      monitor.engine.pause('c');
      monitor.start();
      expect((await monitor.engine.checkNow('c')).status).toBe('slots');
      const main = newBrowserMain(beforePids);
      expect(main).toBeDefined();
      process.kill(main!, 'SIGKILL');
      // The check right after the kill may still meet the dying browser: it may be unknown, never "no slots".
      const after = await monitor.engine.checkNow('c');
      expect(['slots', 'unreachable']).toContain(after.status);
      let outcome = after;
      for (let i = 0; i < 3 && outcome.status !== 'slots'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 1_200)); // the pool's first relaunch back-off is 1 s
        outcome = await monitor.engine.checkNow('c');
      }
      expect(outcome.status).toBe('slots');
      expect(newBrowserMain(beforePids)).not.toBe(main);
      const rootWarnings = log.filter((line) => line.startsWith('Running as root'));
      expect(rootWarnings.length).toBe(process.getuid?.() === 0 ? 1 : 0);
    } finally {
      await monitor.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('no Chromium left behind', () => {
  it('B2/D1: after repeated check timeouts (a hanging site) and close, no Chromium process is left', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ambislot-health-'));
    const beforePids = new Set(chromiumUnderUs());
    const before = beforePids.size;
    replica.control.addFault({ route: 'availability', kind: 'hang' });
    const monitor = await createMonitor({
      dataDir,
      env: process.env,
      headless: true,
      engine: { checkTimeoutMs: 2_500 },
      provider: { now: () => new Date(replica.control.clock.now()) },
    });
    try {
      monitor.engine.addWatch({
        id: 'h',
        bookingUrl: london(),
        filter: {},
        enabled: true,
        intervalMs: 1_000,
      });
      monitor.engine.pause('h');
      monitor.start();
      const peaks: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        const outcome = await monitor.engine.checkNow('h');
        expect(outcome.status).toBe('unreachable');
        await new Promise((resolve) => setTimeout(resolve, 700)); // the stuck page is closed 0.5 s after the abort
        peaks.push(chromiumUnderUs().length - before);
      }
      // Each timed-out check dropped its context: the process count does not grow with the timeouts.
      expect(Math.max(...peaks)).toBeLessThanOrEqual(peaks[0]! + 1);
    } finally {
      replica.control.clearFaults();
      await monitor.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The file's own shared browser may shed a renderer meanwhile: what counts is that nothing new survives.
    expect(chromiumUnderUs().filter((pid) => !beforePids.has(pid))).toEqual([]);
  }, 90_000);
});
