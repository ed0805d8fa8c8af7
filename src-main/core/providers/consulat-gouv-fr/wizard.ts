/** Drives the booking page's own wizard (welcome → services → important information → calendar) and stops there. */
import type { Locator, Page } from 'playwright-core';
import { isValidTimeZone } from '../../../../shared/zoned-time';
import type { BookingPage } from './booking-url';
import { CheckProblem, reasons, type ApiVerdict } from './classify';
import { UnknownConsulateError, UnknownServiceError } from './errors';
import type { ObservedCall, TrafficRecorder } from './traffic';

// Visible wording of the real site, French and English (§1.3, §1.4). Matched as text, never as XPath.
const TEXT = {
  welcomeButton: /^\s*(Accéder aux services|Access to services)\s*$/i,
  resumeYes: /^\s*(Oui|Yes)\s*$/i,
  servicesHeading:
    /Pour quels services souhaitez-vous prendre rendez-vous|For which services do you want to make an appointment/i,
  confirmServices: /^\s*(Confirmer|To confirm)\s*$/i,
  informationHeading: /Informations importantes|Important information/i,
  bookButton: /^\s*(Prendre rendez-vous|Book an appointment)\s*$/i,
  calendarIntro:
    /Nous vous invitons à choisir la date qui vous convient|Please choose the date that suits you/i,
  humanCheck: /Vérifiez que vous êtes humain|Verify you are human/i,
  noSlots:
    /Aucun rendez-vous n[’']est disponible pour le moment|No appointment is available at the moment|Malheureusement tous nos créneaux sont réservés|Unfortunately all our slots are booked|Tous les créneaux disponibles ont déjà été pris|All available slots have already been taken/i,
  sessionExpired: /Votre session de réservation a expiré|Your booking session has expired/i,
  siteError: /Une erreur est survenue|An error (has )?occurred/i,
};

export interface TeamService {
  id: string;
  name: string;
  isOpen: boolean;
  /** When the service opens a new day (dynamic calendar), in the team's zone; absent for a fixed window. */
  release?: { opening: string; windowDays?: number };
}

/** What the page's own team object says about the consulate (`window.__NUXT__.data[0].publicTeam`). */
export interface TeamInfo {
  teamId: string;
  consulate: string;
  timeZone: string;
  services: TeamService[];
}

export interface WizardOptions {
  /** Longest wait for one step to reach a terminal state (case B3: past it the outcome is unknown). */
  stepTimeoutMs: number;
  /** How long an invisible human check may take to pass by itself before a person is needed. */
  captchaWaitMs: number;
  /** With no spinner and no pending request for this long, an unrecognised page is a changed site (S4). */
  settleMs: number;
  navigationTimeoutMs: number;
  signal?: AbortSignal;
  /** The service asked for when the URL has no `?name=`. */
  requestedService?: string;
  log?: (message: string, data?: Record<string, unknown>) => void;
}

export interface CalendarArrival {
  team: TeamInfo;
  service: TeamService;
  /** The page showed its "no appointment" message instead of a month grid (positive evidence of no slots). */
  noSlotMessage?: string;
  /** Traffic mark taken just before this walk; the page's own calls after it belong to this walk. */
  walkMark: number;
}

const POLL_MS = 100;
/** A probe's answer for "the page is in a state we know and is waiting on something": not an idle page. */
const KNOWN_WAIT = Symbol('known wait');

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CheckProblem('unreachable', reasons.cancelled());
}

async function isShown(locator: Locator): Promise<boolean> {
  return locator.filter({ visible: true }).first().isVisible();
}

/** Compares service names the way a person reads them: accents composed, any apostrophe, spacing and case ignored. */
export function sameServiceName(a: string, b: string): boolean {
  const fold = (text: string) =>
    text
      .normalize('NFC')
      .replace(/[’‘`´]/g, "'")
      .replace(/\s+/g, ' ')
      .trim()
      .toLocaleLowerCase('fr');
  return fold(a) === fold(b);
}

/** Stops the walk on the first API answer that ends the check: rate limit, refusal, lost session, failed step. */
export function throwOnFatalTraffic(calls: ObservedCall[]): void {
  for (const call of calls) {
    const verdict = call.verdict;
    if (call.failure !== undefined && call.kind !== 'availability' && call.kind !== 'other') {
      throw new CheckProblem(
        'unreachable',
        reasons.apiFailed(call.kind, `a network error (${call.failure})`),
      );
    }
    if (verdict === undefined || verdict.kind === 'ok') continue;
    const judged = stopOnFatal(verdict, call.kind);
    // A failed day is an unknown day, handled by the calendar reader; any other failed step ends the walk.
    if (judged.kind === 'failed' && call.kind !== 'availability' && call.kind !== 'other') {
      throw new CheckProblem('unreachable', reasons.apiFailed(call.kind, judged.detail));
    }
  }
}

/** Ends the check on answers that stop it whole (rate limit, refusal, lost session, failed human check). */
export function stopOnFatal(verdict: ApiVerdict, what: string): ApiVerdict {
  switch (verdict.kind) {
    case 'rate-limited': {
      const details = verdict.retryAfterMs === undefined ? {} : { retryAfterMs: verdict.retryAfterMs };
      throw new CheckProblem('blocked', reasons.rateLimited(verdict.retryAfterMs), details);
    }
    case 'teapot':
      throw new TeapotProblem();
    case 'session-lost':
      throw new SessionLostProblem(`${what}: ${verdict.detail}`);
    case 'captcha-failed':
      throw new CheckProblem('captcha', reasons.captchaFailed());
    default:
      return verdict;
  }
}

/** A 418: worth one fresh page load (the page's own new handshake) before calling it a block. */
export class TeapotProblem extends CheckProblem {
  constructor() {
    super('blocked', reasons.teapotPersists());
  }
}

/** The site session ended (404 SESSION_ERROR, the expiry modal, an empty answer): worth one fresh walk. */
export class SessionLostProblem extends CheckProblem {
  constructor(readonly detail: string) {
    super('session-lost', reasons.sessionLost(detail));
  }
}

interface TeamObjectRead {
  found: boolean;
  teamId?: unknown;
  consulate?: unknown;
  timeZone?: unknown;
  services?: {
    id: unknown;
    name: unknown;
    isOpen: unknown;
    dynamic?: unknown;
    opening?: unknown;
    end?: unknown;
  }[];
}

/** Reads the team object the page was rendered with; returns undefined while the page has not set it yet. */
export async function readTeam(page: Page): Promise<TeamInfo | undefined> {
  const read = await page
    .evaluate((): TeamObjectRead => {
      const nuxt = (window as unknown as { __NUXT__?: { data?: { publicTeam?: Record<string, unknown> }[] } })
        .__NUXT__;
      const team = nuxt?.data?.[0]?.publicTeam;
      if (!team) return { found: false };
      const zones = Array.isArray(team.reservations_shop_availabilty)
        ? team.reservations_shop_availabilty
        : [];
      return {
        found: true,
        teamId: team._id,
        consulate: team.name,
        timeZone: team.timezone,
        services: zones.map((zone: Record<string, unknown>) => ({
          id: zone._id,
          name: zone.name,
          isOpen: zone.is_open,
          dynamic: zone.dynamic_calendar_enabled,
          opening: zone.dynamic_calendar_opening,
          end: (zone.dynamic_calendar as { end?: unknown } | undefined)?.end,
        })),
      };
    })
    // A navigation between two polls destroys the page's context: not read yet, try again.
    .catch((error: unknown) => {
      if (error instanceof Error && /Execution context was destroyed|navigat/i.test(error.message)) {
        return { found: false } as TeamObjectRead;
      }
      throw error;
    });
  if (!read.found) return undefined;
  if (typeof read.teamId !== 'string' || typeof read.consulate !== 'string') {
    throw new CheckProblem('site-changed', reasons.siteChanged('the team id and name'), {
      missing: 'publicTeam._id/name',
    });
  }
  if (typeof read.timeZone !== 'string' || !isValidTimeZone(read.timeZone)) {
    throw new CheckProblem('site-changed', reasons.siteChanged("the consulate's time zone"), {
      missing: 'publicTeam.timezone',
    });
  }
  const services = (read.services ?? [])
    .filter((service) => typeof service.id === 'string' && typeof service.name === 'string')
    .map((service) => ({
      id: service.id as string,
      name: service.name as string,
      isOpen: service.isOpen !== false,
      ...releaseOf(service),
    }));
  if (services.length === 0) {
    throw new CheckProblem('site-changed', reasons.siteChanged("the consulate's list of services"), {
      missing: 'publicTeam.reservations_shop_availabilty',
    });
  }
  return { teamId: read.teamId, consulate: read.consulate, timeZone: read.timeZone, services };
}

/**
 * The release facts of one service (§2.2–2.3): `dynamic_calendar_opening {hour, minute}` (strings on the real
 * object) as `HH:MM`, and the window's end in days. Absent or odd values leave them out: scheduling then
 * falls back to the plain interval instead of failing a check over a detail it only optimises.
 */
export function releaseOf(service: {
  dynamic?: unknown;
  opening?: unknown;
  end?: unknown;
}): Pick<TeamService, 'release'> {
  if (service.dynamic !== true || typeof service.opening !== 'object' || service.opening === null) return {};
  const { hour, minute } = service.opening as { hour?: unknown; minute?: unknown };
  const asNumber = (value: unknown): number | undefined => {
    const number = typeof value === 'string' && /^\s*\d{1,4}\s*$/.test(value) ? Number(value) : value;
    return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
  };
  const h = asNumber(hour);
  const m = asNumber(minute ?? 0);
  if (h === undefined || m === undefined || h < 0 || h > 23 || m < 0 || m > 59) return {};
  const opening = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  const end = service.end as { type?: unknown; value?: unknown } | undefined;
  const perUnit = end?.type === 'days' ? 1 : end?.type === 'weeks' ? 7 : undefined;
  const value = asNumber(end?.value);
  // Months have no fixed number of days: the opening time still holds, the day count is left out.
  const windowDays = perUnit !== undefined && value !== undefined ? value * perUnit : undefined;
  return { release: windowDays === undefined ? { opening } : { opening, windowDays } };
}

/** Picks the service to read: `?name=`, else the requested one, else the only open one; else lists them. */
export function chooseService(team: TeamInfo, wanted: string | undefined): TeamService {
  const open = team.services.filter((service) => service.isOpen);
  const names = open.map((service) => service.name);
  if (wanted === undefined) {
    if (open.length === 1) return open[0]!;
    throw new UnknownServiceError(team.consulate, undefined, names);
  }
  const exact = open.find((service) => service.name === wanted);
  const service = exact ?? open.find((candidate) => sameServiceName(candidate.name, wanted));
  if (service) return service;
  throw new UnknownServiceError(team.consulate, wanted, names);
}

/** The locators of the wizard, by role and visible text first, classes only where the site has nothing else. */
function landmarks(page: Page) {
  return {
    spinner: page.getByRole('progressbar'),
    welcomeButton: page.getByRole('button', { name: TEXT.welcomeButton }),
    resumeYes: page.getByRole('button', { name: TEXT.resumeYes }),
    humanCheck: page.getByText(TEXT.humanCheck),
    turnstile: page.locator('#turnstile-element'),
    challengeFrame: page.locator('iframe[src*="challenges.cloudflare.com"]'),
    servicesHeading: page.getByText(TEXT.servicesHeading),
    confirmServices: page.getByRole('button', { name: TEXT.confirmServices }),
    informationHeading: page.getByText(TEXT.informationHeading),
    readInformationsLabel: page.locator('label[for="readInformations"]'),
    readInformations: page.locator('#readInformations'),
    bookButton: page.getByRole('button', { name: TEXT.bookButton }),
    calendarIntro: page.getByText(TEXT.calendarIntro),
    noSlots: page.getByText(TEXT.noSlots),
    sessionExpired: page.getByText(TEXT.sessionExpired),
    siteError: page.getByText(TEXT.siteError),
  };
}

type Landmarks = ReturnType<typeof landmarks>;

export type WizardStep =
  'welcome' | 'services' | 'information' | 'calendar' | 'no-slots' | 'expired' | 'unknown';

/** Which step the page shows now (the furthest one visible). */
export async function currentStep(page: Page): Promise<WizardStep> {
  const marks = landmarks(page);
  if (await isShown(marks.sessionExpired)) return 'expired';
  if (await isShown(marks.noSlots)) return 'no-slots';
  if (await isShown(marks.calendarIntro)) return 'calendar';
  if (await isShown(marks.readInformationsLabel)) return 'information';
  if (await isShown(marks.servicesHeading)) return 'services';
  if (await isShown(marks.welcomeButton)) return 'welcome';
  return 'unknown';
}

/**
 * Whether a person has passed the human check on the page a `captcha` check left: the welcome button turned
 * enabled (the widget holds a token) or the page already moved on. Read only: it never touches the widget.
 */
export async function humanCheckPassed(page: Page): Promise<boolean> {
  const marks = landmarks(page);
  if (await isShown(marks.servicesHeading)) return true;
  const button = marks.welcomeButton.filter({ visible: true }).first();
  return (await button.isVisible()) && (await button.isEnabled());
}

class StepWaiter {
  constructor(
    private readonly page: Page,
    private readonly traffic: TrafficRecorder,
    private readonly walkMark: number,
    private readonly options: WizardOptions,
  ) {}

  private pendingCalls(): number {
    return this.traffic.since(this.walkMark).filter((call) => !call.answer && call.failure === undefined)
      .length;
  }

  /**
   * Polls `probe` until it returns a value. Stops early on a fatal API answer; past the step timeout the step
   * is unknown if the page is still busy, and a changed site if it sat idle on something unrecognised.
   */
  async until<T>(
    step: string,
    missing: string,
    probe: () => Promise<T | undefined | typeof KNOWN_WAIT>,
  ): Promise<T> {
    const started = Date.now();
    let lastBusy = Date.now();
    const marks = landmarks(this.page);
    for (;;) {
      throwIfAborted(this.options.signal);
      throwOnFatalTraffic(this.traffic.since(this.walkMark));
      const result = await probe();
      if (result === KNOWN_WAIT) lastBusy = Date.now();
      else if (result !== undefined) return result;
      if (await isShown(marks.sessionExpired))
        throw new SessionLostProblem('the page says the session expired');
      const busy = (await isShown(marks.spinner)) || this.pendingCalls() > 0;
      if (busy) lastBusy = Date.now();
      const waited = Date.now() - started;
      if (waited >= this.options.stepTimeoutMs) {
        if (busy) throw new CheckProblem('unreachable', reasons.stillLoading(step, waited));
        throw new CheckProblem('site-changed', reasons.siteChanged(missing), { missing });
      }
      if (!busy && Date.now() - lastBusy >= this.options.settleMs && waited >= this.options.settleMs) {
        if (await isShown(marks.siteError)) {
          throw new CheckProblem('unreachable', reasons.pageError('the page says "Une erreur est survenue"'));
        }
        throw new CheckProblem('site-changed', reasons.siteChanged(missing), { missing });
      }
      await sleep(POLL_MS);
    }
  }
}

async function openPage(page: Page, booking: BookingPage, options: WizardOptions): Promise<void> {
  const response = await page.goto(booking.drivingUrl, {
    waitUntil: 'domcontentloaded',
    timeout: options.navigationTimeoutMs,
  });
  const status = response?.status() ?? 0;
  // The page site answers 404 only for a consulate it does not have: input to correct, not a site condition.
  if (status === 404) throw new UnknownConsulateError(booking.slug, booking.bookingUrl);
  if (status >= 400) throw new CheckProblem('unreachable', reasons.pageError(`HTTP ${status}`));
  const title = await page.title().catch(() => '');
  if (TEXT.siteError.test(title)) {
    throw new CheckProblem('unreachable', reasons.pageError('the site shows "Une erreur est survenue"'));
  }
}

async function passWelcome(page: Page, marks: Landmarks, waiter: StepWaiter, options: WizardOptions) {
  let disabledSince: number | undefined;
  await waiter.until('welcome page', 'the button "Accéder aux services"', async () => {
    if (await isShown(marks.servicesHeading)) return true;
    if (await isShown(marks.resumeYes)) {
      // "A valid session was found, resume?": resuming is the page's own flow and opens no new session.
      await marks.resumeYes.filter({ visible: true }).first().click();
      return undefined;
    }
    const button = marks.welcomeButton.filter({ visible: true }).first();
    if (!(await button.isVisible())) return undefined;
    if (await button.isEnabled()) {
      await button.click();
      return true;
    }
    disabledSince ??= Date.now();
    // An interactive challenge waits for a person: never click it, say so at once.
    if (await isShown(marks.humanCheck)) throw new CheckProblem('captcha', reasons.captcha());
    if (Date.now() - disabledSince >= options.captchaWaitMs) {
      // The real challenge lives in a cross-origin frame: past the wait, its holder is the evidence.
      const challenge = (await marks.turnstile.count()) > 0 || (await marks.challengeFrame.count()) > 0;
      if (challenge) throw new CheckProblem('captcha', reasons.captcha());
      throw new CheckProblem('site-changed', reasons.siteChanged('the human check (#turnstile-element)'), {
        missing: '#turnstile-element',
      });
    }
    // An invisible check may take a few seconds: waiting on it is not an idle page.
    return KNOWN_WAIT;
  });
}

async function isPressed(button: Locator): Promise<boolean> {
  return button.evaluate((element) => {
    const aria = ['aria-pressed', 'aria-checked', 'aria-selected'].some(
      (name) => element.getAttribute(name) === 'true',
    );
    return aria || /\b(selected|active|checked)\b/i.test(element.className);
  });
}

async function pickService(page: Page, marks: Landmarks, waiter: StepWaiter, service: TeamService) {
  const missing = `the button of service "${service.name}"`;
  const button = await waiter.until('services step', missing, async () => {
    const byRole = page
      .getByRole('button', { name: service.name, exact: true })
      .filter({ visible: true })
      .first();
    if (await byRole.isVisible()) return byRole;
    const byId = page
      .locator('[id^="service-"]')
      .filter({ hasText: service.name })
      .filter({ visible: true })
      .first();
    if (await byId.isVisible()) return byId;
    return undefined;
  });
  const confirm = await waiter.until('services step', 'the button "Confirmer"', async () => {
    const visible = marks.confirmServices.filter({ visible: true }).first();
    return (await visible.isVisible()) ? visible : undefined;
  });
  // With ?name= the page pre-selects the service; clicking it again would unselect it.
  if (!(await isPressed(button)) && !(await confirm.isEnabled())) await button.click();
  await waiter.until('services step', 'the button "Confirmer"', async () =>
    (await confirm.isEnabled()) ? true : undefined,
  );
  await confirm.click();
}

async function acceptInformation(marks: Landmarks, waiter: StepWaiter) {
  await waiter.until('important information step', 'the checkbox label[for=readInformations]', async () =>
    (await isShown(marks.readInformationsLabel)) ? true : undefined,
  );
  const checkbox = marks.readInformations.first();
  const checked = (await checkbox.count()) > 0 && (await checkbox.isChecked().catch(() => false));
  if (!checked) await marks.readInformationsLabel.filter({ visible: true }).first().click();
  const book = await waiter.until(
    'important information step',
    'the button "Prendre rendez-vous"',
    async () => {
      const visible = marks.bookButton.filter({ visible: true }).first();
      return (await visible.isVisible()) && (await visible.isEnabled()) ? visible : undefined;
    },
  );
  await book.click();
}

/** Waits for the calendar or the page's no-slot message; never clicks anything on this step. */
export async function waitForCalendar(
  page: Page,
  traffic: TrafficRecorder,
  walkMark: number,
  options: WizardOptions,
): Promise<{ noSlotMessage?: string }> {
  const marks = landmarks(page);
  const waiter = new StepWaiter(page, traffic, walkMark, options);
  return waiter.until(
    'calendar',
    'the calendar step ("Nous vous invitons à choisir la date qui vous convient.")',
    async () => {
      if (await isShown(marks.spinner)) return undefined;
      if (await isShown(marks.noSlots)) {
        const text = (await marks.noSlots.filter({ visible: true }).first().innerText()).trim();
        return { noSlotMessage: text };
      }
      if (await isShown(marks.calendarIntro)) {
        // The calendar is terminal once the page's own calendar requests have all been answered.
        const calls = traffic.since(walkMark);
        const calendarCalls = calls.filter((call) =>
          ['get-interval', 'exclude-days', 'availability'].includes(call.kind),
        );
        const settled =
          calendarCalls.length > 0 && calendarCalls.every((call) => call.answer || call.failure);
        return settled ? {} : undefined;
      }
      return undefined;
    },
  );
}

/**
 * Walks the wizard to the calendar. `resume` continues from the page as it is (after a person passed the
 * human check) instead of loading it again. Never goes past the calendar step.
 */
export async function walkWizard(
  page: Page,
  booking: BookingPage,
  traffic: TrafficRecorder,
  options: WizardOptions,
  resume = false,
): Promise<CalendarArrival> {
  const walkMark = traffic.mark;
  if (!resume) await openPage(page, booking, options);
  throwIfAborted(options.signal);
  const marks = landmarks(page);
  const waiter = new StepWaiter(page, traffic, walkMark, options);
  const team = await waiter.until('page', 'the team object (window.__NUXT__.data[0].publicTeam)', () =>
    readTeam(page),
  );
  const service = chooseService(team, booking.serviceName ?? options.requestedService);
  options.log?.('team read from the page', {
    teamId: team.teamId,
    service: service.name,
    timeZone: team.timeZone,
  });

  const step = await currentStep(page);
  if (step === 'welcome' || step === 'unknown') await passWelcome(page, marks, waiter, options);
  if (step !== 'information' && step !== 'calendar' && step !== 'no-slots') {
    await pickService(page, marks, waiter, service);
  }
  if (step !== 'calendar' && step !== 'no-slots') await acceptInformation(marks, waiter);
  const calendar = await waitForCalendar(page, traffic, walkMark, options);
  const arrival: CalendarArrival = { team, service, walkMark };
  if (calendar.noSlotMessage !== undefined) arrival.noSlotMessage = calendar.noSlotMessage;
  return arrival;
}
