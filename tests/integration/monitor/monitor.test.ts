// createMonitor with real Chromium against the replica: B1 before any check, alerts once across restarts (D4), close leaves no browser.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserNotFoundError, createMonitor, type Monitor } from '../../../src-main/core/monitor';
import type { NewSlotsEvent, StatusEvent } from '../../../src-main/core/engine-events';
import { SEEN_SLOTS_FILE } from '../../../src-main/core/seen-slots';
import { startReplica, type Replica } from '../../replica/server';
import { LONDON_PASSPORTS, LONDON_SLUG } from '../../replica/scenarios';
import { descendantsOf, isRunning } from '../watch/watch-process';

function isBrowserProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium');
  } catch {
    return false;
  }
}

/** Runs one watch until its first check ends; returns what it announced. */
async function firstCheck(monitor: Monitor, bookingUrl: string) {
  const announced: NewSlotsEvent[] = [];
  monitor.engine.on('new-slots', (event) => announced.push(event));
  const status = new Promise<StatusEvent>((resolve) => monitor.engine.on('status', resolve));
  monitor.engine.addWatch({ id: 'w', bookingUrl, filter: {}, intervalMs: 60_000, enabled: true });
  monitor.engine.start();
  return { announced, status: await status };
}

describe('createMonitor', () => {
  let replica: Replica;
  let dataDir: string;
  let url: string;

  beforeAll(async () => {
    replica = await startReplica({ captcha: 'off' });
    url = replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS });
    dataDir = join(mkdtempSync(join(tmpdir(), 'ambislot-monitor-')), 'data dir');
  });
  afterAll(async () => {
    await replica.close();
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('B1: rejects with the finder message naming the missing path, before any request', async () => {
    replica.control.resetRequests();
    const missing = '/opt/Navigateur Élysée/chrome';
    const creating = createMonitor({ dataDir, browserPath: missing, env: {}, headless: true });
    await expect(creating).rejects.toBeInstanceOf(BrowserNotFoundError);
    await expect(creating).rejects.toThrow(missing);
    expect(replica.control.requests()).toEqual([]);
  });

  it('alerts the slots once, keeps that across a restart (D4), and close() leaves no Chromium', async () => {
    const first = await createMonitor({ dataDir, env: {}, headless: true });
    expect(first.browser).toEqual({ path: '/usr/bin/chromium', source: 'standard' });
    const run1 = await firstCheck(first, url);
    expect(run1.status.outcome).toBe('slots');
    const expected = replica.control.slots(LONDON_SLUG, LONDON_PASSPORTS).filter((s) => s.capacity > 0);
    expect(run1.announced).toHaveLength(1);
    expect(run1.announced[0]!.count).toBe(expected.length);
    const browsers = descendantsOf(process.pid).filter(isBrowserProcess);
    expect(browsers.length).toBeGreaterThan(0);
    await first.close();
    await first.close(); // idempotent
    expect(browsers.filter(isRunning)).toEqual([]);
    expect(existsSync(join(dataDir, SEEN_SLOTS_FILE))).toBe(true);

    const second = await createMonitor({ dataDir, env: {}, headless: true });
    try {
      const run2 = await firstCheck(second, url);
      expect(run2.status.outcome).toBe('slots');
      expect(run2.announced).toEqual([]);
    } finally {
      await second.close();
    }
    expect(descendantsOf(process.pid).filter(isBrowserProcess).filter(isRunning)).toEqual([]);
  }, 60_000);
});
