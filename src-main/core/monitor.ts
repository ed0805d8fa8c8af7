/** The one composition of the engine for every host (CLI, Electron shell): browser → pool → provider → memory → engine. */
import { DataDirBusyError, DataDirUnusableError, lockDataDir } from './storage/data-dir-lock';
import { makeDirectory } from './storage/make-directory';
import { fileExistsOnDisk } from './browser/file-exists';
import { BrowserPool, holdingBrowser } from './browser/browser-pool';
import type { BrowserPoolEvent } from './browser/browser-pool';
import { findBrowser } from './browser/find-browser';
import type { FindBrowserResult } from './browser/find-browser';
import { launchBrowser } from './browser/launch-browser';
import { OFF_SCREEN_ARGS } from './browser/page-window';
import { createChallengeHandoff } from './challenge-handoff';
import type { ChallengeHandoff } from './challenge-handoff';
import { Engine } from './engine';
import { HistoryRecorder } from './history/history-recorder';
import { recordingHistory } from './history/recording-provider';
import { releaseHintsFromStore } from './release-hints-source';
import type { EngineOptions } from './engine';
import { systemClock } from './ports';
import type { Clock } from './ports';
import { createConsulatGouvFrProvider } from './providers/consulat-gouv-fr/provider';
import {
  BookingUrlError,
  UnknownConsulateError,
  UnknownServiceError,
} from './providers/consulat-gouv-fr/errors';
import type { ConsulatGouvFrProviderOptions, ProviderStats } from './providers/consulat-gouv-fr/provider';
import type { AvailabilityProvider, CheckRequest } from './providers/provider';
import type { CheckOutcome } from '../../shared/model';
import { retryingAfterWake } from './wake-retry';
import type { WakeRetryOptions } from './wake-retry';
import { engineWatchdogTarget, guardClock, Watchdog } from './watchdog';
import type { WatchdogOptions } from './watchdog';
import { SeenSlots } from './seen-slots';
import type { MemoryProblem } from './seen-slots';

export interface MonitorOptions {
  /** Where the alert-once memory lives (`seen-slots.json`); created when missing. */
  dataDir: string;
  /** The browser the person chose (setting or `--browser`); blank or undefined = discover one. */
  browserPath?: string | undefined;
  /** For AMBISLOT_BROWSER and the usual install places (HOME, PROGRAMFILES…). */
  env: Record<string, string | undefined>;
  /** False shows the browser window (a captcha then comes to the front for the person). */
  headless: boolean;
  /**
   * The app's mode: Chromium runs headed but every window is off-screen and minimised, so a captcha page can be
   * shown to a person in its own context (`showChallenge`). Overrides `headless`.
   */
  hideWindows?: boolean;
  /** Interval of every watch without its own; the engine's default (3 min) when omitted. */
  globalIntervalMs?: number;
  /** One line per event worth a person's attention (browser launches and crashes, memory save errors). */
  log?: (line: string) => void;
  clock?: Clock;
  /** Close Chromium after this long without a check; worth it when intervals are long. Default: 10 min. */
  idleCloseMs?: number | undefined;
  /** Engine knobs a host may tune (tests, bench); the defaults are the product's. */
  engine?: Pick<
    EngineOptions,
    | 'random'
    | 'siteSpacingMs'
    | 'loopbackSiteSpacingMs'
    | 'checkTimeoutMs'
    | 'degradedAfter'
    | 'onListenerError'
  >;
  /** Provider knobs a host may tune (tests, bench). */
  provider?: Pick<
    ConsulatGouvFrProviderOptions,
    'timeouts' | 'now' | 'log' | 'daySpacingMs' | 'recycle' | 'monotonicNow'
  >;
  /** Watchdog knobs (tests, soak); the defaults are the product's. */
  watchdog?: Pick<WatchdogOptions, 'tickMs' | 'staleAfterIntervals' | 'lateAfterMs'>;
  /** The quiet retry of an offline failure after a wake (tests, soak). */
  wakeRetry?: Pick<WakeRetryOptions, 'windowMs' | 'retryDelayMs'>;
  /** Told when each check starts and ends, as the engine sees it (the soak counts and times them). */
  observeChecks?: {
    started(request: CheckRequest): void;
    ended(request: CheckRequest, outcome: CheckOutcome): void;
  };
  /**
   * Told when a check could not run because of its input (not a booking page, no such service: the error
   * lists the consulate's services). The engine still counts it as a failed check; a host that has nothing
   * else to watch (the CLI) may stop and say so.
   */
  onInputError?: (
    request: CheckRequest,
    error: BookingUrlError | UnknownConsulateError | UnknownServiceError,
  ) => void;
  /** Told about browser launches, crashes and idle closes (the bench counts launches). */
  onBrowserEvent?: (event: BrowserPoolEvent) => void;
  /** Discovery ports; the real platform and disk unless a test injects its own. */
  platform?: NodeJS.Platform;
  fileExists?: (path: string) => boolean;
}

export interface Monitor {
  /**
   * The engine, not yet started: subscribe to its events and add watches, then `start()` (engine and watchdog)
   * (a corrupt memory file is told through `memory-problem` at start).
   */
  engine: Engine;
  /** The browser executable in use and where it came from. */
  browser: { path: string; source: 'configured' | 'env' | 'standard' };
  /** Set when the memory file was corrupt and set aside (also told once by the engine at start). */
  memoryProblem?: MemoryProblem;
  /** The shared browser pool, for hosts that close Chromium on sleep and for the bench. */
  browserPool: BrowserPool;
  /** Every check's outcome filed per calendar in `<dataDir>/history/` (insight, CSV export). */
  history: HistoryRecorder;
  /**
   * Watches the engine (started with `start()`, stopped by `close()`); attach the alert dispatcher to it too,
   * for its one "monitoring stopped" notice, and show snapshots through `watchdog.decorate`.
   */
  watchdog: Watchdog;
  /** Starts the engine and the watchdog. */
  start(): void;
  /** The machine woke: one check per watch after `graceMs`, an offline failure retried quietly once (case D2). */
  resumeAfterSleep(graceMs?: number): void;
  /** Shows a person the page a captcha check left and resumes the watch once they passed it (case S2). */
  showChallenge(watchId: string, bookingUrl: string): Promise<boolean>;
  /** Contexts opened and recycled so far. */
  providerStats(): ProviderStats;
  /** Stops the engine (cancelling checks in flight), closes the site sessions, then the browser. Idempotent. */
  close(): Promise<void>;
}

/** No usable browser (case B1): the host shows `message` and stays "not monitoring"; no check ever ran. */
export class BrowserNotFoundError extends Error {
  override readonly name = 'BrowserNotFoundError';
  readonly lookedAt: string[];
  readonly reason: Extract<FindBrowserResult, { found: false }>['reason'];
  constructor(result: Extract<FindBrowserResult, { found: false }>) {
    super(result.message);
    this.lookedAt = result.lookedAt;
    this.reason = result.reason;
  }
}

export const DEFAULT_IDLE_CLOSE_MS = 10 * 60_000;

/**
 * Wires the engine for a host. Throws `BrowserNotFoundError` before anything starts when no browser can be
 * used, so a host never reports "no slots" (nor retries in a loop) for a machine that cannot check at all.
 */
export async function createMonitor(options: MonitorOptions): Promise<Monitor> {
  const located = findBrowser({
    configuredPath: options.browserPath,
    env: options.env,
    platform: options.platform ?? process.platform,
    fileExists: options.fileExists ?? fileExistsOnDisk,
  });
  if (!located.found) throw new BrowserNotFoundError(located);

  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => {});
  const dataDirLock = await makeDirectory(options.dataDir)
    .then(() => lockDataDir(options.dataDir))
    .catch((error: unknown) => {
      if (error instanceof DataDirBusyError) throw error;
      throw new DataDirUnusableError(options.dataDir, error);
    });
  const { memory, problem } = await SeenSlots.openInDir(options.dataDir, {
    clock,
    onSaveError: (error) =>
      log(
        `Could not save the alert memory in ${options.dataDir}: ${messageOf(error)}; retrying at the next check.`,
      ),
  });

  let closing: Promise<void> | undefined;
  const hideWindows = options.hideWindows ?? false;
  // The browser is relaunched after every crash or idle close; the root warning says nothing new the second time.
  const toldOnce = new Set<string>();
  const logOnce = (line: string) => {
    if (toldOnce.has(line)) return;
    toldOnce.add(line);
    log(line);
  };
  const pool = new BrowserPool({
    launch: () =>
      launchBrowser({
        executablePath: located.path,
        headless: hideWindows ? false : options.headless,
        runningAsRoot: process.getuid?.() === 0,
        log: logOnce,
        ...(hideWindows ? { extraArgs: OFF_SCREEN_ARGS } : {}),
      }),
    clock,
    idleCloseMs: options.idleCloseMs ?? DEFAULT_IDLE_CLOSE_MS,
    onEvent: (event) => {
      // Playwright closes Chromium itself on SIGINT (handleSIGINT); during our own close that is no crash.
      if (!closing) logPoolEvent(event, log);
      options.onBrowserEvent?.(event);
    },
  });
  const site = createConsulatGouvFrProvider({
    getBrowser: () => pool.getBrowser(),
    headless: hideWindows ? false : options.headless,
    hideWindows,
    monotonicNow: () => clock.now(),
    ...options.provider,
  });
  const checked = reportingInputErrors(
    observed(holdingBrowser(site, pool), options.observeChecks),
    options.onInputError,
  );
  const wakeAware = retryingAfterWake(checked, {
    clock,
    ...options.wakeRetry,
    onRetry: (url, reason) =>
      log(`Right after waking, ${url} failed (${reason}); trying again once, quietly.`),
  });
  // The watchdog is built before the engine so the engine's timers can report to it; it reads the engine lazily.
  const dog = new Watchdog({
    target: engineWatchdogTarget(() => engine),
    clock,
    log,
    ...options.watchdog,
  });
  const history = new HistoryRecorder({
    dataDir: options.dataDir,
    now: () => clock.wallNow(),
    onError: (error) => log(`Could not save the slot history in ${options.dataDir}: ${messageOf(error)}`),
  });
  const engine = new Engine({
    // Outermost, so the history files exactly the outcome the engine gets, with its filter and every slot read.
    provider: recordingHistory(wakeAware, history, () => clock.wallNow()),
    clock: guardClock(clock, (error) => dog.loopFailed(error)),
    onInternalError: (error) => dog.loopFailed(error),
    releaseHints: releaseHintsFromStore(
      (url) => history.read(url),
      () => clock.now(),
    ),
    memory,
    ...(problem ? { memoryProblem: problem } : {}),
    ...(options.globalIntervalMs !== undefined ? { globalIntervalMs: options.globalIntervalMs } : {}),
    ...options.engine,
  });

  const handoff: ChallengeHandoff = createChallengeHandoff({
    pages: site,
    resume: (watchId) => {
      if (engine.snapshot().watches.some((w) => w.watch.id === watchId)) engine.resume(watchId);
    },
    clock,
    log,
  });

  return {
    engine,
    browser: { path: located.path, source: located.source },
    ...(problem ? { memoryProblem: problem } : {}),
    browserPool: pool,
    history,
    watchdog: dog,
    start() {
      engine.start();
      dog.start();
    },
    resumeAfterSleep(graceMs) {
      wakeAware.noteWake();
      dog.noteWake();
      engine.resumeAfterSleep(graceMs);
    },
    showChallenge: (watchId, bookingUrl) => handoff.show(watchId, bookingUrl),
    providerStats: () => site.stats(),
    close() {
      // Order matters: no check may start or hold a page once the browser goes.
      closing ??= (async () => {
        dog.stop();
        handoff.close();
        await engine.stop();
        await wakeAware
          .close()
          .catch((error: unknown) => log(`Closing the site sessions failed: ${messageOf(error)}`));
        await pool.close();
        await history.flush();
        await dataDirLock.release();
      })();
      return closing;
    },
  };
}

/** The provider, with the host told when each check starts and ends. */
function reportingInputErrors(
  provider: AvailabilityProvider,
  onInputError: MonitorOptions['onInputError'],
): AvailabilityProvider {
  if (!onInputError) return provider;
  return {
    check: (request) =>
      provider.check(request).catch((error: unknown) => {
        if (
          error instanceof BookingUrlError ||
          error instanceof UnknownConsulateError ||
          error instanceof UnknownServiceError
        )
          onInputError(request, error);
        throw error;
      }),
    close: () => provider.close(),
  };
}

function observed(
  provider: AvailabilityProvider,
  observer: MonitorOptions['observeChecks'],
): AvailabilityProvider {
  if (!observer) return provider;
  return {
    async check(request) {
      observer.started(request);
      const outcome = await provider.check(request).catch((error: unknown) => {
        observer.ended(request, {
          status: 'unreachable',
          reason: messageOf(error),
          checkedAt: '',
          slots: [],
          unknownDays: [],
          apiRequests: 0,
        });
        throw error;
      });
      observer.ended(request, outcome);
      return outcome;
    },
    close: () => provider.close(),
  };
}

function logPoolEvent(event: BrowserPoolEvent, log: (line: string) => void): void {
  if (event.kind === 'launch-failed')
    log(
      `The browser did not start (${event.error}); trying again in ${Math.round(event.retryInMs / 1000)} s.`,
    );
  if (event.kind === 'crashed')
    log(`The browser stopped unexpectedly; starting it again in ${Math.round(event.relaunchInMs / 1000)} s.`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
