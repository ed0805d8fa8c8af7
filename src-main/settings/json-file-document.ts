/** A settings document in a plain JSON file, written atomically: the CLI's `--config FILE` and the last good copy. */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../core/storage/atomic-file';
import type { RawDocumentRead, SettingsDocument } from './settings-document';

export function jsonFileDocument(path: string): SettingsDocument {
  // Serialised so two saves never race on the same temp-and-rename.
  let queue: Promise<void> = Promise.resolve();
  return {
    path,
    async read(): Promise<RawDocumentRead> {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
        throw error;
      }
      try {
        return { kind: 'ok', raw: JSON.parse(text) as unknown };
      } catch (error) {
        return { kind: 'unreadable', error: error instanceof Error ? error.message : String(error) };
      }
    },
    write(doc) {
      const text = `${JSON.stringify(doc, null, 2)}\n`;
      const next = queue.then(() => writeFileAtomic(path, text));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
