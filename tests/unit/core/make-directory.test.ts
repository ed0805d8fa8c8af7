// Making the data folder: parents made once each, and an error (never a spin) where a folder cannot be made.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDirectory } from '../../../src-main/core/storage/make-directory';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ambislot-mkdir-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('makeDirectory', () => {
  it('makes the missing parents and accepts a folder that already exists', async () => {
    const deep = join(dir, 'a', 'b', 'c');
    await makeDirectory(deep);
    expect((await stat(deep)).isDirectory()).toBe(true);
    await makeDirectory(deep);
  });

  it('fails with ENOTDIR where a parent is a file', async () => {
    await writeFile(join(dir, 'file'), 'x');
    await expect(makeDirectory(join(dir, 'file', 'data'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it.runIf(existsSync('/proc/self'))(
    'fails at once under /proc, where recursive mkdir never returns',
    async () => {
      const started = Date.now();
      await expect(makeDirectory('/proc/ambislot-nope/data')).rejects.toMatchObject({ code: 'ENOENT' });
      expect(Date.now() - started).toBeLessThan(1_000);
    },
  );
});
