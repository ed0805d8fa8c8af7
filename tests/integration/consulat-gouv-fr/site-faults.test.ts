// What the site can throw at a check, in real Chromium against the replica: blocks, captcha, layout changes, slow pages.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UnknownConsulateError } from '../../../src-main/core/providers/consulat-gouv-fr/errors';
import type { ConsulatGouvFrProviderOptions } from '../../../src-main/core/providers/consulat-gouv-fr/provider';
import { DUBLIN_SLUG, DUBLIN_VISAS, LONDON_PASSPORTS, LONDON_SLUG } from '../../replica/scenarios';
import { startReplica, type Replica } from '../../replica/server';
import { apiRequests, launchTestBrowser, providerFor } from './harness';

const NOW = '2026-10-26T09:00:00Z';

let browser: Browser;
let replica: Replica;

beforeAll(async () => {
  browser = await launchTestBrowser();
  replica = await startReplica({ now: NOW });
});

afterEach(() => {
  // Back to a well-behaved site for the next case.
  replica.control.clearFaults();
  replica.control.configure({
    captcha: 'invisible',
    captchaInteractiveAfterSessions: null,
    layout: 'standard',
    noSlotsMessage: 'lead',
    limitHeader: null,
    persistentTeapot: false,
    spinnerDelayMs: 0,
  });
});

afterAll(async () => {
  expect(replica.control.bookingAttempts()).toEqual([]);
  await browser?.close();
  await replica?.close();
});

const london = () => replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS });
const dublin = (lang: 'fr' | 'en' = 'fr') => replica.bookingUrl(DUBLIN_SLUG, { name: DUBLIN_VISAS, lang });

async function checkOnce(url: string, overrides: Partial<ConsulatGouvFrProviderOptions> = {}) {
  const provider = providerFor(browser, replica, overrides);
  try {
    return await provider.check({ bookingUrl: url, filter: {} });
  } finally {
    await provider.close();
  }
}

describe('consulat.gouv.fr adapter: no-slots needs positive evidence', () => {
  it.each([
    ['lead', 'fr'],
    ['card', 'fr'],
    ['lead', 'en'],
    ['card', 'en'],
  ] as const)('a post with nothing open is no-slots (%s message, %s page)', async (variant, lang) => {
    replica.control.setNoSlotsMessage(variant);
    replica.control.resetRequests();
    const outcome = await checkOnce(dublin(lang));
    expect(outcome.status).toBe('no-slots');
    expect(outcome.slots).toEqual([]);
    expect(outcome.unknownDays).toEqual([]);
    expect(outcome.reason).toMatch(/page says/);
    expect(outcome.target?.timeZone).toBe('Europe/Dublin');
    // exclude-days covered the window: no day was asked for at all.
    expect(apiRequests(replica, 'availability')).toEqual([]);
  });
});

describe('consulat.gouv.fr adapter: S1 blocks', () => {
  it('S1: 429 with Retry-After on session opening is blocked, with the wait, and no no-slots', async () => {
    replica.control.addFault({ route: 'session', kind: '429', retryAfterSeconds: 3600 });
    const outcome = await checkOnce(london());
    expect(outcome.status).toBe('blocked');
    expect(outcome.retryAfterMs).toBe(3_600_000);
    expect(outcome.slots).toEqual([]);
    expect(outcome.reason).toMatch(/1 hour/);
  });

  it('S1: 429 with Retry-After in the middle of the day reads is blocked and stops asking at once', async () => {
    replica.control.resetRequests();
    const outcome = await checkOnce(london(), {
      log: (entry) => {
        if (entry.message === 'calendar window') {
          replica.control.addFault({ route: 'availability', kind: '429', retryAfterSeconds: 120 });
        }
      },
    });
    expect(outcome.status).toBe('blocked');
    expect(outcome.retryAfterMs).toBe(120_000);
    expect(outcome.slots).toEqual([]);
    // The page's own first day, then exactly one of ours (the 429): nothing after it.
    const days = apiRequests(replica, 'availability');
    expect(days).toHaveLength(2);
    expect(days[1]!.status).toBe(429);
  });

  it('S1: a 418 that persists after the page does a fresh handshake is blocked', async () => {
    replica.control.setPersistentTeapot(true);
    replica.control.resetRequests();
    const outcome = await checkOnce(london());
    expect(outcome.status).toBe('blocked');
    expect(outcome.reason).toMatch(/418/);
    expect(outcome.slots).toEqual([]);
    // One fresh page load (the page's own new handshake), then the verdict: no loop.
    expect(apiRequests(replica, 'handshake')).toHaveLength(2);
    expect(apiRequests(replica, 'session')).toHaveLength(2);
  });

  it('S1: an x-gouv-limit header on ordinary answers is information, not a block', async () => {
    replica.control.setLimitHeader('12');
    const outcome = await checkOnce(london());
    expect(outcome.status).toBe('slots');
    expect(apiRequests(replica).length).toBeGreaterThan(0);
  });
});

describe('consulat.gouv.fr adapter: S2 captcha (human in the loop)', () => {
  it('S2: an interactive challenge is captcha, never clicked; once a person passes it the next check goes on in the same page', async () => {
    replica.control.setCaptcha('interactive');
    const provider = providerFor(browser, replica);
    try {
      const sessionsBefore = replica.control.sessionsCreated();
      const first = await provider.check({ bookingUrl: london(), filter: {} });
      expect(first.status).toBe('captcha');
      expect(first.reason).toMatch(/person/);
      expect(first.slots).toEqual([]);
      // Nobody ticked it: no session was opened.
      expect(replica.control.sessionsCreated()).toBe(sessionsBefore);
      const page = browser
        .contexts()
        .flatMap((context) => context.pages())
        .find((candidate) => candidate.url().startsWith(london().split('?')[0]!));
      expect(page).toBeDefined();
      const widget = (page as Page).getByRole('checkbox', { name: 'Vérifiez que vous êtes humain' });
      expect(await widget.getAttribute('aria-checked')).toBe('false');

      // A second check while nobody acted: still captcha, and no reload of the page.
      replica.control.resetRequests();
      const again = await provider.check({ bookingUrl: london(), filter: {} });
      expect(again.status).toBe('captcha');
      expect(replica.control.requests({ origin: 'site' })).toEqual([]);

      // The person ticks the box in that window (a real, trusted click), then the watch resumes.
      await widget.click();
      const resumed = await provider.check({ bookingUrl: london(), filter: {} });
      expect(resumed.status).toBe('slots');
      expect(replica.control.sessionsCreated()).toBe(sessionsBefore + 1);
    } finally {
      await provider.close();
    }
  });

  it('S2: after normal warm checks, the session expires and the new one needs a person: captcha, not no-slots', async () => {
    // Invisible for the next session only, interactive from then on.
    replica.control.setCaptcha('invisible', {
      interactiveAfterSessions: replica.control.sessionsCreated() + 1,
    });
    const provider = providerFor(browser, replica);
    try {
      const statuses: string[] = [];
      for (let i = 0; i < 5; i += 1)
        statuses.push((await provider.check({ bookingUrl: london(), filter: {} })).status);
      expect(statuses).toEqual(['slots', 'slots', 'slots', 'slots', 'slots']);
      replica.control.expireSessions();
      const sessions = replica.control.sessionsCreated();
      const outcome = await provider.check({ bookingUrl: london(), filter: {} });
      expect(outcome.status).toBe('captcha');
      expect(outcome.slots).toEqual([]);
      expect(replica.control.sessionsCreated()).toBe(sessions);
    } finally {
      await provider.close();
    }
  });
});

describe('consulat.gouv.fr adapter: S4 site changed', () => {
  it('S4: renamed classes on the calendar are site-changed naming div.d-slot-container', async () => {
    replica.control.setLayout('renamed-classes');
    const outcome = await checkOnce(london());
    expect(outcome.status).toBe('site-changed');
    expect(outcome.missing).toMatch(/d-slot-container/);
    expect(outcome.slots).toEqual([]);
  });

  it('S4: renamed classes on the no-slot message are site-changed, never no-slots', async () => {
    replica.control.setLayout('renamed-classes');
    const outcome = await checkOnce(dublin());
    expect(outcome.status).toBe('site-changed');
    expect(outcome.missing).toMatch(/p\.lead\.fr-text/);
  });

  it('S4: an unknown extra step before the calendar is site-changed naming the calendar step', async () => {
    replica.control.setLayout('extra-step');
    const outcome = await checkOnce(london());
    expect(outcome.status).toBe('site-changed');
    expect(outcome.missing).toMatch(/calendar step/);
    expect(outcome.slots).toEqual([]);
  });
});

describe('consulat.gouv.fr adapter: B3 read only a finished page', () => {
  it.each([500, 4000])('B3: a spinner for %i ms before the calendar still concludes slots', async (delay) => {
    replica.control.setSpinnerDelayMs(delay);
    const outcome = await checkOnce(london());
    expect(outcome.status).toBe('slots');
  });

  it('B3: a spinner for 4 s before the no-slot message still concludes no-slots', async () => {
    replica.control.setSpinnerDelayMs(4000);
    const outcome = await checkOnce(dublin());
    expect(outcome.status).toBe('no-slots');
  });

  it.each([
    ['the calendar', london],
    ['the no-slot message', () => dublin()],
  ])('B3: a spinner past the timeout before %s is unknown, never slots or no-slots', async (_what, url) => {
    replica.control.setSpinnerDelayMs(40_000);
    const started = Date.now();
    const outcome = await checkOnce(url(), {
      timeouts: { stepMs: 2_500, settleMs: 2_000, captchaMs: 3_000 },
    });
    expect(outcome.status).toBe('unreachable');
    expect(outcome.reason).toMatch(/still loading/);
    expect(outcome.slots).toEqual([]);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('consulat.gouv.fr adapter: unreachable pages', () => {
  it.each([
    ['5xx on get-interval', { route: 'get-interval', kind: '5xx' }],
    ['malformed JSON on exclude-days', { route: 'exclude-days', kind: 'malformed-json' }],
    ['an HTML error page on get-interval', { route: 'get-interval', kind: 'html-error' }],
  ] as const)('%s is unreachable, never no-slots', async (_label, fault) => {
    replica.control.addFault(fault);
    const outcome = await checkOnce(london());
    expect(outcome.status).toBe('unreachable');
    expect(outcome.slots).toEqual([]);
  });

  it('an unknown consulate page ("Une erreur est survenue", 404) is input to correct, naming the consulate, not a site condition', async () => {
    const url = replica.bookingUrl('consulat-general-de-france-a-atlantis', { name: 'Visas' });
    const check = checkOnce(url);
    await expect(check).rejects.toBeInstanceOf(UnknownConsulateError);
    await expect(check).rejects.toThrow(
      /no consulate page "consulat-general-de-france-a-atlantis" \(HTTP 404/,
    );
  });

  it('never books: after every check above the replica recorded zero booking calls', () => {
    // Booking routes and any update-step-value past the calendar are recorded as attempts by the replica.
    expect(replica.control.bookingAttempts()).toEqual([]);
  });
});
