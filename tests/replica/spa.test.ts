// Drives the replica's SPA in real Chromium, by clicking, the way the adapter will.
import { testBrowserPath } from '../support/test-browser';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs } from '../../src-main/core/browser/launch-options';
import { DUBLIN_SLUG, LONDON_LEGALISATIONS, LONDON_PASSPORTS, LONDON_SLUG } from './scenarios';
import { startReplica, type Replica } from './server';

// Monday 2026-10-26, 09:00 in London; the scenario dates its slots from this day.
const NOW = '2026-10-26T09:00:00Z';

let browser: Browser;
let replica: Replica;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: testBrowserPath(),
    args: chromiumArgs({ runningAsRoot: process.getuid?.() === 0 }),
  });
  replica = await startReplica({ now: NOW });
});

afterAll(async () => {
  await browser?.close();
  await replica?.close();
});

async function withPage<T>(run: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

function apiCalls(): string[] {
  return replica.control
    .requests({ origin: 'api' })
    .filter((entry) => entry.route !== 'preflight')
    .map((entry) => `${entry.method} ${entry.route}`);
}

describe('replica SPA in Chromium', () => {
  it('walks the French wizard with ?name= and shows the first open day, then another day', async () => {
    replica.control.resetRequests();
    const london = replica.control.slots(LONDON_SLUG, LONDON_PASSPORTS).filter((slot) => slot.capacity > 0);
    const firstOpen = london[0]?.date;
    const fullyBooked = replica.control
      .slots(LONDON_SLUG, LONDON_PASSPORTS)
      .find((slot) => slot.capacity === 0)?.date;
    const lateFriday = london.find((slot) => slot.time === '17:45')?.date;
    expect([firstOpen, fullyBooked, lateFriday]).toEqual(['2026-10-28', '2026-10-29', '2026-10-30']);
    await withPage(async (page) => {
      await page.goto(replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS }));
      await expect.poll(() => page.getByRole('heading', { name: 'Bienvenue' }).count()).toBe(1);
      const access = page.getByRole('button', { name: 'Accéder aux services' });
      await access.click(); // waits until the invisible check has enabled it
      const service = page.locator('#service-0');
      await service.waitFor();
      expect(await service.textContent()).toBe(LONDON_PASSPORTS);
      expect(await service.getAttribute('aria-pressed')).toBe('true');
      expect(await page.locator('#service-1').count()).toBe(0);
      await page.getByRole('button', { name: 'Confirmer' }).click();
      const book = page.getByRole('button', { name: 'Prendre rendez-vous' });
      await book.waitFor();
      expect(await book.isDisabled()).toBe(true);
      await page.locator('label[for=readInformations]').click();
      await book.click();

      await page.locator('div.d-slot-container').waitFor();
      const firstDay = await page.locator('div.d-slot-container').getAttribute('data-date');
      expect(firstDay).toBe(firstOpen);
      expect(await page.locator('div.btn-custom-slot-hour-only').allInnerTexts()).toEqual(
        london
          .filter((slot) => slot.date === firstOpen)
          .map((slot) => `${slot.time} ${slot.capacity} places disponibles`),
      );
      await expect.poll(() => page.locator('.loader').count()).toBe(0);
      expect(await page.getByText('Nous vous invitons à choisir la date qui vous convient.').count()).toBe(1);
      expect(
        await page.getByText('Les horaires affichés sont basés sur le fuseau horaire du consulat').count(),
      ).toBe(1);
      // The fully booked day is disabled; the late Friday slot shows on its day.
      expect(await page.locator(`button[data-date="${fullyBooked}"]`).isDisabled()).toBe(true);
      await page.locator(`button[data-date="${lateFriday}"]`).click();
      await page.locator(`div.d-slot-container[data-date="${lateFriday}"]`).waitFor();
      expect(await page.locator('div.btn-custom-slot-hour-only .slot-hour').allInnerTexts()).toContain(
        '17:45',
      );
      expect(await page.getByRole('button', { name: 'Valider le calendrier' }).count()).toBe(1);
    });
    expect(apiCalls()).toEqual([
      'HEAD handshake',
      'POST session',
      'POST update-step-value',
      'POST update-dynamic-steps',
      'POST update-step-value',
      'GET get-interval',
      'POST exclude-days',
      'GET availability',
      'GET availability',
    ]);
    // The rotated token from the session answer is the one later POSTs carry.
    const posts = replica.control.requests({ origin: 'api' }).filter((entry) => entry.method === 'POST');
    expect(posts[0]?.headers['x-csrf-token']).toBeTruthy();
    expect(posts[1]?.headers['x-csrf-token']).not.toBe(posts[0]?.headers['x-csrf-token']);
    expect(new Set(posts.slice(1).map((entry) => entry.headers['x-csrf-token'])).size).toBe(1);
    const availability = replica.control.requests({ route: 'availability' })[0];
    expect(availability?.query).toEqual({
      name: LONDON_PASSPORTS,
      date: firstOpen,
      places: '1',
      matching: '',
      maxCapacity: '1',
      sessionId: expect.any(String),
    });
  });

  it('walks the English wizard without ?name=, choosing the accented service, and the validate click is recorded', async () => {
    await withPage(async (page) => {
      await page.goto(replica.bookingUrl(LONDON_SLUG, { lang: 'en' }));
      await page.getByRole('button', { name: 'Access to services' }).click();
      await page
        .getByRole('heading', { name: 'For which services do you want to make an appointment?' })
        .waitFor();
      const confirm = page.getByRole('button', { name: 'To confirm' });
      expect(await confirm.isDisabled()).toBe(true);
      expect(await page.locator('[id^=service-]').allInnerTexts()).toEqual([
        LONDON_PASSPORTS,
        LONDON_LEGALISATIONS,
        'Etat civil',
      ]);
      await page.getByRole('button', { name: LONDON_LEGALISATIONS }).click();
      await confirm.click();
      await page.getByText("I have read all the information available on the Consulate's website").click();
      await page.getByRole('button', { name: 'Book an appointment' }).click();
      await page.locator('div.d-slot-container').waitFor();
      expect(await page.locator('div.btn-custom-slot-hour-only').first().innerText()).toBe(
        '09:30 2 places available',
      );
      expect(await page.getByText("The times shown are based on the consulate's time zone").count()).toBe(1);
      const before = replica.control.bookingAttempts().length;
      await page.getByRole('button', { name: 'Validate the calendar' }).click();
      await page.getByRole('alert').waitFor();
      expect(replica.control.bookingAttempts().length).toBe(before + 1);
    });
  });

  it('interactive check: the page waits for a real click on the widget', async () => {
    replica.control.setCaptcha('interactive');
    try {
      await withPage(async (page) => {
        await page.goto(replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS }));
        const access = page.getByRole('button', { name: 'Accéder aux services' });
        const check = page.getByRole('checkbox', { name: 'Vérifiez que vous êtes humain' });
        await check.waitFor();
        await page.waitForTimeout(500);
        expect(await access.isDisabled()).toBe(true);
        // A scripted (untrusted) click does not tick it.
        await check.evaluate((element) => (element as HTMLElement).click());
        expect(await access.isDisabled()).toBe(true);
        await check.click();
        await access.click();
        await page.locator('#service-0').waitFor();
      });
    } finally {
      replica.control.setCaptcha('invisible');
    }
  });

  it('shows the no-slot paragraph when every day is excluded, and the card variant', async () => {
    for (const [variant, selector, text] of [
      ['lead', 'p.lead.fr-text.mt-4.mb-3.text-center', 'Aucun rendez-vous n’est disponible pour le moment'],
      ['card', 'div.card', 'Malheureusement tous nos créneaux sont réservés'],
    ] as const) {
      replica.control.setNoSlotsMessage(variant);
      await withPage(async (page) => {
        await page.goto(replica.bookingUrl(DUBLIN_SLUG, { name: 'Visas' }));
        await page.getByRole('button', { name: 'Accéder aux services' }).click();
        await page.getByRole('button', { name: 'Confirmer' }).click();
        await page.locator('#readInformations').check();
        await page.getByRole('button', { name: 'Prendre rendez-vous' }).click();
        await page.locator(selector).waitFor();
        expect(await page.locator(selector).innerText()).toContain(text);
        expect(await page.locator('div.d-slot-container').count()).toBe(0);
      });
    }
    replica.control.setNoSlotsMessage('lead');
  });
});

/** Clicks through welcome, services (preselected by ?name=) and information, in French. */
async function walkToCalendarStep(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Accéder aux services' }).click();
  await page.getByRole('button', { name: 'Confirmer' }).click();
  await page.locator('#readInformations').check();
  await page.getByRole('button', { name: 'Prendre rendez-vous' }).click();
}

describe('replica SPA variants in Chromium', () => {
  const londonUrl = () => replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS });

  it('B3: keeps the spinner for the configured delay before the calendar', async () => {
    replica.control.setSpinnerDelayMs(1500);
    try {
      await withPage(async (page) => {
        await walkToCalendarStep(page, londonUrl());
        const loader = page.getByRole('progressbar', { name: 'Chargement…' });
        await loader.waitFor();
        await page.waitForTimeout(700);
        expect(await loader.isVisible()).toBe(true);
        expect(await page.locator('div.d-slot-container').count()).toBe(0);
        await page.locator('div.d-slot-container').waitFor();
        expect(await page.locator('.loader').count()).toBe(0);
      });
    } finally {
      replica.control.setSpinnerDelayMs(0);
    }
  });

  it('S4: renamed classes keep texts but lose the usual hooks; the extra step hides the calendar', async () => {
    replica.control.setLayout('renamed-classes');
    try {
      await withPage(async (page) => {
        await walkToCalendarStep(page, londonUrl());
        await page.locator('.slot-time-chip').first().waitFor();
        expect(await page.locator('div.d-slot-container, div.btn-custom-slot-hour-only').count()).toBe(0);
        expect(await page.getByText('Nous vous invitons à choisir la date qui vous convient.').count()).toBe(
          1,
        );
      });
      replica.control.setLayout('extra-step');
      await withPage(async (page) => {
        await walkToCalendarStep(page, londonUrl());
        await page.getByRole('heading', { name: 'Questionnaire préalable' }).waitFor();
        expect(await page.locator('div.d-slot-container').count()).toBe(0);
        await page.getByRole('button', { name: 'Continuer' }).click();
        await page.locator('div.d-slot-container').waitFor();
      });
    } finally {
      replica.control.setLayout('standard');
    }
  });

  it('S3: after the session TTL the next day click shows the expiry modal', async () => {
    await withPage(async (page) => {
      await walkToCalendarStep(page, londonUrl());
      await page.locator('div.d-slot-container').waitFor();
      replica.control.clock.advance(31 * 60_000);
      try {
        await page.locator('button.calendar-day:not([disabled])').nth(1).click();
        await page.getByRole('dialog').waitFor();
        expect(await page.getByRole('dialog').innerText()).toContain('Votre session de réservation a expiré');
      } finally {
        replica.control.clock.set(NOW);
      }
    });
  });

  it('S2: the check turns interactive after N sessions', async () => {
    replica.control.setCaptcha('invisible', {
      interactiveAfterSessions: replica.control.sessionsCreated() + 1,
    });
    try {
      await withPage(async (page) => {
        await page.goto(londonUrl());
        await page.getByRole('button', { name: 'Accéder aux services' }).click();
        await page.locator('#service-0').waitFor();
        await page.goto(londonUrl());
        await page.getByRole('checkbox', { name: 'Vérifiez que vous êtes humain' }).waitFor();
        expect(await page.getByRole('button', { name: 'Accéder aux services' }).isDisabled()).toBe(true);
      });
    } finally {
      replica.control.setCaptcha('invisible');
    }
  });
});
