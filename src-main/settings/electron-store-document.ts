/** The settings document in electron-store (userData/settings.json): our migrations and validation, not the store's. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ElectronStore from 'electron-store';
import type { RawDocumentRead, SettingsDocument } from './settings-document';

/**
 * electron-store is used as the atomic reader and writer of one JSON document only: no `migrations`, `schema`
 * or `defaults` (shared/settings-migrations.ts and the zod schema decide), and `clearInvalidConfig` off so a
 * corrupt file is never silently replaced by an empty one: the repository keeps it aside instead (case D3).
 */
export function electronStoreDocument(directory: string, name = 'settings'): SettingsDocument {
  const path = join(directory, `${name}.json`);
  let store: ElectronStore<Record<string, unknown>> | undefined;
  // Created lazily: the constructor reads the file and throws on garbage, which must be a read result here.
  const open = () =>
    (store ??= new ElectronStore<Record<string, unknown>>({
      name,
      cwd: directory,
      clearInvalidConfig: false,
      watch: false,
      accessPropertiesByDotNotation: false,
    }));
  return {
    path,
    async read(): Promise<RawDocumentRead> {
      if (!existsSync(path)) return { kind: 'missing' };
      try {
        // `.store` reads the file again at every access, so a file replaced under us is seen.
        return { kind: 'ok', raw: open().store };
      } catch (error) {
        store = undefined;
        return { kind: 'unreadable', error: error instanceof Error ? error.message : String(error) };
      }
    },
    async write(doc) {
      open().store = doc as Record<string, unknown>;
    },
  };
}
