/** One shared browser for every check: launched lazily, relaunched after a crash with capped back-off, closed when idle. */
import type { Browser } from 'playwright-core';
import type { CheckOutcome } from '../../../shared/model';
import { systemClock } from '../ports';
import type { CancelTimer, Clock } from '../ports';
import type { AvailabilityProvider, CheckRequest } from '../providers/provider';

export const DEFAULT_RELAUNCH_INITIAL_MS = 1_000;
export const DEFAULT_RELAUNCH_MAX_MS = 60_000;
/** A browser that lived this long was healthy: its crash starts the back-off over. */
export const DEFAULT_STABLE_AFTER_MS = 5 * 60_000;

export type BrowserPoolEvent =
  | { kind: 'launched'; pid?: number }
  | { kind: 'launch-failed'; error: string; retryInMs: number }
  | { kind: 'crashed'; pid?: number; relaunchInMs: number }
  | { kind: 'closed-idle' };

/**
 * A launched browser, with its process id when the launcher knows it (playwright's Browser does not
 * expose it); with a pid the pool can make sure a crashed or closed browser leaves no process behind.
 */
export type LaunchedBrowser = Browser | { browser: Browser; pid?: number };

export interface BrowserPoolOptions {
  /** Starts a browser (launchBrowser with the found executable, in the app). */
  launch: () => Promise<LaunchedBrowser>;
  clock?: Clock;
  relaunchInitialMs?: number;
  relaunchMaxMs?: number;
  stableAfterMs?: number;
  /**
   * Close the browser after this long with no check holding it; undefined keeps it open.
   * Worth setting when intervals are long, so an idle app does not keep Chromium in memory.
   */
  idleCloseMs?: number;
  onEvent?: (event: BrowserPoolEvent) => void;
}

/** The delay before launch number `attempt` after `attempt` consecutive crashes or failures: doubling, capped. */
export function relaunchDelayMs(attempt: number, initialMs: number, maxMs: number): number {
  if (attempt <= 0) return 0;
  return Math.min(maxMs, initialMs * 2 ** Math.min(attempt - 1, 30));
}

export class BrowserPool {
  private readonly clock: Clock;
  private current: Browser | undefined;
  private launching: Promise<Browser> | undefined;
  private launchedAt = 0;
  /** Consecutive crashes or failed launches since the last stable browser. */
  private trouble = 0;
  private nextLaunchAt = -Infinity;
  private holds = 0;
  private cancelIdle: CancelTimer | undefined;
  private closed = false;
  /** Browsers we are closing on purpose: their `disconnected` is not a crash. */
  private readonly closing = new WeakSet<Browser>();
  private readonly everLaunched: Browser[] = [];
  private readonly pids = new WeakMap<Browser, number>();

  constructor(private readonly options: BrowserPoolOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Consecutive crashes or failed launches not yet healed by a stable browser. */
  get troubleCount(): number {
    return this.trouble;
  }

  /** The connected browser, launching (or relaunching, after the back-off) one when needed. */
  async getBrowser(): Promise<Browser> {
    if (this.closed) throw new Error('The browser pool is closed.');
    if (this.current?.isConnected()) return this.current;
    this.launching ??= this.launchAfterBackoff().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  /** Marks a check in progress so the idle timer never closes the browser under it. Returns the release. */
  hold(): () => void {
    this.holds += 1;
    this.cancelIdle?.();
    this.cancelIdle = undefined;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (this.holds === 0) this.armIdleTimer();
    };
  }

  /** Closes the browser and waits for its process to be gone; no later launch happens. */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelIdle?.();
    this.cancelIdle = undefined;
    await this.launching?.catch(() => undefined);
    await Promise.all(this.everLaunched.map((browser) => this.shutDown(browser)));
    this.current = undefined;
  }

  private async launchAfterBackoff(): Promise<Browser> {
    const wait = this.nextLaunchAt - this.clock.now();
    if (wait > 0) await new Promise<void>((resolve) => this.clock.setTimer(wait, resolve));
    if (this.closed) throw new Error('The browser pool is closed.');
    let browser: Browser;
    try {
      const launched = await this.options.launch();
      browser = 'browser' in launched ? launched.browser : launched;
      const pid = 'browser' in launched ? launched.pid : undefined;
      if (pid !== undefined) this.pids.set(browser, pid);
    } catch (error) {
      this.trouble += 1;
      const retryInMs = this.backoff();
      this.nextLaunchAt = this.clock.now() + retryInMs;
      this.options.onEvent?.({ kind: 'launch-failed', error: messageOf(error), retryInMs });
      throw error;
    }
    if (this.closed) {
      await this.shutDown(browser);
      throw new Error('The browser pool is closed.');
    }
    this.current = browser;
    this.everLaunched.push(browser);
    this.launchedAt = this.clock.now();
    browser.on('disconnected', () => this.onDisconnected(browser));
    this.options.onEvent?.({ kind: 'launched', pid: this.pids.get(browser) });
    if (this.holds === 0) this.armIdleTimer();
    return browser;
  }

  private onDisconnected(browser: Browser): void {
    const index = this.everLaunched.indexOf(browser);
    if (index >= 0) this.everLaunched.splice(index, 1);
    if (this.current === browser) this.current = undefined;
    if (this.closing.has(browser) || this.closed) return;
    const lived = this.clock.now() - this.launchedAt;
    const stable = this.options.stableAfterMs ?? DEFAULT_STABLE_AFTER_MS;
    this.trouble = lived >= stable ? 1 : this.trouble + 1;
    const relaunchInMs = this.backoff();
    this.nextLaunchAt = this.clock.now() + relaunchInMs;
    // Chromium's helpers normally die with it; make sure a killed browser leaves nothing behind.
    killQuietly(this.pids.get(browser));
    this.options.onEvent?.({ kind: 'crashed', pid: this.pids.get(browser), relaunchInMs });
  }

  private backoff(): number {
    return relaunchDelayMs(
      this.trouble,
      this.options.relaunchInitialMs ?? DEFAULT_RELAUNCH_INITIAL_MS,
      this.options.relaunchMaxMs ?? DEFAULT_RELAUNCH_MAX_MS,
    );
  }

  private armIdleTimer(): void {
    const idleMs = this.options.idleCloseMs;
    if (idleMs === undefined || this.closed || !this.current) return;
    this.cancelIdle?.();
    this.cancelIdle = this.clock.setTimer(idleMs, () => {
      this.cancelIdle = undefined;
      const browser = this.current;
      if (this.holds > 0 || !browser) return;
      this.current = undefined;
      this.options.onEvent?.({ kind: 'closed-idle' });
      void this.shutDown(browser);
    });
  }

  /** Closes on purpose; if Chromium does not go within 5 s, its process (when known) is killed. */
  private async shutDown(browser: Browser): Promise<void> {
    this.closing.add(browser);
    const pid = this.pids.get(browser);
    let timer: NodeJS.Timeout | undefined;
    const tooLong = new Promise<void>((resolve) => (timer = setTimeout(resolve, 5_000)));
    await Promise.race([browser.close().catch(() => undefined), tooLong]);
    clearTimeout(timer);
    killQuietly(pid);
  }
}

/** The provider with the browser held for the whole of each check, so an idle close never lands mid-check. */
export function holdingBrowser(provider: AvailabilityProvider, pool: BrowserPool): AvailabilityProvider {
  return {
    async check(request: CheckRequest): Promise<CheckOutcome> {
      const release = pool.hold();
      try {
        return await provider.check(request);
      } finally {
        release();
      }
    },
    close: () => provider.close(),
  };
}

function killQuietly(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone: the usual case.
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
