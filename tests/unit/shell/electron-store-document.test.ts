// The app's own settings document (electron-store, as index.ts builds it) on real temp files: round trip and case D3.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../shared/settings';
import type { Settings } from '../../../shared/settings';
import { electronStoreDocument } from '../../../src-main/settings/electron-store-document';
import { jsonFileDocument } from '../../../src-main/settings/json-file-document';
import { lastGoodPathFor } from '../../../src-main/settings/settings-file';
import { createSettingsRepository } from '../../../src-main/settings/settings-repository';
import { noCipher } from '../../../src-main/settings/secret-cipher';

// electron-store asks Electron only for its default folder and app version; the document always passes its folder.
vi.mock('electron', () => ({ default: {} }));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ambislot-estore-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The repository exactly as the composition root builds it, less the keychain. */
function appRepository() {
  return createSettingsRepository({
    document: electronStoreDocument(dir),
    lastGood: jsonFileDocument(lastGoodPathFor(join(dir, 'settings.json'))),
    cipher: noCipher,
  });
}

function mySettings(): Settings {
  const settings = defaultSettings();
  settings.watches = [
    {
      id: 'w1',
      bookingUrl: 'https://consulat.gouv.fr/consulat-general-de-france-a-londres/rendez-vous',
      filter: { weekdays: [5] },
      enabled: true,
    },
  ];
  settings.language = 'fr';
  return settings;
}

describe('electron-store settings document', () => {
  it('saves to userData/settings.json and loads back the same settings, across a restart', async () => {
    await appRepository().save(mySettings());
    const onDisk = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as { language: string };
    expect(onDisk.language).toBe('fr');
    expect((await appRepository().load()).settings).toEqual(mySettings());
  });

  it('D3: garbage in the file: the last good copy is restored, the bad file kept aside, the user told once', async () => {
    await appRepository().save(mySettings());
    await writeFile(join(dir, 'settings.json'), '\u0000garbage{{{');
    const first = await appRepository().load();
    expect(first.settings).toEqual(mySettings());
    expect(first.notices).toEqual([expect.objectContaining({ kind: 'restored-last-good' })]);
    const keptAt = (first.notices[0] as { keptAt: string }).keptAt;
    expect(await readFile(keptAt, 'utf8')).toBe('\u0000garbage{{{');
    // electron-store never replaced the bad file with an empty one: it was moved aside, the good copy put back.
    const second = await appRepository().load();
    expect(second).toEqual({ settings: mySettings(), notices: [] });
    expect((await readdir(dir)).some((name) => name.startsWith('settings.json.corrupt-'))).toBe(true);
  });
});
