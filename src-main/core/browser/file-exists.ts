/** The real file-existence port for browser discovery: a regular file, not a folder. */
import { statSync } from 'node:fs';

export function fileExistsOnDisk(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
