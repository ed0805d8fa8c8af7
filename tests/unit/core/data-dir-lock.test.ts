// One process per data folder: a live holder is named, a dead one's lock is taken over.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirBusyError, LOCK_FILE_NAME, lockDataDir } from '../../../src-main/core/storage/data-dir-lock';

describe('lockDataDir', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ambislot-lock-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('refuses a second holder while the first lives, naming its process, and frees the folder on release', async () => {
    const first = await lockDataDir(dir, { pid: 101, isAlive: () => true });
    expect(await readFile(join(dir, LOCK_FILE_NAME), 'utf8')).toBe('101\n');
    const second = lockDataDir(dir, { pid: 202, isAlive: () => true });
    await expect(second).rejects.toBeInstanceOf(DataDirBusyError);
    await expect(lockDataDir(dir, { pid: 202, isAlive: () => true })).rejects.toThrow(/process 101/);
    await first.release();
    const third = await lockDataDir(dir, { pid: 202, isAlive: () => true });
    await third.release();
  });

  it('takes over the lock of a process that died (kill -9) or an unreadable lock file', async () => {
    await writeFile(join(dir, LOCK_FILE_NAME), '999999\n');
    const lock = await lockDataDir(dir, { pid: 303, isAlive: () => false });
    expect(await readFile(join(dir, LOCK_FILE_NAME), 'utf8')).toBe('303\n');
    await lock.release();
    await writeFile(join(dir, LOCK_FILE_NAME), 'garbage');
    await (await lockDataDir(dir, { pid: 303 })).release();
  });

  it('sees this very process as alive with the real check', async () => {
    const held = await lockDataDir(dir);
    await expect(lockDataDir(dir, { pid: process.pid + 1 })).rejects.toBeInstanceOf(DataDirBusyError);
    await held.release();
  });
});
