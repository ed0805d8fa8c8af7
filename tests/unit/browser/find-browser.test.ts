// Browser discovery against real files in a temp directory standing in for the machine's disk (case B1).
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findBrowser, standardBrowserPlaces } from '../../../src-main/core/browser/find-browser';

let diskRoot: string;

beforeEach(() => {
  diskRoot = mkdtempSync(join(tmpdir(), 'ambislot-find-browser-'));
});
afterEach(() => {
  rmSync(diskRoot, { recursive: true, force: true });
});

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Where a path of the pretend machine (POSIX or `C:\…`) lives inside the temp directory. */
function onDisk(path: string): string {
  return join(diskRoot, path.replace(/^[A-Za-z]:/, '').replace(/\\/g, '/'));
}

/** A real file-existence check, rooted in the temp directory instead of `/`. */
const fileExistsOnPretendDisk = (path: string) => isFile(onDisk(path));

function install(path: string): void {
  mkdirSync(dirname(onDisk(path)), { recursive: true });
  writeFileSync(onDisk(path), '#!/bin/sh\n', { mode: 0o755 });
}

describe('findBrowser', () => {
  it('B1: nothing found: one sentence listing every place looked at and how to fix it', () => {
    const result = findBrowser({ env: {}, platform: 'linux', fileExists: fileExistsOnPretendDisk });
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.reason).toBe('none-installed');
    expect(result.lookedAt).toEqual(standardBrowserPlaces('linux', {}));
    for (const place of ['/usr/bin/chromium', '/usr/bin/google-chrome-stable', '/snap/bin/chromium']) {
      expect(result.lookedAt).toContain(place);
      expect(result.message).toContain(place);
    }
    expect(result.message).toMatch(/install Google Chrome, Chromium or Microsoft Edge/);
    expect(result.message).toMatch(/AMBISLOT_BROWSER/);
    expect(result.message).not.toContain('\n');
    expect(result.message.match(/\. /g)).toBeNull(); // one sentence
  });

  it('B1: a configured path with spaces and accents that does not exist is an error naming it, no fall-back', () => {
    install('/usr/bin/chromium'); // a usable browser is there, but the person chose another
    const configuredPath = join(diskRoot, 'Mes Applications', 'Navigateur élégant', 'Google Chrome');
    const result = findBrowser({
      configuredPath,
      env: {},
      platform: 'linux',
      fileExists: fileExistsOnPretendDisk,
    });
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.reason).toBe('configured-missing');
    expect(result.message).toContain(`"${configuredPath}"`);
    expect(result.lookedAt).toEqual([configuredPath]);
  });

  it('B1: AMBISLOT_BROWSER pointing nowhere is an error naming the variable and the path', () => {
    install('/usr/bin/chromium');
    const result = findBrowser({
      env: { AMBISLOT_BROWSER: '/opt/Brave Browser/brave' },
      platform: 'linux',
      fileExists: fileExistsOnPretendDisk,
    });
    expect(result).toMatchObject({ found: false, reason: 'env-missing' });
    if (!result.found)
      expect(result.message).toMatch(/^AMBISLOT_BROWSER points to "\/opt\/Brave Browser\/brave"/);
  });

  it('B1: takes the configured path first, then AMBISLOT_BROWSER, then a usual place', () => {
    const configuredPath = '/home/zoé/Navigateurs/Chrome Bêta/chrome';
    const envPath = '/opt/chromium from env/chrome';
    for (const path of [configuredPath, envPath, '/usr/bin/google-chrome', '/usr/bin/chromium'])
      install(path);
    const env = { AMBISLOT_BROWSER: envPath };
    const ports = { platform: 'linux' as const, fileExists: fileExistsOnPretendDisk };

    expect(findBrowser({ ...ports, configuredPath, env })).toEqual({
      found: true,
      path: configuredPath,
      source: 'configured',
    });
    expect(findBrowser({ ...ports, configuredPath: '  ', env })).toEqual({
      found: true,
      path: envPath,
      source: 'env',
    });
    // /usr/bin/chromium comes before /usr/bin/google-chrome in the usual places.
    expect(findBrowser({ ...ports, env: {} })).toEqual({
      found: true,
      path: '/usr/bin/chromium',
      source: 'standard',
    });
    rmSync(onDisk('/usr/bin/chromium'));
    expect(findBrowser({ ...ports, env: {} })).toEqual({
      found: true,
      path: '/usr/bin/google-chrome',
      source: 'standard',
    });
  });

  it('B1: finds Edge under ~/Applications on macOS', () => {
    const home = '/Users/zoé';
    install(`${home}/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge`);
    const result = findBrowser({
      env: { HOME: home },
      platform: 'darwin',
      fileExists: fileExistsOnPretendDisk,
    });
    expect(result).toEqual({
      found: true,
      path: '/Users/zoé/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      source: 'standard',
    });
    const places = standardBrowserPlaces('darwin', { HOME: home });
    expect(places[0]).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(places).toContain('/Applications/Chromium.app/Contents/MacOS/Chromium');
  });

  it('B1: finds Chrome under %LOCALAPPDATA% on Windows, whatever the case of the variable names', () => {
    const localAppData = 'C:\\Users\\Zoé\\AppData\\Local';
    install(`${localAppData}\\Google\\Chrome\\Application\\chrome.exe`);
    const env = {
      ProgramFiles: 'C:\\Program Files',
      'ProgramFiles(x86)': 'C:\\Program Files (x86)',
      LOCALAPPDATA: localAppData,
    };
    const result = findBrowser({ env, platform: 'win32', fileExists: fileExistsOnPretendDisk });
    expect(result).toEqual({
      found: true,
      path: 'C:\\Users\\Zoé\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      source: 'standard',
    });
    const places = standardBrowserPlaces('win32', env);
    expect(places).toContain('C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(places).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(places).toContain('C:\\Users\\Zoé\\AppData\\Local\\Chromium\\Application\\chrome.exe');
  });

  it('B1: still looks in the default Windows folders when the environment is stripped', () => {
    const result = findBrowser({ env: {}, platform: 'win32', fileExists: fileExistsOnPretendDisk });
    expect(result.found).toBe(false);
    if (!result.found)
      expect(result.message).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
  });

  it('finds the Chromium actually installed on this machine with the real file system', () => {
    const result = findBrowser({ env: {}, platform: process.platform, fileExists: isFile });
    expect(result.found).toBe(true);
  });
});
