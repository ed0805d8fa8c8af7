// The provider's life around checks: browser lost mid-check (B2), cancellation, naive reloads, one-off 418s.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DUBLIN_SLUG,
  DUBLIN_VISAS,
  dublinNoSlotsScenario,
  LONDON_PASSPORTS,
  LONDON_SLUG,
  openDays,
} from '../../replica/scenarios';
import { startReplica, type Replica } from '../../replica/server';
import { apiRequests, launchTestBrowser, providerFor } from './harness';

const NOW = '2026-10-26T09:00:00Z';

let browser: Browser;
let replica: Replica;

beforeAll(async () => {
  browser = await launchTestBrowser();
  replica = await startReplica({ now: NOW });
});

afterAll(async () => {
  expect(replica.control.bookingAttempts()).toEqual([]);
  await browser?.close();
  await replica?.close();
});

const london = () => replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS });

describe('consulat.gouv.fr adapter: lifecycle', () => {
  it('B2: the browser going away mid-check is unreachable (not no-slots); the next check on a relaunched browser succeeds', async () => {
    let current = await launchTestBrowser();
    const doomed = current;
    const provider = providerFor(browser, replica, {
      getBrowser: async () => current,
      log: (entry) => {
        if (entry.message === 'calendar window' && current === doomed) void doomed.close();
      },
    });
    try {
      const killed = await provider.check({ bookingUrl: london(), filter: {} });
      expect(killed.status).toBe('unreachable');
      expect(killed.slots).toEqual([]);
      expect(killed.reason).toMatch(/browser/i);

      current = await launchTestBrowser(); // what the browser manager does after a crash
      const next = await provider.check({ bookingUrl: london(), filter: {} });
      expect(next.status).toBe('slots');
      expect(next.warm).toBe(false);
    } finally {
      await provider.close();
      await current.close();
      await doomed.close().catch(() => undefined);
    }
  });

  it('an aborted check is unreachable ("cancelled") and the next one walks the wizard afresh', async () => {
    const controller = new AbortController();
    const provider = providerFor(browser, replica, {
      log: (entry) => {
        if (entry.message === 'calendar window') controller.abort();
      },
    });
    try {
      const aborted = await provider.check({ bookingUrl: london(), filter: {}, signal: controller.signal });
      expect(aborted.status).toBe('unreachable');
      expect(aborted.reason).toMatch(/cancelled/);
      const next = await provider.check({ bookingUrl: london(), filter: {} });
      expect(next.status).toBe('slots');
      expect(next.warm).toBe(false);
    } finally {
      await provider.close();
    }
  });

  it('an abort while the page itself hangs (page load never answers) ends the check promptly as cancelled', async () => {
    replica.control.addFault({ route: 'page', kind: 'hang', times: 1 });
    const controller = new AbortController();
    const provider = providerFor(browser, replica);
    try {
      setTimeout(() => controller.abort(), 300);
      const started = Date.now();
      const outcome = await provider.check({ bookingUrl: london(), filter: {}, signal: controller.signal });
      expect(outcome.status).toBe('unreachable');
      expect(outcome.reason).toMatch(/cancelled/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      replica.control.clearFaults();
      await provider.close();
    }
  });

  it('a day request that never answers is an unknown day after the request timeout', async () => {
    const provider = providerFor(browser, replica, {
      timeouts: { stepMs: 15_000, settleMs: 3_000, captchaMs: 3_000, requestMs: 1_000 },
      log: (entry) => {
        if (entry.message === 'calendar window')
          replica.control.addFault({ route: 'availability', kind: 'hang', times: 1 });
      },
    });
    try {
      const outcome = await provider.check({ bookingUrl: london(), filter: {} });
      expect(outcome.status).toBe('slots');
      expect(outcome.unknownDays).toHaveLength(1);
    } finally {
      replica.control.clearFaults();
      await provider.close();
    }
  });

  it('S3: an empty 200 answer on a warm read (expired app id) walks the wizard again once', async () => {
    const provider = providerFor(browser, replica);
    try {
      const cold = await provider.check({ bookingUrl: london(), filter: {} });
      const sessions = replica.control.sessionsCreated();
      replica.control.addFault({ route: 'get-interval', kind: 'empty-body', times: 1 });
      const warm = await provider.check({ bookingUrl: london(), filter: {} });
      expect(warm.status).toBe('slots');
      expect(warm.slots).toEqual(cold.slots);
      expect(replica.control.sessionsCreated()).toBe(sessions + 1);
    } finally {
      replica.control.clearFaults();
      await provider.close();
    }
  });

  it('reuseSession: false reloads the wizard and opens a new site session at every check (benchmark mode)', async () => {
    const provider = providerFor(browser, replica, { reuseSession: false });
    try {
      const before = replica.control.sessionsCreated();
      const contextsBefore = browser.contexts().length;
      const first = await provider.check({ bookingUrl: london(), filter: {} });
      const second = await provider.check({ bookingUrl: london(), filter: {} });
      expect([first.status, second.status]).toEqual(['slots', 'slots']);
      expect(second.warm).toBe(false);
      expect(second.slots).toEqual(first.slots);
      expect(replica.control.sessionsCreated()).toBe(before + 2);
      // Nothing is kept between checks.
      expect(browser.contexts().length).toBe(contextsBefore);
    } finally {
      await provider.close();
    }
  });

  it('a one-off 418 gets one fresh page load (the page handshakes again) and the check concludes', async () => {
    replica.control.resetRequests();
    replica.control.addFault({ route: 'session', kind: '418', times: 1 });
    const provider = providerFor(browser, replica);
    try {
      const outcome = await provider.check({ bookingUrl: london(), filter: {} });
      expect(outcome.status).toBe('slots');
      expect(apiRequests(replica, 'handshake')).toHaveLength(2);
    } finally {
      replica.control.clearFaults();
      await provider.close();
    }
  });

  it('a slot freed between two checks is seen by the warm check, even where the page fetched no day itself', async () => {
    const dublin = replica.bookingUrl(DUBLIN_SLUG, { name: DUBLIN_VISAS });
    const provider = providerFor(browser, replica);
    const nowMs = replica.control.clock.now();
    const freed = openDays(dublinNoSlotsScenario(nowMs).team, DUBLIN_VISAS, nowMs)[3]!;
    try {
      const cold = await provider.check({ bookingUrl: dublin, filter: {} });
      expect(cold.status).toBe('no-slots');
      const sessions = replica.control.sessionsCreated();
      replica.control.setDay(DUBLIN_SLUG, DUBLIN_VISAS, freed, [{ time: '09:00', capacity: 1 }]);
      const warm = await provider.check({ bookingUrl: dublin, filter: {} });
      expect(warm.warm).toBe(true);
      expect(warm.status).toBe('slots');
      expect(warm.slots).toEqual([{ date: freed, time: '09:00', timeZone: 'Europe/Dublin', capacity: 1 }]);
      expect(replica.control.sessionsCreated()).toBe(sessions);
    } finally {
      replica.control.setDay(DUBLIN_SLUG, DUBLIN_VISAS, freed, [{ time: '09:00', capacity: 0 }]);
      await provider.close();
    }
  });

  it('two watches on the same calendar (French and English URLs) take turns on one page and one site session', async () => {
    const provider = providerFor(browser, replica);
    try {
      const sessions = replica.control.sessionsCreated();
      const english = replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS, lang: 'en' });
      const [fr, en] = await Promise.all([
        provider.check({ bookingUrl: london(), filter: {} }),
        provider.check({ bookingUrl: english, filter: {} }),
      ]);
      expect([fr.status, en.status]).toEqual(['slots', 'slots']);
      expect(en.slots).toEqual(fr.slots);
      expect([fr.warm, en.warm]).toEqual([false, true]);
      expect(en.target?.bookingUrl).toBe(english);
      expect(replica.control.sessionsCreated()).toBe(sessions + 1);
    } finally {
      await provider.close();
    }
  });

  it('close() closes the contexts it kept for warm checks', async () => {
    const provider = providerFor(browser, replica);
    const before = browser.contexts().length;
    await provider.check({ bookingUrl: london(), filter: {} });
    expect(browser.contexts().length).toBe(before + 1);
    await provider.close();
    expect(browser.contexts().length).toBe(before);
  });

  it('never books: after every check above the replica recorded zero booking calls', () => {
    // Booking routes and any update-step-value past the calendar are recorded as attempts by the replica.
    expect(replica.control.bookingAttempts()).toEqual([]);
  });
});
