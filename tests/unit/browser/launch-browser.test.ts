// Launch flags as root and as a normal user (case B4), and one real headless launch of the installed Chromium.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { Browser, LaunchOptions } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../../src-main/core/browser/find-browser';
import { launchBrowser, NO_SANDBOX_WARNING } from '../../../src-main/core/browser/launch-browser';

/** Records what would be handed to playwright-core instead of starting a browser. */
function recordingLauncher() {
  const calls: LaunchOptions[] = [];
  return {
    calls,
    launch: async (options: LaunchOptions) => {
      calls.push(options);
      return {} as Browser;
    },
  };
}

/** Command lines of this process's direct children (Linux /proc), to see what Chromium was really given. */
function childCommandLines(): string[][] {
  const lines: string[][] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the parenthesised command name, which may itself hold spaces.
      const parentPid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parentPid !== process.pid) continue;
      lines.push(readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean));
    } catch {
      // The process ended between listing and reading.
    }
  }
  return lines;
}

describe('launchBrowser', () => {
  it('B4: as root, adds --no-sandbox and says so in the log', async () => {
    const launcher = recordingLauncher();
    const logged: string[] = [];
    await launchBrowser({
      executablePath: '/usr/bin/chromium',
      headless: true,
      runningAsRoot: true,
      log: (line) => logged.push(line),
      launcher,
    });
    expect(launcher.calls).toHaveLength(1);
    expect(launcher.calls[0]!.args).toContain('--no-sandbox');
    expect(launcher.calls[0]!.chromiumSandbox).toBe(false);
    expect(logged).toEqual([NO_SANDBOX_WARNING]);
    expect(NO_SANDBOX_WARNING).toMatch(/--no-sandbox/);
  });

  it('B4: as a normal user, never --no-sandbox (ours or Playwright’s), and no warning', async () => {
    const launcher = recordingLauncher();
    const logged: string[] = [];
    await launchBrowser({
      executablePath: '/usr/bin/chromium',
      headless: false,
      runningAsRoot: false,
      log: (line) => logged.push(line),
      env: { DISPLAY: ':0' },
      platform: 'linux',
      launcher,
    });
    const [options] = launcher.calls;
    expect(options!.args).not.toContain('--no-sandbox');
    // Playwright adds --no-sandbox on its own unless the sandbox is asked for explicitly.
    expect(options!.chromiumSandbox).toBe(true);
    expect(options!.headless).toBe(false);
    expect(options!.executablePath).toBe('/usr/bin/chromium');
    expect(logged).toEqual([]);
  });

  it('a visible browser without a graphical session fails at once with what to do, before any launch', async () => {
    const launcher = recordingLauncher();
    const launch = (env: Record<string, string | undefined>, platform: NodeJS.Platform) =>
      launchBrowser({
        executablePath: '/usr/bin/chromium',
        headless: false,
        runningAsRoot: false,
        log: () => {},
        env,
        platform,
        launcher,
      });
    await expect(launch({}, 'linux')).rejects.toThrow(/graphical session.*run without --show-browser/);
    expect(launcher.calls).toHaveLength(0);
    await launch({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux');
    await launch({}, 'darwin');
    expect(launcher.calls).toHaveLength(2);
  });

  it('B4: launches the installed Chromium headless, opens about:blank and closes', async () => {
    const located = findBrowser({
      env: {},
      platform: process.platform,
      fileExists: (path) => {
        try {
          return statSync(path).isFile();
        } catch {
          return false;
        }
      },
    });
    if (!located.found) throw new Error(located.message);
    const runningAsRoot = process.getuid?.() === 0;
    const logged: string[] = [];
    const browser = await launchBrowser({
      executablePath: located.path,
      headless: true,
      runningAsRoot,
      log: (line) => logged.push(line),
    });
    try {
      expect(logged).toEqual(runningAsRoot ? [NO_SANDBOX_WARNING] : []);
      const chromiumCommandLine = childCommandLines().find((args) => args.includes('--disable-quic'));
      expect(chromiumCommandLine).toBeDefined();
      expect(chromiumCommandLine!.includes('--no-sandbox')).toBe(runningAsRoot);
      const page = await browser.newPage();
      await page.goto('about:blank');
      expect(page.url()).toBe('about:blank');
      expect(await page.evaluate(() => document.readyState)).toBe('complete');
    } finally {
      await browser.close();
    }
    expect(browser.isConnected()).toBe(false);
  });
});
