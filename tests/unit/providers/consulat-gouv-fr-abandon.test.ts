// A browser call that never settles must not hold a calendar forever: an aborted check is written off, the next runs.
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createConsulatGouvFrProvider } from '../../../src-main/core/providers/consulat-gouv-fr/provider';

const LONDON =
  'https://consulat.gouv.fr/consulat-general-de-france-a-londres/rendez-vous?name=Passeports%20et%20CNIE';

/** A browser whose contexts never open: what a hung Chromium looks like from Playwright's side. */
function hungBrowser(): { browser: Browser; contextsAsked: () => number } {
  let asked = 0;
  const browser = {
    isConnected: () => true,
    newContext: () => {
      asked += 1;
      return new Promise(() => {});
    },
  } as unknown as Browser;
  return { browser, contextsAsked: () => asked };
}

describe('consulat.gouv.fr provider: a check that hangs', () => {
  it('is written off after its abort, as unreachable (never no-slots), and the next check of the calendar runs', async () => {
    const hung = hungBrowser();
    const provider = createConsulatGouvFrProvider({
      getBrowser: async () => hung.browser,
      timeouts: { abandonAfterAbortMs: 200 },
    });
    const first = new AbortController();
    const firstCheck = provider.check({ bookingUrl: LONDON, filter: {}, signal: first.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hung.contextsAsked()).toBe(1);

    // The second check queues behind the first (one check per calendar at a time) …
    const second = new AbortController();
    const secondCheck = provider.check({ bookingUrl: LONDON, filter: {}, signal: second.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hung.contextsAsked()).toBe(1);

    // … until the first is aborted and, still hanging, written off.
    const abortedAt = Date.now();
    first.abort(new Error('The check did not finish within 180 s.'));
    const outcome = await firstCheck;
    expect(Date.now() - abortedAt).toBeGreaterThanOrEqual(190);
    expect(outcome).toMatchObject({ status: 'unreachable', explanation: { code: 'cancelled' }, slots: [] });
    await expect.poll(() => hung.contextsAsked()).toBe(2);
    expect(provider.stats().checksWrittenOff).toBe(1);

    second.abort(new Error('stop'));
    expect((await secondCheck).status).toBe('unreachable');
  });
});
