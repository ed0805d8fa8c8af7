/** Settings in a plain JSON file and its last good copy beside it: the CLI's `--config FILE`, and the tests. */
import { dirname, basename, extname, join } from 'node:path';
import { jsonFileDocument } from './json-file-document';
import { noCipher } from './secret-cipher';
import type { SecretCipher } from './secret-cipher';
import { createSettingsRepository } from './settings-repository';
import type { SettingsRepository } from './settings-repository';

/** `settings.json` → `settings.last-good.json`, in the same folder (same filesystem, so renames stay atomic). */
export function lastGoodPathFor(path: string): string {
  const ext = extname(path);
  return join(dirname(path), `${basename(path, ext)}.last-good${ext || '.json'}`);
}

export function openSettingsFile(
  path: string,
  options: { cipher?: SecretCipher; now?: () => Date } = {},
): SettingsRepository {
  return createSettingsRepository({
    document: jsonFileDocument(path),
    lastGood: jsonFileDocument(lastGoodPathFor(path)),
    cipher: options.cipher ?? noCipher,
    ...(options.now ? { now: options.now } : {}),
  });
}
