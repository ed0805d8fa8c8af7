// The window end to end: the real Svelte build in Chromium, the real IPC handlers and engine behind the test bridge, the replica as the site.
import { testBrowserPath } from '../support/test-browser';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExternalLinkVerdict } from '../../shared/external-links';
import { chromiumArgs } from '../../src-main/core/browser/launch-options';
import { findBrowser } from '../../src-main/core/browser/find-browser';
import { consoleNotifier } from '../../src-main/core/alerts/desktop-channel';
import { sendTestAlert } from '../../src-main/core/alerts/test-alert';
import { createMonitor } from '../../src-main/core/monitor';
import type { Monitor } from '../../src-main/core/monitor';
import { ActivityFeed, recordEngineActivity } from '../../src-main/ipc/activity-feed';
import { createIpcRouter } from '../../src-main/ipc/ipc-router';
import { createServiceLister } from '../../src-main/ipc/service-lister';
import { createShellHandlers } from '../../src-main/ipc/shell-handlers';
import { seedHistory } from './seed-history';
import { jsonFileDocument } from '../../src-main/settings/json-file-document';
import { noCipher } from '../../src-main/settings/secret-cipher';
import { createSettingsRepository } from '../../src-main/settings/settings-repository';
import { createSettingsService } from '../../src-main/settings/settings-service';
import { createExternalDoor } from '../../src-main/windows/external-door';
import { startReplica } from '../replica/server';
import type { Replica } from '../replica/server';
import { LONDON_PASSPORTS, LONDON_SLUG, openDays } from '../replica/scenarios';
import { addDays, zonedToday } from '../replica/zone';
import { serveDirectory } from '../support/static-server';
import type { StaticServer } from '../support/static-server';
import { BRIDGE_WEB_CONTENTS_ID, installWindowBridge } from '../support/window-bridge';
import type { WindowBridge } from '../support/window-bridge';

const SCREENSHOTS = join(process.cwd(), '.screenshots');
const USER_ZONE = 'Europe/Paris';

let replica: Replica;
let monitor: Monitor;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let bridge: WindowBridge;
let workDir: string;
/** What the external-link door was handed, and what it answered: the app's only way to the system browser. */
const doorCalls: { url: unknown; verdict: ExternalLinkVerdict }[] = [];
const opened: string[] = [];
const pageErrors: string[] = [];
const csvSaved: { name: string; text: string }[] = [];

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'ambislot-window-'));
  const outDir = join(workDir, 'renderer');
  // The renderer exactly as it ships: a production vite build of src-renderer.
  await build({
    configFile: join(process.cwd(), 'src-renderer/vite.config.ts'),
    build: { outDir, emptyOutDir: true },
    logLevel: 'error',
  });
  server = await serveDirectory(outDir);
  replica = await startReplica();

  const repository = createSettingsRepository({
    document: jsonFileDocument(join(workDir, 'settings.json')),
    lastGood: jsonFileDocument(join(workDir, 'settings.last-good.json')),
    cipher: noCipher,
  });
  const loaded = await repository.load();
  const settings = createSettingsService(repository, loaded.settings);
  monitor = await createMonitor({
    dataDir: join(workDir, 'data'),
    browserPath: testBrowserPath(),
    env: {},
    headless: true,
    provider: { timeouts: { stepMs: 15_000, settleMs: 3_000, captchaMs: 3_000 } },
  });
  const feed = new ActivityFeed();
  recordEngineActivity(monitor.engine, feed);
  const door = createExternalDoor({
    openExternal: async (url) => void opened.push(url),
    watchUrls: () => settings.get().watches.map((watch) => watch.bookingUrl),
  });
  const desktopShown: string[] = [];
  const handlers = createShellHandlers({
    engine: () => monitor.engine,
    notMonitoringReason: () => 'not used here',
    settings,
    feed,
    openExternal: async (url) => {
      const verdict = await door(url);
      doorCalls.push({ url, verdict });
      return verdict;
    },
    detectBrowser: (configuredPath) => {
      const found = findBrowser({
        configuredPath,
        env: {},
        platform: process.platform,
        fileExists: () => true,
      });
      return found.found
        ? { found: true, path: found.path, source: found.source }
        : { found: false, message: found.message };
    },
    sendTestAlert: async (channel, alerts) => {
      const result = await sendTestAlert(channel, alerts, {
        desktopNotifier: consoleNotifier((line) => desktopShown.push(line)),
      });
      return result.ok ? { ok: true, channel, durationMs: result.durationMs } : result;
    },
    listServices: createServiceLister({ pool: monitor.browserPool }),
    history: () => monitor.history,
    saveCsv: async (name, text) => {
      csvSaved.push({ name, text });
      return join(workDir, name);
    },
  });
  const router = createIpcRouter(handlers, {
    mainWebContentsId: () => BRIDGE_WEB_CONTENTS_ID,
    // The served origin plays the dev server's part: the page at it is the app's own window.
    location: { devServerUrl: server.origin, indexFileUrl: 'file:///nowhere/out/renderer/index.html' },
  });

  browser = await chromium.launch({
    executablePath: testBrowserPath(),
    args: chromiumArgs({ runningAsRoot: process.getuid?.() === 0 }),
  });
  context = await browser.newContext({
    viewport: { width: 900, height: 1100 },
    locale: 'en-GB',
    timezoneId: USER_ZONE,
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  bridge = await installWindowBridge(page, router);
  // What the shell does with webContents.send: every snapshot and activity line goes to the window.
  monitor.engine.on('snapshot', (snapshot) => void bridge.emit('snapshot', snapshot));
  feed.on((entry) => void bridge.emit('activity', entry));
  monitor.engine.start();
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.goto(`${server.origin}/index.html`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await monitor?.close();
  await replica?.close();
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

function slotRow(date: string, time: string) {
  return page.locator(`li[data-slot="${date}|${time}|Europe/London"]`);
}

describe('the window against the replica', { timeout: 120_000 }, () => {
  let newSlot: { date: string; time: string };

  it('adds a watch from a pasted booking URL, after choosing the service the consulate offers', async () => {
    await expect.poll(() => page.getByRole('heading', { name: 'Free slots' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Add a watch' }).first().click();
    // An English page without ?name=: the window asks which service.
    const url = replica.bookingUrl(LONDON_SLUG, { lang: 'en' });
    await page.getByLabel('Booking page address').fill(url);
    await page.getByRole('button', { name: 'Check this address' }).click();
    const services = page.getByRole('group', { name: /Services of Consulat Général De France À Londres/ });
    await services.waitFor({ timeout: 30_000 });
    // Open services only: the closed "Visas" is not offered.
    expect(
      await services
        .getByRole('radio')
        .evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).value)),
    ).toEqual([LONDON_PASSPORTS, 'Légalisations / copies conformes d’actes', 'Etat civil']);
    await services.getByLabel(LONDON_PASSPORTS).check();
    await page.getByRole('button', { name: 'Start watching' }).click();
    await page.getByRole('heading', { name: 'Free slots' }).waitFor();
    const added = bridge.calls.find((call) => call.channel === 'addWatch');
    expect(added?.payload).toEqual({
      bookingUrl: `${replica.siteOrigin}/en/${LONDON_SLUG}/appointment?name=Passeports%20et%20CNIE`,
      filter: {},
    });
  });

  it('shows the slots of the first check grouped by consulate day, with the Paris time beside, none marked new', async () => {
    const seeded = replica.control.slots(LONDON_SLUG, LONDON_PASSPORTS).filter((slot) => slot.capacity > 0);
    const first = [...seeded].sort((a, b) => (a.date + a.time).localeCompare(b.date + b.time))[0]!;
    await slotRow(first.date, first.time).waitFor({ timeout: 60_000 });
    expect(await page.locator('li[data-slot]').count()).toBe(seeded.length);
    const row = slotRow(first.date, first.time);
    // London is one hour behind Paris all year: the user's own time is shown beside the consulate's.
    const paris = `${String(Number(first.time.slice(0, 2)) + 1).padStart(2, '0')}${first.time.slice(2)}`;
    await expect.poll(() => row.innerText()).toContain(`${paris}\nyour time`.replace('\n', ' '));
    expect(await page.locator('li.slot.new').count()).toBe(0);
    expect(await page.getByRole('status').filter({ hasText: 'Last check at' }).count()).toBe(1);
  });

  it('marks a slot that appears after a "Check now" as new', async () => {
    const now = replica.control.clock.now();
    const team = replica.control.teams().find((t) => t.slug === LONDON_SLUG)!;
    const taken = new Set(
      replica.control.slots(LONDON_SLUG, LONDON_PASSPORTS).map((s) => `${s.date} ${s.time}`),
    );
    // From tomorrow: today's 15:30 may already be past in London, and the site drops past times.
    const tomorrow = addDays(zonedToday(now, 'Europe/London'), 1);
    const day = openDays(team, LONDON_PASSPORTS, now, tomorrow).find((d) => !taken.has(`${d} 15:30`))!;
    newSlot = { date: day, time: '15:30' };
    replica.control.addSlot({
      slug: LONDON_SLUG,
      service: LONDON_PASSPORTS,
      date: day,
      time: '15:30',
      capacity: 2,
    });
    await page.getByRole('button', { name: 'Check now' }).click();
    const row = slotRow(newSlot.date, newSlot.time);
    await row.waitFor({ timeout: 60_000 });
    await expect.poll(() => row.getAttribute('class')).toContain('new');
    expect(await row.innerText()).toMatch(/new/i);
    expect(await page.locator('li.slot.new').count()).toBe(1);
    expect(await page.getByText('1 new', { exact: true }).count()).toBe(1);
  });

  it('"Book" hands the booking page to the external-link door, which judges it', async () => {
    await slotRow(newSlot.date, newSlot.time).getByRole('button', { name: 'Book' }).click();
    await expect.poll(() => doorCalls.length).toBe(1);
    const expected = `${replica.siteOrigin}/en/${LONDON_SLUG}/appointment?name=Passeports%20et%20CNIE`;
    expect(doorCalls[0]!.url).toBe(expected);
    // The replica is plain http on loopback: the real policy refuses it, and the window says why.
    expect(doorCalls[0]!.verdict).toEqual({ allowed: false, reason: 'the http: scheme is not allowed' });
    expect(opened).toEqual([]);
    await page.getByRole('alert').filter({ hasText: 'the http: scheme is not allowed' }).waitFor();
    await page.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('writes a screenshot of every view in both languages and both themes', async () => {
    const views: [string, () => Promise<void>][] = [
      ['slots', () => page.locator('nav button').nth(0).click()],
      [
        'editor',
        () =>
          page
            .locator('article.watch button')
            .filter({ hasText: /^(Edit|Modifier)$/ })
            .click(),
      ],
      ['activity', () => page.locator('nav button').nth(2).click()],
      ['settings', () => page.locator('nav button').nth(3).click()],
    ];
    for (const language of ['en', 'fr'] as const) {
      await page.locator('nav button').nth(3).click();
      await page.locator('#language').selectOption(language);
      await page.locator('form button[type=submit].primary').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        for (const [view, open] of views) {
          await open();
          await page.locator('main h2').first().waitFor();
          await shoot(`${view}-${language}-${theme}`);
        }
      }
    }
    // The tray popover size.
    await page.setViewportSize({ width: 380, height: 640 });
    await page.emulateMedia({ colorScheme: 'light' });
    await views[0]![1]();
    await shoot('slots-fr-light-popover');
    await page.setViewportSize({ width: 900, height: 1100 });
  });

  it('switches the language: French texts everywhere, the choice saved in the settings', async () => {
    // The previous step left French on; back to English and to French again through the real settings call.
    await page.locator('nav button').nth(3).click();
    await page.locator('#language').selectOption('en');
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.locator('#language').selectOption('fr');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('heading', { name: 'Réglages' }).waitFor();
    await page.getByRole('button', { name: 'Créneaux' }).click();
    await page.getByRole('heading', { name: 'Créneaux libres' }).waitFor();
    expect(await page.getByRole('button', { name: 'Vérifier maintenant' }).count()).toBe(1);
    expect(await slotRow(newSlot.date, newSlot.time).innerText()).toContain('chez vous');
    const saved = bridge.calls.filter((call) => call.channel === 'updateSettings').at(-1);
    expect((saved?.payload as { language?: string }).language).toBe('fr');
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});

describe('the insight view', { timeout: 120_000 }, () => {
  it('shows when slots appeared (consulate time), how long they stayed free, and what it rests on; FR/EN, light/dark', async () => {
    const url = `${replica.siteOrigin}/en/${LONDON_SLUG}/appointment?name=Passeports%20et%20CNIE`;
    await seedHistory(monitor.history, url);
    for (const language of ['en', 'fr'] as const) {
      await page.locator('nav button').nth(3).click();
      await page.locator('#language').selectOption(language);
      await page.locator('form button[type=submit].primary').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      await page.locator('nav button').nth(4).click();
      await page.locator('.map canvas').waitFor();
      // The seeded week lands where the replica's clock is (summer or winter time): Tuesday morning either way.
      const peak =
        language === 'en'
          ? /Most appearances: Tue 0[89]:00–\d\d:00 \(4\)/
          : /Le plus d’apparitions : mar\. 0[89]:00–\d\d:00 \(4\)/;
      await expect.poll(() => page.locator('.peak').innerText()).toMatch(peak);
      expect(await page.locator('.basis').innerText()).toMatch(
        language === 'en' ? /irregular/ : /irrégulières/,
      );
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        await page.waitForTimeout(200);
        await shoot(`insight-${language}-${theme}`);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('.actions button').first().click();
    await page.getByRole('status').filter({ hasText: '.csv' }).waitFor();
    expect(csvSaved.at(-1)!.text.split('\r\n')[0]).toMatch(
      /^consulate,service,slot_date,slot_time,time_zone,/,
    );
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});
