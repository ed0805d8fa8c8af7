/** Loads and saves settings: raw document → our migrations → secrets opened → validated; a corrupt file kept aside and the last good copy restored (case D3). */
import { copyFile, rename } from 'node:fs/promises';
import { defaultSettings, parseSettings, SETTINGS_VERSION } from '../../shared/settings';
import type { Settings } from '../../shared/settings';
import { migrateSettings } from '../../shared/settings-migrations';
import { sealSecrets, unsealSecrets } from './secret-cipher';
import type { SecretCipher, SecretNotice } from './secret-cipher';
import type { SettingsDocument } from './settings-document';

/** Something the person should be told once; the app shows it, the CLI prints it. */
export type SettingsNotice =
  | SecretNotice
  /** The file was unusable: it was kept aside and the last good copy restored. */
  | { kind: 'restored-last-good'; keptAt: string; error: string }
  /** The file was unusable and no good copy existed: defaults in memory, nothing overwritten until a save. */
  | { kind: 'started-from-defaults'; keptAt: string; error: string }
  /** The file was gone but a good copy was there: restored from it. */
  | { kind: 'restored-missing'; from: string }
  /** An older file was migrated; the original is kept beside it. */
  | { kind: 'migrated'; fromVersion: number; keptAt: string };

export interface LoadedSettings {
  settings: Settings;
  notices: SettingsNotice[];
}

export interface SettingsRepository {
  readonly path: string;
  load(): Promise<LoadedSettings>;
  /** Validates, seals the secrets and writes the file, then the last good copy. Returns what to tell the person. */
  save(settings: Settings): Promise<SettingsNotice[]>;
}

export interface SettingsRepositoryOptions {
  document: SettingsDocument;
  /** The copy written after every good load and save; restored when the document is corrupt. */
  lastGood: SettingsDocument;
  cipher: SecretCipher;
  now?: () => Date;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

export function createSettingsRepository(options: SettingsRepositoryOptions): SettingsRepository {
  const { document, lastGood, cipher } = options;
  const now = options.now ?? (() => new Date());

  /** Raw → current version → secrets opened → validated; throws when anything is wrong. */
  function decode(raw: unknown): { settings: Settings; fromVersion: number; notices: SecretNotice[] } {
    const { document: migrated, fromVersion } = migrateSettings(raw);
    const { opened, notices } = unsealSecrets(migrated, cipher);
    return { settings: parseSettings(opened), fromVersion, notices };
  }

  async function read(doc: SettingsDocument) {
    const result = await doc.read();
    if (result.kind === 'missing') return { kind: 'missing' as const };
    if (result.kind === 'unreadable') return { kind: 'bad' as const, error: result.error };
    try {
      return { kind: 'ok' as const, raw: result.raw, ...decode(result.raw) };
    } catch (error) {
      return { kind: 'bad' as const, error: messageOf(error) };
    }
  }

  async function writeBoth(settings: Settings): Promise<SecretNotice[]> {
    const { sealed, notices } = sealSecrets(parseSettings(settings), cipher);
    await document.write(sealed);
    // After the main file: a crash in between leaves a new file and an older good copy, both valid.
    await lastGood.write(sealed);
    return notices;
  }

  return {
    path: document.path,
    async load() {
      const main = await read(document);
      if (main.kind === 'missing') {
        // First run, or a file deleted by hand: a good copy still wins over defaults (nothing lost).
        const backup = await read(lastGood);
        if (backup.kind !== 'ok') return { settings: defaultSettings(), notices: [] };
        await document.write(backup.raw as object);
        return {
          settings: backup.settings,
          notices: [{ kind: 'restored-missing', from: lastGood.path }, ...backup.notices],
        };
      }
      if (main.kind === 'ok') {
        const notices: SettingsNotice[] = [...main.notices];
        if (main.fromVersion < SETTINGS_VERSION) {
          // Keep the old file as it was (a copy: the original stays until the atomic replace), so a
          // downgrade or a migration bug never loses anything.
          const keptAt = `${document.path}.v${main.fromVersion}-${stamp(now())}`;
          await copyFile(document.path, keptAt);
          notices.push(
            { kind: 'migrated', fromVersion: main.fromVersion, keptAt },
            ...(await writeBoth(main.settings)),
          );
        } else {
          await lastGood.write(main.raw as object);
        }
        return { settings: main.settings, notices };
      }

      // Corrupt: keep the bad bytes for a person to inspect; never overwrite them, nor the good copy.
      const keptAt = `${document.path}.corrupt-${stamp(now())}`;
      await rename(document.path, keptAt);
      const backup = await read(lastGood);
      if (backup.kind === 'ok') {
        await document.write(backup.raw as object);
        return {
          settings: backup.settings,
          notices: [{ kind: 'restored-last-good', keptAt, error: main.error }, ...backup.notices],
        };
      }
      return {
        settings: defaultSettings(),
        notices: [{ kind: 'started-from-defaults', keptAt, error: main.error }],
      };
    },
    save: writeBoth,
  };
}
