/** Launches the Chromium-family browser found by findBrowser through playwright-core, with AmbiSlot's flags. */
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { chromiumArgs } from './launch-options';

export interface LaunchBrowserInput {
  executablePath: string;
  headless: boolean;
  /** `process.getuid?.() === 0`: Chromium refuses to start as root with its sandbox on (case B4). */
  runningAsRoot: boolean;
  /** One line per event worth a person's attention (the app log, or stderr for the CLI). */
  log: (line: string) => void;
  /** More Chromium flags (OFF_SCREEN_ARGS for a headed browser kept out of sight). */
  extraArgs?: readonly string[];
  /** Where a headed browser would draw (DISPLAY, WAYLAND_DISPLAY); default: this process's environment. */
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  /** The playwright-core launcher; replaced only by tests that inspect the options. */
  launcher?: { launch(options: LaunchOptions): Promise<Browser> };
}

export const NO_SANDBOX_WARNING =
  'Running as root: Chromium is started with --no-sandbox, because it refuses to start as root otherwise; run AmbiSlot as a normal user to keep the browser sandbox.';

/** The options handed to playwright-core for one launch. */
export function browserLaunchOptions({
  executablePath,
  headless,
  runningAsRoot,
  extraArgs = [],
}: LaunchBrowserInput): LaunchOptions {
  return {
    executablePath,
    headless,
    args: [...chromiumArgs({ runningAsRoot }), ...extraArgs],
    // Playwright adds --no-sandbox itself unless told the sandbox is wanted; only root may go without it.
    chromiumSandbox: !runningAsRoot,
    // Playwright's own SIGINT handler closes every browser and then exits the process with code 130, which
    // cuts short a host's clean stop (cancel the check, save the alert memory, exit 0). Hosts own signals;
    // they close the browser through the pool. Chromium still ends with us: its debugging pipe closes.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  };
}

/**
 * No persistent profile, on purpose: `chromium.launch` gives every launch a fresh temporary profile directory,
 * so a Chromium killed with its `SingletonLock` in place can never block the next start; there is no lock to
 * recover. What AmbiSlot keeps (the alert memory, settings) lives in its own data dir, not in a profile.
 */
export async function launchBrowser(input: LaunchBrowserInput): Promise<Browser> {
  const env = input.env ?? process.env;
  const platform = input.platform ?? process.platform;
  // Chromium's own answer to a missing display is "Target page, context or browser has been closed".
  if (!input.headless && isX11Platform(platform) && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    throw new Error(
      'a visible browser needs a graphical session, and this one has none (DISPLAY and WAYLAND_DISPLAY are unset); run without --show-browser, or from a desktop session',
    );
  }
  if (input.runningAsRoot) input.log(NO_SANDBOX_WARNING);
  return (input.launcher ?? chromium).launch(browserLaunchOptions(input));
}

/** Linux and the BSDs draw through X11 or Wayland; macOS and Windows always have a screen for a logged-in user. */
function isX11Platform(platform: NodeJS.Platform): boolean {
  return platform !== 'darwin' && platform !== 'win32';
}
