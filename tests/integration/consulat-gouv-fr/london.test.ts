// London against the replica in real Chromium: exact slots, FR/EN pages, warm checks, filters, politeness, S3.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysThatCanMatch } from '../../../shared/filters';
import type { Slot, SlotFilter } from '../../../shared/model';
import { weekdayOf } from '../../../shared/zoned-time';
import {
  londonScenario,
  LONDON_LEGALISATIONS,
  LONDON_PASSPORTS,
  LONDON_SLUG,
  windowAt,
} from '../../replica/scenarios';
import { startReplica, type Replica } from '../../replica/server';
import { apiRequests, launchTestBrowser, providerFor } from './harness';

// Monday 2026-10-26, 09:00 in London (GMT since the 25th).
const NOW = '2026-10-26T09:00:00Z';
const NOW_MS = Date.parse(NOW);
const scenario = londonScenario(NOW_MS);
const window = windowAt(scenario.team, LONDON_PASSPORTS, NOW_MS);

let browser: Browser;
let replica: Replica;

beforeAll(async () => {
  browser = await launchTestBrowser();
  replica = await startReplica({ now: NOW });
});

afterAll(async () => {
  // Whatever the tests above did, nothing was ever booked or sent past the calendar step.
  expect(replica.control.bookingAttempts()).toEqual([]);
  await browser?.close();
  await replica?.close();
});

function expectedSlots(service: string, filter: (slot: Slot) => boolean = () => true): Slot[] {
  return scenario.slots
    .filter((slot) => slot.service === service && slot.capacity > 0)
    .map((slot) => ({ date: slot.date, time: slot.time, timeZone: 'Europe/London', capacity: slot.capacity }))
    .filter(filter)
    .sort((a, b) => (a.date + a.time).localeCompare(b.date + b.time));
}

function passportsUrl(lang: 'fr' | 'en' = 'fr'): string {
  return replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS, lang });
}

/** Dates of the availability requests that reached the replica, in order. */
function availabilityDates(): string[] {
  return apiRequests(replica, 'availability').map((entry) => entry.query.date ?? '');
}

describe('consulat.gouv.fr adapter: London (Europe/London, "Passeports et CNIE")', () => {
  it('reads the exact slots of the 45-day window, incl. the last open day and a late Friday; a warm check opens no new session', async () => {
    const provider = providerFor(browser, replica);
    try {
      replica.control.resetRequests();
      const sessionsBefore = replica.control.sessionsCreated();
      const cold = await provider.check({ bookingUrl: passportsUrl(), filter: {} });
      const expected = expectedSlots(LONDON_PASSPORTS);
      expect(cold.status).toBe('slots');
      expect(cold.slots).toEqual(expected);
      expect(cold.unknownDays).toEqual([]);
      expect(cold.window).toEqual(window);
      expect(cold.warm).toBe(false);
      expect(cold.target).toMatchObject({
        consulate: 'Consulat Général De France À Londres',
        service: LONDON_PASSPORTS,
        timeZone: 'Europe/London',
        bookingUrl: passportsUrl(),
        teamId: scenario.team._id,
        serviceId: '6502a1f4c3e97b0012ab3c01',
      });
      // The last open day of the window and a Friday 17:45 are among them.
      const lastOpenDay = expected[expected.length - 1]!;
      expect(cold.slots).toContainEqual(lastOpenDay);
      expect(cold.slots.some((slot) => slot.time === '17:45' && weekdayOf(slot.date) === 5)).toBe(true);
      // apiRequests counts what the replica saw (preflights aside).
      expect(cold.apiRequests).toBe(apiRequests(replica).length);
      expect(replica.control.sessionsCreated()).toBe(sessionsBefore + 1);

      replica.control.resetRequests();
      const warm = await provider.check({ bookingUrl: passportsUrl(), filter: {} });
      expect(warm.status).toBe('slots');
      expect(warm.slots).toEqual(expected);
      expect(warm.warm).toBe(true);
      expect(replica.control.sessionsCreated()).toBe(sessionsBefore + 1);
      const warmRoutes = new Set(apiRequests(replica).map((entry) => entry.route));
      expect([...warmRoutes].sort()).toEqual(['availability', 'exclude-days', 'get-interval']);
      expect(replica.control.requests({ origin: 'site' })).toEqual([]);
      expect(warm.apiRequests).toBe(apiRequests(replica).length);
      console.log(
        `London 45-day window: cold ${cold.durationMs} ms (${cold.apiRequests} API requests), warm ${warm.durationMs} ms (${warm.apiRequests})`,
      );
    } finally {
      await provider.close();
    }
  });

  it('the English URL gives the same result', async () => {
    const provider = providerFor(browser, replica);
    try {
      const outcome = await provider.check({ bookingUrl: passportsUrl('en'), filter: {} });
      expect(outcome.status).toBe('slots');
      expect(outcome.slots).toEqual(expectedSlots(LONDON_PASSPORTS));
      expect(outcome.target?.bookingUrl).toBe(passportsUrl('en'));
    } finally {
      await provider.close();
    }
  });

  it('a German (or Dutch) booking URL is read through the English page and gives the same slots', async () => {
    const provider = providerFor(browser, replica);
    try {
      replica.control.resetRequests();
      const germanUrl = replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS, lang: 'de' });
      const outcome = await provider.check({ bookingUrl: germanUrl, filter: {} });
      expect(outcome.status).toBe('slots');
      expect(outcome.slots).toEqual(expectedSlots(LONDON_PASSPORTS));
      // The person's own URL is what they open to book; the adapter drove the English page.
      expect(outcome.target?.bookingUrl).toBe(germanUrl);
      const pages = replica.control.requests({ origin: 'site' }).map((entry) => entry.path);
      expect(pages).toContain(`/en/${LONDON_SLUG}/appointment`);
    } finally {
      await provider.close();
    }
  });

  it('reads the accented service name with a slash and a typographic apostrophe', async () => {
    const provider = providerFor(browser, replica);
    try {
      const outcome = await provider.check({
        bookingUrl: replica.bookingUrl(LONDON_SLUG, { name: LONDON_LEGALISATIONS }),
        filter: {},
      });
      expect(outcome.status).toBe('slots');
      expect(outcome.target?.service).toBe(LONDON_LEGALISATIONS);
      expect(outcome.slots).toEqual(expectedSlots(LONDON_LEGALISATIONS));
    } finally {
      await provider.close();
    }
  });

  it('asks only for days that can match the filter (Fridays), spaced and one at a time', async () => {
    const provider = providerFor(browser, replica, { daySpacingMs: 150 });
    const filter: SlotFilter = { weekdays: [5] };
    try {
      replica.control.resetRequests();
      const outcome = await provider.check({ bookingUrl: passportsUrl(), filter });
      expect(outcome.status).toBe('slots');
      const fridays = new Set(daysThatCanMatch(window, filter, new Date(NOW_MS), 'Europe/London'));
      const [pageOwnDay, ...ourDays] = availabilityDates();
      // The page fetches its first open day by itself; every other day asked for is a Friday.
      expect(pageOwnDay).toBe(expectedSlots(LONDON_PASSPORTS)[0]!.date);
      expect(ourDays.length).toBeGreaterThan(0);
      for (const day of ourDays) expect(fridays.has(day)).toBe(true);
      expect(new Set(ourDays).size).toBe(ourDays.length);
      const fridaySlots = expectedSlots(LONDON_PASSPORTS, (slot) => weekdayOf(slot.date) === 5);
      for (const slot of fridaySlots) expect(outcome.slots).toContainEqual(slot);
      // Sequential and spaced: each of our requests starts ≥ ~150 ms (−20 % jitter) after the previous one.
      const times = apiRequests(replica, 'availability').map((entry) => Date.parse(entry.realTime));
      for (let i = 2; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(110);
    } finally {
      await provider.close();
    }
  });

  it('no-slots with positive evidence when every day that fits the filter is excluded (weekends only)', async () => {
    const provider = providerFor(browser, replica);
    try {
      replica.control.resetRequests();
      const outcome = await provider.check({ bookingUrl: passportsUrl(), filter: { weekdays: [6, 7] } });
      expect(outcome.status).toBe('no-slots');
      expect(outcome.unknownDays).toEqual([]);
      // Only the page's own first-day request: nothing asked for the weekend (exclude-days covers it).
      expect(availabilityDates()).toHaveLength(1);
    } finally {
      await provider.close();
    }
  });

  it('no-slots with positive evidence when every day that fits the filter answers [] with 200 (slot taken meanwhile)', async () => {
    const lastSlot = expectedSlots(LONDON_PASSPORTS).at(-1)!;
    const provider = providerFor(browser, replica, {
      // Someone books the day's only slot between exclude-days and our availability request.
      log: (entry) => {
        if (entry.message === 'calendar window')
          replica.control.setDay(LONDON_SLUG, LONDON_PASSPORTS, lastSlot.date, []);
      },
    });
    try {
      replica.control.resetRequests();
      const outcome = await provider.check({
        bookingUrl: passportsUrl(),
        filter: { from: lastSlot.date, to: lastSlot.date },
      });
      expect(outcome.status).toBe('no-slots');
      expect(outcome.reason).toMatch(/answered with no free slot/);
      expect(outcome.unknownDays).toEqual([]);
      expect(availabilityDates().slice(1)).toEqual([lastSlot.date]);
    } finally {
      replica.control.setDay(LONDON_SLUG, LONDON_PASSPORTS, lastSlot.date, [
        { time: lastSlot.time, capacity: lastSlot.capacity },
      ]);
      await provider.close();
    }
  });

  it('a failed day request makes that day unknown: never no-slots, and slots elsewhere still count', async () => {
    const days = expectedSlots(LONDON_PASSPORTS).map((slot) => slot.date);
    const onlyDay = days[days.length - 1]!;
    const provider = providerFor(browser, replica, {
      // Inject the fault once the page has loaded its calendar, so it hits one of our own day requests.
      log: (entry) => {
        if (entry.message === 'calendar window')
          replica.control.addFault({ route: 'availability', kind: '5xx', times: 1 });
      },
    });
    try {
      const narrow = await provider.check({
        bookingUrl: passportsUrl(),
        filter: { from: onlyDay, to: onlyDay },
      });
      expect(narrow.status).toBe('unreachable');
      expect(narrow.unknownDays).toEqual([onlyDay]);
      expect(narrow.slots).toEqual([]);
      expect(narrow.reason).toMatch(/could not be read/);

      const wide = await provider.check({ bookingUrl: passportsUrl(), filter: {} });
      expect(wide.status).toBe('slots');
      expect(wide.unknownDays).toHaveLength(1);
      expect(wide.slots.some((slot) => slot.date === wide.unknownDays[0])).toBe(false);
    } finally {
      replica.control.clearFaults();
      await provider.close();
    }
  });

  it('S3: a session that expires mid-read is walked again once and the read goes on (no no-slots)', async () => {
    let expireOnce = true;
    const provider = providerFor(browser, replica, {
      log: (entry) => {
        if (entry.message === 'calendar window' && expireOnce) {
          expireOnce = false;
          replica.control.expireSessions();
        }
      },
    });
    try {
      const sessionsBefore = replica.control.sessionsCreated();
      const outcome = await provider.check({ bookingUrl: passportsUrl(), filter: {} });
      expect(outcome.status).toBe('slots');
      expect(outcome.slots).toEqual(expectedSlots(LONDON_PASSPORTS));
      expect(outcome.unknownDays).toEqual([]);
      expect(replica.control.sessionsCreated()).toBe(sessionsBefore + 2);

      // Expiry between two checks: the warm read gets 404 SESSION_ERROR, one new walk, same slots.
      replica.control.expireSessions();
      const after = await provider.check({ bookingUrl: passportsUrl(), filter: {} });
      expect(after.status).toBe('slots');
      expect(after.slots).toEqual(expectedSlots(LONDON_PASSPORTS));
      expect(replica.control.sessionsCreated()).toBe(sessionsBefore + 3);
    } finally {
      await provider.close();
    }
  });

  it('S3: a session lost for good is session-lost after one retry, never no-slots', async () => {
    // Every session dies at once (TTL 0): the one retry cannot help, and the check says so.
    const provider = providerFor(browser, replica);
    try {
      replica.control.setSessionTtlMs(0);
      const outcome = await provider.check({ bookingUrl: passportsUrl(), filter: {} });
      expect(outcome.status).toBe('session-lost');
      expect(outcome.slots).toEqual([]);
    } finally {
      replica.control.setSessionTtlMs(30 * 60_000);
      await provider.close();
    }
  });

  it('never books: after every check above the replica recorded zero booking calls', () => {
    // Booking routes and any update-step-value past the calendar are recorded as attempts by the replica.
    expect(replica.control.bookingAttempts()).toEqual([]);
  });
});
