/** One AmbiSlot process per data folder: two would each alert the same slot and race on the same files. */
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'ambislot.lock';

/** Another live process holds the folder; its pid is named so a person can find it. */
export class DataDirBusyError extends Error {
  override readonly name = 'DataDirBusyError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Another AmbiSlot (process ${pid}) is already watching with the data folder ${dataDir}; stop it, or give this one another folder (--data-dir).`,
    );
  }
}

/** The folder cannot be made or written (not a folder, no permission, a read-only or virtual file system). */
export class DataDirUnusableError extends Error {
  override readonly name = 'DataDirUnusableError';
  constructor(
    readonly dataDir: string,
    cause: unknown,
  ) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`The data folder ${dataDir} cannot be used (${detail}); give another one (--data-dir).`, { cause });
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still means the folder is in use.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the folder for this process. A lock left by a process that died (kill -9, power cut) is stale and taken
 * over; a live holder makes this throw `DataDirBusyError`.
 */
export async function lockDataDir(
  dataDir: string,
  { pid = process.pid, isAlive = processIsAlive }: { pid?: number; isAlive?: (pid: number) => boolean } = {},
): Promise<DataDirLock> {
  const path = join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${pid}\n`);
      await handle.close();
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder > 0 && holder !== pid && isAlive(holder)) {
      throw new DataDirBusyError(dataDir, holder);
    }
    // Stale (its process is gone) or unreadable: remove it and try again.
    await rm(path, { force: true });
  }
  throw new Error(`Could not take the data folder ${dataDir}: its lock file keeps coming back.`);
}
