/** Finds a Chrome, Chromium or Edge executable to drive, or says in one sentence where it looked and what to do. */
import { posix, win32 } from 'node:path';

/** Where the path came from: the app setting / --browser flag, the environment variable, or a usual install place. */
export type BrowserSource = 'configured' | 'env' | 'standard';

export type FindBrowserResult =
  | { found: true; path: string; source: BrowserSource }
  | {
      found: false;
      /** One actionable sentence for the person (case B1): where we looked and how to fix it. */
      message: string;
      lookedAt: string[];
      /** Why nothing was used: an explicit path that is missing is not the same as "nothing installed". */
      reason: 'configured-missing' | 'env-missing' | 'none-installed';
    };

export interface FindBrowserInput {
  /** The path the person set (settings, or `--browser`); blank counts as unset. */
  configuredPath?: string | undefined;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** True when the path is an existing file; injected so tests use real temp files, not mocks. */
  fileExists: (path: string) => boolean;
}

export const BROWSER_ENV_VARIABLE = 'AMBISLOT_BROWSER';

const LINUX_PLACES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  '/usr/bin/microsoft-edge-stable',
  '/usr/local/bin/chromium',
  '/usr/local/bin/google-chrome',
  '/snap/bin/chromium',
  // Snap's bin directory on Fedora, Arch and openSUSE.
  '/var/lib/snapd/snap/bin/chromium',
  '/opt/google/chrome/chrome',
  '/opt/microsoft/msedge/msedge',
];

const MACOS_BUNDLES = [
  'Google Chrome.app/Contents/MacOS/Google Chrome',
  'Chromium.app/Contents/MacOS/Chromium',
  'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
];

const WINDOWS_PROGRAMS = [
  'Google\\Chrome\\Application\\chrome.exe',
  'Microsoft\\Edge\\Application\\msedge.exe',
  'Chromium\\Application\\chrome.exe',
];

/** Windows variable names are case-insensitive, but an injected env object is a plain record. */
function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  const key = Object.keys(env).find((candidate) => candidate.toUpperCase() === name.toUpperCase());
  const value = key === undefined ? undefined : env[key]?.trim();
  return value ? value : undefined;
}

/** The usual install places of Chrome, Chromium and Edge on a platform, most common first. */
export function standardBrowserPlaces(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
): string[] {
  if (platform === 'darwin') {
    const home = envValue(env, 'HOME');
    const roots = ['/Applications', ...(home ? [posix.join(home, 'Applications')] : [])];
    return roots.flatMap((root) => MACOS_BUNDLES.map((bundle) => posix.join(root, bundle)));
  }
  if (platform === 'win32') {
    const fromEnv = ['PROGRAMFILES', 'PROGRAMFILES(X86)', 'LOCALAPPDATA']
      .map((name) => envValue(env, name))
      .filter((root): root is string => root !== undefined);
    // A stripped environment (some services) still deserves the default install folders.
    const roots = fromEnv.length > 0 ? fromEnv : ['C:\\Program Files', 'C:\\Program Files (x86)'];
    return [...new Set(roots)].flatMap((root) =>
      WINDOWS_PROGRAMS.map((program) => win32.join(root, program)),
    );
  }
  // Linux and the BSDs share these places.
  return LINUX_PLACES;
}

const HOW_TO_FIX = `install Google Chrome, Chromium or Microsoft Edge, or set the browser path in AmbiSlot's settings (or --browser, or the ${BROWSER_ENV_VARIABLE} environment variable)`;

/**
 * Order: the configured path, then AMBISLOT_BROWSER, then the usual places. A path the person gave that does not
 * exist is an error naming it, never a silent fall-back to another browser they did not choose.
 */
export function findBrowser({
  configuredPath,
  env,
  platform,
  fileExists,
}: FindBrowserInput): FindBrowserResult {
  const configured = configuredPath?.trim();
  if (configured) {
    if (fileExists(configured)) return { found: true, path: configured, source: 'configured' };
    return {
      found: false,
      reason: 'configured-missing',
      lookedAt: [configured],
      message: `The browser path you gave (settings or --browser) was not found at "${configured}": correct the path to a Chrome, Chromium or Edge executable, or clear it to use an installed browser.`,
    };
  }

  const fromEnv = envValue(env, BROWSER_ENV_VARIABLE);
  if (fromEnv) {
    if (fileExists(fromEnv)) return { found: true, path: fromEnv, source: 'env' };
    return {
      found: false,
      reason: 'env-missing',
      lookedAt: [fromEnv],
      message: `${BROWSER_ENV_VARIABLE} points to "${fromEnv}", which does not exist: correct it to a Chrome, Chromium or Edge executable, or unset it to use an installed browser.`,
    };
  }

  const places = standardBrowserPlaces(platform, env);
  const found = places.find((place) => fileExists(place));
  if (found !== undefined) return { found: true, path: found, source: 'standard' };
  return {
    found: false,
    reason: 'none-installed',
    lookedAt: places,
    message: `No Chrome, Chromium or Edge browser was found (looked in ${places.join(', ')}): ${HOW_TO_FIX}.`,
  };
}
