// The CLI's default data folder is the desktop app's (Electron userData for "AmbiSlot") on every OS.
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../src-main/core/monitor-data-dir';

describe('defaultDataDir', () => {
  it('Linux: XDG_CONFIG_HOME/AmbiSlot, else ~/.config/AmbiSlot; a relative XDG path is ignored', () => {
    expect(defaultDataDir({ env: {}, platform: 'linux', homeDir: '/home/léa' })).toBe(
      '/home/léa/.config/AmbiSlot',
    );
    expect(defaultDataDir({ env: { XDG_CONFIG_HOME: '/cfg' }, platform: 'linux', homeDir: '/h' })).toBe(
      '/cfg/AmbiSlot',
    );
    expect(defaultDataDir({ env: { XDG_CONFIG_HOME: 'rel' }, platform: 'linux', homeDir: '/h' })).toBe(
      '/h/.config/AmbiSlot',
    );
  });

  it('macOS and Windows: Application Support and %APPDATA%', () => {
    expect(defaultDataDir({ env: {}, platform: 'darwin', homeDir: '/Users/lea' })).toBe(
      '/Users/lea/Library/Application Support/AmbiSlot',
    );
    expect(
      defaultDataDir({
        env: { APPDATA: 'C:\\Users\\Léa\\AppData\\Roaming' },
        platform: 'win32',
        homeDir: 'C:\\Users\\Léa',
      }),
    ).toBe('C:\\Users\\Léa\\AppData\\Roaming\\AmbiSlot');
  });
});
