/** The real file-existence port for browser discovery. */
import { statSync } from 'node:fs';

export function nodeFileExists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
