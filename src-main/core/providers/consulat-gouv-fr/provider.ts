/** The consulat.gouv.fr availability provider: one warm browser page per booking URL, one classified outcome per check. */
import { explainOutcome } from '../../../../shared/outcome-reasons';
import { performance } from 'node:perf_hooks';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CheckOutcome, CheckTarget, SlotFilter } from '../../../../shared/model';
import { hidePageWindow, showPageWindow } from '../../browser/page-window';
import type { AvailabilityProvider, CheckRequest } from '../provider';
import { isLoopbackOrigin, parseBookingUrl, type BookingPage } from './booking-url';
import { CheckProblem, problemFromError, reasons } from './classify';
import { conclude } from './conclude';
import { UnknownConsulateError, UnknownServiceError } from './errors';
import { crossCheckPage } from './page-calendar';
import { emptyProgress, readCalendar, unknownCandidateDays } from './read-calendar';
import { TrafficRecorder } from './traffic';
import {
  currentStep,
  humanCheckPassed,
  throwIfAborted,
  SessionLostProblem,
  TeapotProblem,
  walkWizard,
  type TeamInfo,
  type TeamService,
  type WizardOptions,
} from './wizard';

export interface ConsulatTimeouts {
  /** Loading the booking page (default 30 s). */
  navigationMs?: number;
  /** One wizard step reaching a terminal state (default 30 s; case B3: past it the outcome is unknown). */
  stepMs?: number;
  /** An invisible human check passing by itself (default 8 s) before a person is asked. */
  captchaMs?: number;
  /** An idle, unrecognised page for this long is a changed site (default 5 s). */
  settleMs?: number;
  /** One of our in-page API reads (default 20 s). */
  requestMs?: number;
  /**
   * An aborted check still running after this long is written off (default 5 s): the next check of its calendar
   * starts anyway, on a new page. Without it one browser call that never settles would hold the calendar forever.
   */
  abandonAfterAbortMs?: number;
}

export type ProviderLog = (entry: {
  level: 'debug' | 'info' | 'warn';
  message: string;
  data?: Record<string, unknown>;
}) => void;

export interface ConsulatGouvFrProviderOptions {
  /** The shared browser; called at every check so a relaunched browser is picked up. */
  getBrowser: () => Promise<Browser>;
  now?: () => Date;
  /** When false, a captcha brings the page's window to the front for the person. */
  headless?: boolean;
  /** Default true: keep the site session warm between checks. False reloads the wizard every check (benchmark). */
  reuseSession?: boolean;
  timeouts?: ConsulatTimeouts;
  /** Pause between two day requests; default ~300 ms ±20 % on the real site, 0 on the loopback replica. */
  daySpacingMs?: number;
  log?: ProviderLog;
  /** Random source for jitter (tests). */
  random?: () => number;
  /**
   * The browser runs headed but off-screen (OFF_SCREEN_ARGS): each page's window is minimised at once, and
   * `revealPage` shows the one a person must act in (case S2).
   */
  hideWindows?: boolean;
  /** When a calendar's context is replaced by a fresh one even while its site session lives. */
  recycle?: ContextRecycling;
  /** Monotonic milliseconds for the recycling age; `performance.now()` by default (the engine's clock in the soak). */
  monotonicNow?: () => number;
}

/**
 * A long-lived page grows: the SPA's heap, the renderer's caches, our traffic record. A fresh context after
 * `afterChecks` checks or `afterMs` keeps memory flat over weeks; it walks the wizard again (a few requests).
 */
export interface ContextRecycling {
  afterChecks: number;
  afterMs: number;
}

export const DEFAULT_RECYCLING: ContextRecycling = { afterChecks: 200, afterMs: 60 * 60_000 };

/** A check request that may name the service when the URL has no `?name=`. */
export interface ConsulatCheckRequest extends CheckRequest {
  serviceName?: string;
}

/** The outcome, plus how the check ran. */
export interface ConsulatCheckOutcome extends CheckOutcome {
  /** True when the check reused a live site session (no page load, no new session). */
  warm: boolean;
  durationMs: number;
}

const DEFAULT_TIMEOUTS: Required<ConsulatTimeouts> = {
  navigationMs: 30_000,
  stepMs: 30_000,
  captchaMs: 8_000,
  settleMs: 5_000,
  requestMs: 20_000,
  abandonAfterAbortMs: 5_000,
};
const REAL_SITE_DAY_SPACING_MS = 300;
const DAY_SPACING_JITTER = 0.2;
const ABORT_GRACE_MS = 500;
/**
 * Chromium may never answer the close of a context whose browser died or hung (Target.disposeBrowserContext,
 * as other Playwright and Puppeteer users report); past this the context is given up on, not waited for.
 */
const CONTEXT_CLOSE_TIMEOUT_MS = 5_000;

/** One booking page kept open across checks while the site session lives. */
interface SiteSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  traffic: TrafficRecorder;
  /** Set once the page shows the calendar; cleared when the page must be walked again. */
  calendar?: { team: TeamInfo; service: TeamService; noSlotMessage?: string };
  /** The page sits on a human check a person must pass; the next check continues from there. */
  awaitingPerson: boolean;
  /** Checks run in this context, and when it opened (monotonic ms): the recycling clock. */
  checks: number;
  openedAt: number;
  /** Its window was shown to a person; it is hidden again once a check concludes. */
  revealed: boolean;
}

/** What the provider did to its contexts so far (the soak and the bench print it). */
export interface ProviderStats {
  contextsOpened: number;
  /** Contexts replaced by recycling (each one walked the wizard again). */
  contextsRecycled: number;
  /** Aborted checks still hanging in a browser call after `abandonAfterAbortMs`, written off. */
  checksWrittenOff: number;
}

/** What `revealPage` managed: `shown` on screen, `headless` (done, but nobody can see a headless window), or no such page. */
export type RevealResult = 'shown' | 'headless' | 'no-page';

/** The port, with this site's richer request and outcome. */
export interface ConsulatGouvFrProvider extends AvailabilityProvider {
  check(request: ConsulatCheckRequest): Promise<ConsulatCheckOutcome>;
  /**
   * Brings the page of this booking URL's calendar forward, in the context the next check continues from,
   * so a person can solve the challenge there. Never touches the challenge itself.
   */
  revealPage(bookingUrl: string): Promise<RevealResult>;
  /** Whether a person passed the human check on the page a `captcha` check left (false when none waits). */
  personPassed(bookingUrl: string): Promise<boolean>;
  stats(): ProviderStats;
}

/**
 * Creates the provider. `check()` resolves to one classified outcome for every site condition; it throws only
 * for input a person must correct: `BookingUrlError` (not a booking page), `UnknownConsulateError` (the site has
 * no such consulate page) and `UnknownServiceError` (no such service at this consulate; the error lists the ones
 * it has).
 */
export function createConsulatGouvFrProvider(options: ConsulatGouvFrProviderOptions): ConsulatGouvFrProvider {
  const now = options.now ?? (() => new Date());
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const reuseSession = options.reuseSession ?? true;
  const recycling = { ...DEFAULT_RECYCLING, ...options.recycle };
  const monotonicNow = options.monotonicNow ?? (() => performance.now());
  const stats: ProviderStats = { contextsOpened: 0, contextsRecycled: 0, checksWrittenOff: 0 };
  const sessions = new Map<string, SiteSession>();
  const queues = new Map<string, Promise<unknown>>();
  const log = (level: 'debug' | 'info' | 'warn', message: string, data?: Record<string, unknown>) =>
    options.log?.(data === undefined ? { level, message } : { level, message, data });

  /**
   * Closes a calendar's session: `only` that one, when given (a check never drops a newer session that replaced
   * its own after it was written off), else whichever is current.
   */
  async function dropSession(key: string, only?: SiteSession): Promise<void> {
    const session = only ?? sessions.get(key);
    if (sessions.get(key) === session) sessions.delete(key);
    if (session) {
      session.traffic.stop();
      await withinMs(session.context.close(), CONTEXT_CLOSE_TIMEOUT_MS).catch(() => undefined);
    }
  }

  async function openSession(key: string, browser: Browser): Promise<SiteSession> {
    const context = await browser.newContext();
    // No single click or read may outlast a wizard step (Playwright's own default is 30 s whatever the step).
    context.setDefaultTimeout(timeouts.stepMs);
    const page = await context.newPage();
    const session: SiteSession = {
      browser,
      context,
      page,
      traffic: new TrafficRecorder(page, new URL(key).origin, now),
      awaitingPerson: false,
      checks: 0,
      openedAt: monotonicNow(),
      revealed: false,
    };
    sessions.set(key, session);
    stats.contextsOpened += 1;
    if (options.hideWindows) {
      await hidePageWindow(page).catch((error: unknown) =>
        log('warn', 'could not minimise the page window', { error: String(error) }),
      );
    }
    return session;
  }

  /** Old enough to be replaced; never while a person is (or should be) solving a challenge in it. */
  function dueForRecycling(session: SiteSession): boolean {
    if (session.awaitingPerson || session.revealed) return false;
    return session.checks >= recycling.afterChecks || monotonicNow() - session.openedAt >= recycling.afterMs;
  }

  function usable(session: SiteSession | undefined, browser: Browser): session is SiteSession {
    return !!session && session.browser === browser && browser.isConnected() && !session.page.isClosed();
  }

  function wizardOptions(request: ConsulatCheckRequest): WizardOptions {
    const wizard: WizardOptions = {
      stepTimeoutMs: timeouts.stepMs,
      captchaWaitMs: timeouts.captchaMs,
      settleMs: timeouts.settleMs,
      navigationTimeoutMs: timeouts.navigationMs,
      log: (message, data) => log('debug', message, data),
    };
    if (request.signal) wizard.signal = request.signal;
    if (request.serviceName !== undefined) wizard.requestedService = request.serviceName;
    return wizard;
  }

  /** Gets the page to a loaded calendar: warm if it already shows one, else by walking the wizard. */
  async function reachCalendar(
    session: SiteSession,
    booking: BookingPage,
    request: ConsulatCheckRequest,
  ): Promise<{ fresh?: { walkMark: number } }> {
    if (session.calendar) {
      const step = await currentStep(session.page);
      if (step === 'calendar' || step === 'no-slots') return {};
      log('info', 'warm page left the calendar; walking the wizard again', { step });
      session.calendar = undefined;
    }
    const resume = session.awaitingPerson;
    session.awaitingPerson = false;
    try {
      const arrival = await walkWizard(
        session.page,
        booking,
        session.traffic,
        wizardOptions(request),
        resume,
      );
      session.calendar = { team: arrival.team, service: arrival.service };
      if (arrival.noSlotMessage !== undefined) session.calendar.noSlotMessage = arrival.noSlotMessage;
      return { fresh: { walkMark: arrival.walkMark } };
    } catch (error) {
      if (error instanceof CheckProblem && error.status === 'captcha') {
        // Keep the page as it is: the person passes the check in this same context (human in the loop).
        session.awaitingPerson = true;
        if (options.headless === false) await session.page.bringToFront().catch(() => undefined);
      }
      throw error;
    }
  }

  /** What the page's own traffic says about this site session; drift from the team object is logged. */
  function logSiteSession(session: SiteSession, team: TeamInfo): void {
    const ids = session.traffic.identifiers();
    const quota = session.traffic.calls.findLast(
      (call) => call.verdict?.kind === 'ok' && call.verdict.quotaHeader !== undefined,
    );
    log('debug', 'site session', {
      ...ids,
      headersSent: Object.keys(session.traffic.replayHeaders('exclude-days')),
      ...(quota?.verdict?.kind === 'ok' ? { xGouvLimit: quota.verdict.quotaHeader } : {}),
    });
    if (ids.teamId !== undefined && ids.teamId !== team.teamId) {
      log('warn', 'the API team id differs from the page team object', {
        api: ids.teamId,
        page: team.teamId,
      });
    }
    const drift = session.traffic.calls.filter((call) => call.kind === 'other').map((call) => call.url);
    if (drift.length > 0)
      log('warn', 'the page called API routes the adapter does not know', { urls: drift });
  }

  /**
   * Most waits notice an abort within a poll, but a page load or an in-page request may not; if the check is
   * still running shortly after the abort, its page is closed, which ends every pending browser call.
   */
  function closeOnStuckAbort(key: string, session: SiteSession, signal: AbortSignal | undefined): () => void {
    if (!signal) return () => {};
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      timer = setTimeout(() => {
        void dropSession(key, session);
      }, ABORT_GRACE_MS);
    };
    // An abort that came while the page was being opened has already fired its event.
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    return () => {
      signal.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
    };
  }

  async function runCheck(
    key: string,
    booking: BookingPage,
    request: ConsulatCheckRequest,
  ): Promise<ConsulatCheckOutcome> {
    const startedAt = Date.now();
    let session: SiteSession | undefined;
    let browser: Browser | undefined;
    let mark = 0;
    let warm = false;
    const progress = emptyProgress();
    let target: CheckTarget | undefined;
    const finish = (fields: Partial<ConsulatCheckOutcome> & Pick<CheckOutcome, 'status' | 'reason'>) => {
      const outcome: ConsulatCheckOutcome = {
        checkedAt: now().toISOString(),
        slots: [],
        unknownDays: unknownCandidateDays(progress),
        apiRequests: session ? session.traffic.countSince(mark) : 0,
        warm,
        durationMs: Date.now() - startedAt,
        ...fields,
      };
      if (target) outcome.target = target;
      if (progress.window) outcome.window = progress.window;
      return outcome;
    };

    try {
      browser = await options.getBrowser();
    } catch (error) {
      const explanation = {
        code: 'no-browser',
        // Playwright appends its whole launch log; the first line says what went wrong.
        detail: (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim(),
      } as const;
      return finish({ status: 'unreachable', reason: explainOutcome(explanation, 'en'), explanation });
    }
    let stopAbortWatch = () => {};
    try {
      throwIfAborted(request.signal);
      session = sessions.get(key);
      if (usable(session, browser) && reuseSession && dueForRecycling(session)) {
        log('info', 'recycling the calendar context', { checks: session.checks });
        stats.contextsRecycled += 1;
        await dropSession(key, session);
        session = undefined;
      }
      if (!reuseSession || !usable(session, browser)) {
        if (session) await dropSession(key, session);
        session = await openSession(key, browser);
      }
      session.checks += 1;
      mark = session.traffic.mark;
      warm = !!session.calendar;
      stopAbortWatch = closeOnStuckAbort(key, session, request.signal);
      throwIfAborted(request.signal);
      const filter: SlotFilter = request.filter;
      let recovered = false;
      // Only a message the page shows in this check is evidence; a warm check re-reads the data instead.
      let noSlotMessage: string | undefined;
      for (;;) {
        try {
          const { fresh } = await reachCalendar(session, booking, request);
          const calendar = session.calendar!;
          target = targetOf(booking, calendar.team, calendar.service);
          await readCalendar(
            session.page,
            session.traffic,
            calendar.team,
            calendar.service,
            fresh,
            progress,
            {
              filter,
              now: now(),
              daySpacingMs:
                options.daySpacingMs ?? (isLoopbackOrigin(booking.siteOrigin) ? 0 : REAL_SITE_DAY_SPACING_MS),
              daySpacingJitter: DAY_SPACING_JITTER,
              requestTimeoutMs: timeouts.requestMs,
              ...(request.signal ? { signal: request.signal } : {}),
              ...(options.random ? { random: options.random } : {}),
              log: (message, data) => log('debug', message, data),
            },
          );
          if (fresh) {
            const warn = (message: string, data?: Record<string, unknown>) => log('warn', message, data);
            await crossCheckPage(
              session.page,
              progress,
              fresh.walkMark,
              session.traffic,
              warn,
              calendar.noSlotMessage,
            );
            noSlotMessage = calendar.noSlotMessage;
            logSiteSession(session, calendar.team);
          }
          break;
        } catch (error) {
          // A lost session or a 418 gets one fresh walk (the page's own new handshake and session), never more.
          if (!recovered && (error instanceof SessionLostProblem || error instanceof TeapotProblem)) {
            recovered = true;
            warm = false;
            log('info', 'walking the wizard again once', { why: error.reason });
            session.calendar = undefined;
            continue;
          }
          throw error;
        }
      }
      if (session.revealed) await hideAgain(session);
      return finish(conclude(progress, noSlotMessage));
    } catch (error) {
      if (error instanceof UnknownServiceError || error instanceof UnknownConsulateError) {
        // Input a person must correct, not a site condition: no point keeping the page.
        if (session) await dropSession(key, session);
        throw error;
      }
      const problem = request.signal?.aborted
        ? new CheckProblem('unreachable', reasons.cancelled())
        : problemFromError(error, browser.isConnected());
      if (session && (!browser.isConnected() || session.page.isClosed())) await dropSession(key, session);
      else if (session && problem.status !== 'captcha' && problem.status !== 'blocked') {
        // The page is in an unknown state: the next check walks the wizard again.
        session.calendar = undefined;
      }
      log('info', 'check ended without a conclusion', { status: problem.status, reason: problem.reason });
      const fields: Partial<ConsulatCheckOutcome> & Pick<CheckOutcome, 'status' | 'reason'> = {
        status: problem.status,
        reason: problem.reason,
        explanation: problem.explanation,
      };
      if (problem.missing !== undefined) fields.missing = problem.missing;
      if (problem.retryAfterMs !== undefined) fields.retryAfterMs = problem.retryAfterMs;
      // Slots read before the failure are not proof of anything about the other days: unknown stays unknown.
      return finish(fields);
    } finally {
      stopAbortWatch();
      if (!reuseSession && session && sessions.get(key) === session) {
        const finalSession = session;
        // The naive mode keeps nothing between checks (count the requests first).
        await finalSession.traffic.settle().catch(() => undefined);
        await dropSession(key, finalSession);
      }
    }
  }

  /** The challenge is behind us: the window leaves the screen again (headed-but-hidden mode only). */
  async function hideAgain(session: SiteSession): Promise<void> {
    session.revealed = false;
    if (options.hideWindows) await hidePageWindow(session.page).catch(() => undefined);
  }

  function sessionFor(bookingUrl: string): SiteSession | undefined {
    const session = sessions.get(calendarKey(parseBookingUrl(bookingUrl)));
    return session && !session.page.isClosed() && session.browser.isConnected() ? session : undefined;
  }

  return {
    async revealPage(bookingUrl: string): Promise<RevealResult> {
      const session = sessionFor(bookingUrl);
      if (!session) return 'no-page';
      await showPageWindow(session.page);
      session.revealed = true;
      return options.headless === false || options.hideWindows ? 'shown' : 'headless';
    },

    async personPassed(bookingUrl: string): Promise<boolean> {
      const session = sessionFor(bookingUrl);
      if (!session?.awaitingPerson) return false;
      return humanCheckPassed(session.page).catch(() => false);
    },

    stats: () => ({ ...stats }),

    async check(request: ConsulatCheckRequest): Promise<ConsulatCheckOutcome> {
      // A bad URL throws BookingUrlError: input a person must correct, not an outcome of the site.
      const booking = parseBookingUrl(request.bookingUrl);
      // One check per calendar at a time: watches on the same calendar (any page language) share its session.
      const key = calendarKey(booking);
      const previous = queues.get(key) ?? Promise.resolve();
      const startedAt = Date.now();
      const run = previous.then(() => runCheck(key, booking, request));
      const abandoned = abandonedAfterAbort(request.signal, timeouts.abandonAfterAbortMs);
      // The next check of this calendar waits for this one to end, or to be written off after its abort.
      const turn = Promise.race([run.then(noop, noop), abandoned.promise]);
      queues.set(key, turn);
      try {
        return await Promise.race([
          run,
          abandoned.promise.then((): ConsulatCheckOutcome => {
            stats.checksWrittenOff += 1;
            log('warn', 'an aborted check did not end; written off so the calendar is checked again');
            const explanation = reasons.cancelled();
            return {
              status: 'unreachable',
              reason: explainOutcome(explanation, 'en'),
              explanation,
              checkedAt: now().toISOString(),
              slots: [],
              unknownDays: [],
              apiRequests: 0,
              warm: false,
              durationMs: Date.now() - startedAt,
            };
          }),
        ]);
      } finally {
        abandoned.cancel();
        if (queues.get(key) === turn) queues.delete(key);
      }
    },

    async close(): Promise<void> {
      await Promise.all([...sessions.keys()].map((key) => dropSession(key)));
    },
  };
}

/** One site session per consulate calendar, whatever the language of the URL it was asked through. */
function calendarKey(booking: BookingPage): string {
  return `${booking.siteOrigin}/${booking.slug}?name=${booking.serviceName ?? ''}`;
}

function targetOf(booking: BookingPage, team: TeamInfo, service: TeamService): CheckTarget {
  return {
    consulate: team.consulate,
    service: service.name,
    timeZone: team.timeZone,
    bookingUrl: booking.bookingUrl,
    teamId: team.teamId,
    serviceId: service.id,
    ...(service.release ? { release: { ...service.release, timeZone: team.timeZone } } : {}),
  };
}

function noop(): void {}

/** Settles `ms` after `signal` aborts, never without an abort; `cancel` stops listening (the check ended). */
function abandonedAfterAbort(
  signal: AbortSignal | undefined,
  ms: number,
): { promise: Promise<void>; cancel: () => void } {
  if (!signal) return { promise: new Promise<void>(noop), cancel: noop };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort = noop;
  const promise = new Promise<void>((resolve) => {
    onAbort = () => (timer = setTimeout(resolve, ms));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return {
    promise,
    cancel: () => {
      signal.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
    },
  };
}

/** `work`, or a rejection once `ms` have passed without it settling (the work itself goes on, unwatched). */
function withinMs<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
