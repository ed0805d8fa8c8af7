/** Atomic file writes (temp file, fsync, rename) and a JSON store that keeps a corrupt file aside. */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import type { JsonFileStore, JsonReadResult } from '../ports';

/**
 * Writes `text` to `path` so that a crash at any moment leaves either the old or the new file:
 * the bytes go to a temp file in the same directory (same filesystem, so rename is atomic),
 * are flushed to disk, then the temp file replaces the target.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** Makes the rename itself durable; some platforms (Windows) cannot open a directory, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the data is already safe in the renamed file.
  }
}

/** A JSON file store over `path`. Writes are serialised so two saves never race on the same file. */
export function jsonFileStore<T>(path: string, now: () => Date = () => new Date()): JsonFileStore<T> {
  let queue: Promise<void> = Promise.resolve();
  return {
    path,
    async read(parse): Promise<JsonReadResult<T>> {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
        throw error;
      }
      try {
        return { kind: 'ok', value: parse(JSON.parse(text)) };
      } catch (error) {
        // Keep the bad bytes for a person to inspect; never overwrite them with a fresh start.
        const keptAt = `${path}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
        await rename(path, keptAt);
        return { kind: 'corrupt', keptAt, error: error instanceof Error ? error.message : String(error) };
      }
    },
    write(value) {
      const text = `${JSON.stringify(value, null, 2)}\n`;
      const next = queue.then(() => writeFileAtomic(path, text));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
