/** Creates a folder and its missing parents, and fails (never spins) where a parent cannot hold folders. */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Like `mkdir(path, { recursive: true })`, which on Linux never returns for a path under /proc: procfs answers
 * ENOENT for a child it cannot create, and Node's recursive walk takes that as "make the parent first", forever
 * (the same walk loops on dangling symlinks; see nodejs/node#27198 for its Windows cousin). Here each level is
 * made once, top-down, and an ENOENT under a parent that exists is final.
 */
export async function makeDirectory(path: string): Promise<void> {
  const missing: string[] = [];
  for (let current = resolve(path); ; current = dirname(current)) {
    const found = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (found) {
      if (!found.isDirectory()) throw notAFolder(current, path);
      break;
    }
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const folder of missing) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return; // made meanwhile by someone else
      throw error;
    });
  }
}

function notAFolder(where: string, wanted: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(
    `ENOTDIR: ${where} is not a folder, so ${wanted} cannot be made there`,
  );
  error.code = 'ENOTDIR';
  return error;
}
