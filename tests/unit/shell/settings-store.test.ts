// Settings on real temp files: a corrupt file is kept aside and the last good copy restored (D3); secrets sealed.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_VERSION, defaultSettings } from '../../../shared/settings';
import type { Settings } from '../../../shared/settings';
import { lastGoodPathFor, openSettingsFile } from '../../../src-main/settings/settings-file';
import type { SecretCipher } from '../../../src-main/settings/secret-cipher';

const LONDON = 'https://consulat.gouv.fr/ambassade-de-france-a-londres/rendez-vous?name=Visas';

/** Reversible and visibly not plaintext: enough to prove the file never holds the secret itself. */
const fakeKeychain: SecretCipher = {
  available: true,
  encrypt: (plain) => Buffer.from(`k:${plain}`).toString('base64'),
  decrypt: (data) => {
    const text = Buffer.from(data, 'base64').toString();
    if (!text.startsWith('k:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return text.slice(2);
  },
};

function mySettings(): Settings {
  const settings = defaultSettings();
  settings.watches = [{ id: 'w1', bookingUrl: LONDON, filter: { weekdays: [5] }, enabled: true }];
  settings.language = 'en';
  settings.alerts.email = {
    ...settings.alerts.email,
    host: 'smtp.example.org',
    user: 'me',
    password: 's3cret pass',
    from: 'me@example.org',
    to: ['me@example.org'],
  };
  return settings;
}

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ambislot-settings-'));
  path = join(dir, 'settings.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('settings store on disk', () => {
  it('starts from defaults on first run and writes nothing until a save', async () => {
    const loaded = await openSettingsFile(path).load();
    expect(loaded).toEqual({ settings: defaultSettings(), notices: [] });
    expect(await readdir(dir)).toEqual([]);
  });

  it('saves and loads back the same settings', async () => {
    const repo = openSettingsFile(path, { cipher: fakeKeychain });
    await repo.save(mySettings());
    expect((await openSettingsFile(path, { cipher: fakeKeychain }).load()).settings).toEqual(mySettings());
  });

  it('D3: garbage in the file: the last good copy is restored, the bad file kept aside, the user told once', async () => {
    const now = () => new Date('2026-07-03T08:00:00Z');
    await openSettingsFile(path, { cipher: fakeKeychain, now }).save(mySettings());
    const goodCopy = await readFile(lastGoodPathFor(path), 'utf8');
    await writeFile(path, '\u0000\u0017garbage{{{');

    const first = await openSettingsFile(path, { cipher: fakeKeychain, now }).load();
    expect(first.settings).toEqual(mySettings());
    expect(first.notices).toHaveLength(1);
    expect(first.notices[0]).toMatchObject({ kind: 'restored-last-good' });
    const keptAt = (first.notices[0] as { keptAt: string }).keptAt;
    expect(await readFile(keptAt, 'utf8')).toBe('\u0000\u0017garbage{{{');
    // The good copy is intact and the main file is good again.
    expect(await readFile(lastGoodPathFor(path), 'utf8')).toBe(goodCopy);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(JSON.parse(goodCopy));

    const second = await openSettingsFile(path, { cipher: fakeKeychain, now }).load();
    expect(second.notices).toEqual([]);
    expect(second.settings).toEqual(mySettings());
  });

  it('D3: valid JSON of the wrong shape counts as corrupt too', async () => {
    await openSettingsFile(path).save(mySettings());
    await writeFile(path, JSON.stringify({ version: 3, watches: 'all of them' }));
    const loaded = await openSettingsFile(path).load();
    expect(loaded.notices[0]).toMatchObject({
      kind: 'restored-last-good',
      error: expect.stringContaining('watches'),
    });
    expect(loaded.settings.watches).toHaveLength(1);
  });

  it('D3: no good copy either: defaults in memory, and neither file is overwritten with defaults', async () => {
    await writeFile(path, 'garbage');
    await writeFile(lastGoodPathFor(path), 'also garbage');
    const loaded = await openSettingsFile(path).load();
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.notices[0]).toMatchObject({ kind: 'started-from-defaults' });
    expect(await readFile(lastGoodPathFor(path), 'utf8')).toBe('also garbage');
    const files = await readdir(dir);
    expect(files).not.toContain('settings.json');
    expect(files.some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
  });

  it('D3: a temp file left by an interrupted write changes nothing (the kill -9 test interrupts real ones)', async () => {
    await openSettingsFile(path).save(mySettings());
    const before = await readFile(path, 'utf8');
    // What a crash between writing the temp file and the rename leaves behind.
    await writeFile(join(dir, `.settings.json.${process.pid}.deadbeef.tmp`), '{"version": 3, "watc');
    expect(await readFile(path, 'utf8')).toBe(before);
    const loaded = await openSettingsFile(path).load();
    expect(loaded.notices).toEqual([]);
    expect(loaded.settings).toEqual(mySettings());
  });

  it('D3: a save that fails before writing leaves the old file untouched', async () => {
    await openSettingsFile(path).save(mySettings());
    const before = await readFile(path, 'utf8');
    const broken: SecretCipher = {
      ...fakeKeychain,
      encrypt: () => {
        throw new Error('keychain locked');
      },
    };
    await expect(openSettingsFile(path, { cipher: broken }).save(mySettings())).rejects.toThrow(
      'keychain locked',
    );
    const invalid = { ...mySettings(), globalIntervalMs: 5 };
    await expect(openSettingsFile(path).save(invalid)).rejects.toThrow(/globalIntervalMs/);
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('a deleted file comes back from the good copy', async () => {
    await openSettingsFile(path).save(mySettings());
    await rm(path);
    const loaded = await openSettingsFile(path).load();
    expect(loaded.settings).toEqual(mySettings());
    expect(loaded.notices[0]).toMatchObject({ kind: 'restored-missing' });
  });

  it('an old v1 file is migrated, and the original kept beside it', async () => {
    const v1 = JSON.stringify({ bookingUrl: LONDON, intervalMinutes: 5 });
    await writeFile(path, v1);
    const loaded = await openSettingsFile(path).load();
    expect(loaded.settings.watches[0]?.bookingUrl).toBe(LONDON);
    const notice = loaded.notices.find((n) => n.kind === 'migrated') as { keptAt: string };
    expect(await readFile(notice.keptAt, 'utf8')).toBe(v1);
    expect(JSON.parse(await readFile(path, 'utf8')).version).toBe(SETTINGS_VERSION);
  });

  it('secrets are encrypted with the keychain: the file never holds the password', async () => {
    const notices = await openSettingsFile(path, { cipher: fakeKeychain }).save(mySettings());
    expect(notices).toEqual([]);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('s3cret pass');
    expect(JSON.parse(text).alerts.email.password).toMatchObject({ $secret: 'os-keychain' });
  });

  it('without a keychain, secrets are stored plainly marked, with a warning', async () => {
    const notices = await openSettingsFile(path).save(mySettings());
    expect(notices).toEqual([{ kind: 'secrets-stored-plainly', paths: ['alerts.email.password'] }]);
    expect(JSON.parse(await readFile(path, 'utf8')).alerts.email.password).toEqual({
      $secret: 'plain',
      value: 's3cret pass',
    });
  });

  it('a secret the keychain cannot open is emptied with a notice; the rest still loads', async () => {
    await openSettingsFile(path, { cipher: fakeKeychain }).save(mySettings());
    const otherMachine: SecretCipher = {
      ...fakeKeychain,
      decrypt: () => {
        throw new Error('cannot decrypt');
      },
    };
    const loaded = await openSettingsFile(path, { cipher: otherMachine }).load();
    expect(loaded.settings.watches).toHaveLength(1);
    expect(loaded.settings.alerts.email.password).toBe('');
    expect(loaded.notices).toContainEqual(
      expect.objectContaining({ kind: 'secret-unreadable', path: 'alerts.email.password' }),
    );
  });
});
