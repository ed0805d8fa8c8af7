// London against the replica in real Chromium: exact slots, FR/EN pages, warm checks, filters, politeness.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Slot } from '../../../shared/model';
import { londonScenario, LONDON_PASSPORTS, LONDON_SLUG } from '../../replica/scenarios';
import { startReplica, type Replica } from '../../replica/server';
import { apiRequests, launchTestBrowser, providerFor } from './harness';

// Monday 2026-10-26, 09:00 in London (GMT since the 25th).
const NOW = '2026-10-26T09:00:00Z';

let browser: Browser;
let replica: Replica;

beforeAll(async () => {
  browser = await launchTestBrowser();
  replica = await startReplica({ now: NOW });
});

afterAll(async () => {
  await browser?.close();
  await replica?.close();
});

function expectedLondonSlots(): Slot[] {
  const scenario = londonScenario(Date.parse(NOW));
  return scenario.slots
    .filter((slot) => slot.service === LONDON_PASSPORTS && slot.capacity > 0)
    .map((slot) => ({ date: slot.date, time: slot.time, timeZone: 'Europe/London', capacity: slot.capacity }))
    .sort((a, b) => (a.date + a.time).localeCompare(b.date + b.time));
}

describe('consulat.gouv.fr adapter: London', () => {
  it('reads the exact London slots, including the last day of the window and a late Friday', async () => {
    const provider = providerFor(browser, replica);
    try {
      replica.control.resetRequests();
      const outcome = await provider.check({
        bookingUrl: replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS }),
        filter: {},
      });
      console.log(JSON.stringify({ ...outcome, slots: outcome.slots.length }));
      expect(outcome.status).toBe('slots');
      expect(outcome.slots).toEqual(expectedLondonSlots());
      expect(outcome.unknownDays).toEqual([]);
    } finally {
      await provider.close();
    }
  });
});
