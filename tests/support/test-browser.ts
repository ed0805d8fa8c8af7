// The Chromium the tests drive: found the way the app finds one (AMBISLOT_BROWSER, then the usual places).
import type { Browser } from 'playwright-core';
import { fileExistsOnDisk } from '../../src-main/core/browser/file-exists';
import { findBrowser } from '../../src-main/core/browser/find-browser';
import { launchBrowser } from '../../src-main/core/browser/launch-browser';

export function testBrowserPath(): string {
  const found = findBrowser({ env: process.env, platform: process.platform, fileExists: fileExistsOnDisk });
  if (!found.found) throw new Error(`The tests need Chromium: ${found.message}`);
  return found.path;
}

/** One headless Chromium, with --no-sandbox only when the tests run as root. */
export function launchTestBrowser(): Promise<Browser> {
  return launchBrowser({
    executablePath: testBrowserPath(),
    headless: true,
    runningAsRoot: process.getuid?.() === 0,
    log: () => undefined,
  });
}
