// Montreal across the November DST change, in real Chromium: each slot keeps its own day, time and zone.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Slot } from '../../../shared/model';
import { slotInstant } from '../../../shared/zoned-time';
import { UnknownServiceError } from '../../../src-main/core/providers/consulat-gouv-fr/errors';
import {
  montrealScenario,
  MONTREAL_DST_NOW,
  MONTREAL_PASSPORTS,
  MONTREAL_PASSPORTS_ID,
  MONTREAL_SLUG,
  MONTREAL_TEAM_ID,
  windowAt,
} from '../../replica/scenarios';
import { startReplica, type Replica } from '../../replica/server';
import { launchTestBrowser, providerFor } from './harness';

const NOW_MS = Date.parse(MONTREAL_DST_NOW);
const scenario = montrealScenario(NOW_MS);
const window = windowAt(scenario.team, MONTREAL_PASSPORTS, NOW_MS);

let browser: Browser;
let replica: Replica;

beforeAll(async () => {
  browser = await launchTestBrowser();
  replica = await startReplica({ now: MONTREAL_DST_NOW });
});

afterAll(async () => {
  expect(replica.control.bookingAttempts()).toEqual([]);
  await browser?.close();
  await replica?.close();
});

describe('consulat.gouv.fr adapter: Montreal (America/Montreal) across the DST change', () => {
  it('T2/T3: slots either side of 2026-11-01 keep their day, time and zone; their instants follow the offset', async () => {
    const provider = providerFor(browser, replica);
    try {
      const outcome = await provider.check({
        bookingUrl: replica.bookingUrl(MONTREAL_SLUG, { name: MONTREAL_PASSPORTS }),
        filter: {},
      });
      expect(outcome.status).toBe('slots');
      expect(outcome.target).toMatchObject({
        timeZone: 'America/Montreal',
        teamId: MONTREAL_TEAM_ID,
        serviceId: MONTREAL_PASSPORTS_ID,
      });
      expect(outcome.window).toEqual(window);
      // The scenario seeds Friday 23:30 twice (the T3 slot and the one before the change); the replica keeps one.
      const seeded = new Map(
        scenario.slots.map((slot) => [`${slot.service}|${slot.date}|${slot.time}`, slot]),
      );
      const expected: Slot[] = [...seeded.values()]
        .filter(
          (slot) =>
            slot.service === MONTREAL_PASSPORTS &&
            slot.capacity > 0 &&
            slot.date >= window.start &&
            slot.date <= window.end,
        )
        .map((slot) => ({
          date: slot.date,
          time: slot.time,
          timeZone: 'America/Montreal',
          capacity: slot.capacity,
        }))
        .sort((a, b) => (a.date + a.time).localeCompare(b.date + b.time));
      expect(outcome.slots).toEqual(expected);

      // Friday 2026-10-30 23:30 is still daylight time (UTC−4); Monday 2026-11-02 08:30 is standard (UTC−5).
      const lateFriday = outcome.slots.find((slot) => slot.date === '2026-10-30' && slot.time === '23:30');
      const mondayAfter = outcome.slots.find((slot) => slot.date === '2026-11-02' && slot.time === '08:30');
      expect(lateFriday).toBeDefined();
      expect(mondayAfter).toBeDefined();
      expect(slotInstant(lateFriday!).toISOString()).toBe('2026-10-31T03:30:00.000Z');
      expect(slotInstant(mondayAfter!).toISOString()).toBe('2026-11-02T13:30:00.000Z');
    } finally {
      await provider.close();
    }
  });

  it('a URL without ?name= at a post with several services fails with the list of its services', async () => {
    const provider = providerFor(browser, replica);
    try {
      const checking = provider.check({ bookingUrl: replica.bookingUrl(MONTREAL_SLUG), filter: {} });
      await expect(checking).rejects.toBeInstanceOf(UnknownServiceError);
      const error = (await checking.catch((caught: unknown) => caught)) as UnknownServiceError;
      expect(error.availableServices).toContain(MONTREAL_PASSPORTS);
      expect(error.availableServices).not.toContain('DEMANDE DE CNI/PASSEPORT (20)');
      expect(error.message).toContain(MONTREAL_PASSPORTS);
    } finally {
      await provider.close();
    }
  });

  it('a requested service with a different apostrophe or case still matches the site name', async () => {
    const provider = providerFor(browser, replica);
    try {
      const outcome = await provider.check({
        bookingUrl: replica.bookingUrl(MONTREAL_SLUG, { name: 'demande de passeport/cni' }),
        filter: {},
      });
      expect(outcome.status).toBe('slots');
      expect(outcome.target?.service).toBe(MONTREAL_PASSPORTS);
    } finally {
      await provider.close();
    }
  });

  it('never books: after every check above the replica recorded zero booking calls', () => {
    // Booking routes and any update-step-value past the calendar are recorded as attempts by the replica.
    expect(replica.control.bookingAttempts()).toEqual([]);
  });
});
