/** The one composition of the engine for every host (CLI, Electron shell): browser → pool → provider → memory → engine. */
import { mkdir } from 'node:fs/promises';
import { fileExistsOnDisk } from './browser/file-exists';
import { BrowserPool, holdingBrowser } from './browser/browser-pool';
import type { BrowserPoolEvent } from './browser/browser-pool';
import { findBrowser } from './browser/find-browser';
import type { FindBrowserResult } from './browser/find-browser';
import { launchBrowser } from './browser/launch-browser';
import { Engine } from './engine';
import type { EngineOptions } from './engine';
import { systemClock } from './ports';
import type { Clock } from './ports';
import { createConsulatGouvFrProvider } from './providers/consulat-gouv-fr/provider';
import type { ConsulatGouvFrProviderOptions } from './providers/consulat-gouv-fr/provider';
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
  provider?: Pick<ConsulatGouvFrProviderOptions, 'timeouts' | 'now' | 'log' | 'daySpacingMs'>;
  /** Told about browser launches, crashes and idle closes (the bench counts launches). */
  onBrowserEvent?: (event: BrowserPoolEvent) => void;
  /** Discovery ports; the real platform and disk unless a test injects its own. */
  platform?: NodeJS.Platform;
  fileExists?: (path: string) => boolean;
}

export interface Monitor {
  /**
   * The engine, not yet started: subscribe to its events and add watches, then `engine.start()`
   * (a corrupt memory file is told through `memory-problem` at start).
   */
  engine: Engine;
  /** The browser executable in use and where it came from. */
  browser: { path: string; source: 'configured' | 'env' | 'standard' };
  /** Set when the memory file was corrupt and set aside (also told once by the engine at start). */
  memoryProblem?: MemoryProblem;
  /** The shared browser pool, for hosts that close Chromium on sleep and for the bench. */
  browserPool: BrowserPool;
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
  await mkdir(options.dataDir, { recursive: true });
  const { memory, problem } = await SeenSlots.openInDir(options.dataDir, {
    clock,
    onSaveError: (error) =>
      log(
        `Could not save the alert memory in ${options.dataDir}: ${messageOf(error)}; retrying at the next check.`,
      ),
  });

  let closing: Promise<void> | undefined;
  const pool = new BrowserPool({
    launch: () =>
      launchBrowser({
        executablePath: located.path,
        headless: options.headless,
        runningAsRoot: process.getuid?.() === 0,
        log,
      }),
    clock,
    idleCloseMs: options.idleCloseMs ?? DEFAULT_IDLE_CLOSE_MS,
    onEvent: (event) => {
      // Playwright closes Chromium itself on SIGINT (handleSIGINT); during our own close that is no crash.
      if (!closing) logPoolEvent(event, log);
      options.onBrowserEvent?.(event);
    },
  });
  const provider = holdingBrowser(
    createConsulatGouvFrProvider({
      getBrowser: () => pool.getBrowser(),
      headless: options.headless,
      ...options.provider,
    }),
    pool,
  );
  const engine = new Engine({
    provider,
    clock,
    memory,
    ...(problem ? { memoryProblem: problem } : {}),
    ...(options.globalIntervalMs !== undefined ? { globalIntervalMs: options.globalIntervalMs } : {}),
    ...options.engine,
  });

  return {
    engine,
    browser: { path: located.path, source: located.source },
    ...(problem ? { memoryProblem: problem } : {}),
    browserPool: pool,
    close() {
      // Order matters: no check may start or hold a page once the browser goes.
      closing ??= (async () => {
        await engine.stop();
        await provider
          .close()
          .catch((error: unknown) => log(`Closing the site sessions failed: ${messageOf(error)}`));
        await pool.close();
      })();
      return closing;
    },
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
