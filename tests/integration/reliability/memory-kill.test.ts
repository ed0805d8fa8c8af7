// D3/D4 data safety: a process writing the alert memory or the settings is killed with SIGKILL at random moments; the file is never corrupt and loses at most the last write.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SeenSlots } from '../../../src-main/core/seen-slots';
import { openSettingsFile } from '../../../src-main/settings/settings-file';
import { FakeClock } from '../../support/fake-clock';

const dataDir = mkdtempSync(join(tmpdir(), 'ambislot-kill9-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts a writer, kills it with SIGKILL after `afterMs`, returns the last count it said was on disk. */
function runAndKill(
  afterMs: number,
  writer = 'memory-writer.ts',
  target = dataDir,
): Promise<{ acknowledged: number; said: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', `tests/integration/reliability/${writer}`, target],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let acknowledged = 0;
    let said = 0;
    let buffer = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const n = Number(/^saved (\d+)$/.exec(line)?.[1]);
        if (Number.isFinite(n)) {
          acknowledged = n;
          said += 1;
          // Killed at a random moment once writing is under way.
          timer ??= setTimeout(() => child.kill('SIGKILL'), afterMs);
        }
      }
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`the writer ended on its own: ${stderr}`));
      else resolve({ acknowledged, said });
    });
  });
}

describe('alert memory under kill -9', () => {
  it('D3/D4: killed at 12 random moments while writing, the memory always loads, never corrupt, losing at most the last write', async () => {
    let writes = 0;
    for (let round = 0; round < 12; round += 1) {
      const { acknowledged, said } = await runAndKill(Math.random() * 150);
      writes += said;
      const { memory, problem } = await SeenSlots.openInDir(dataDir, { clock: new FakeClock() });
      expect(problem).toBeUndefined();
      // Every acknowledged save is there; at most one more (the write the kill interrupted after its rename).
      expect(memory.size).toBeGreaterThanOrEqual(acknowledged);
      expect(memory.size).toBeLessThanOrEqual(acknowledged + 1);
    }
    expect(writes).toBeGreaterThan(12);
    // A kill between the temp file and the rename may leave a temp file, never a broken seen-slots.json.
    const files = readdirSync(dataDir).filter((name) => !name.startsWith('.seen-slots.json.'));
    expect(files).toEqual(['seen-slots.json']);
  }, 120_000);

  it('D3: the settings, killed at 12 random moments while saving, always load without a notice, losing at most the last save', async () => {
    const settingsDir = mkdtempSync(join(tmpdir(), 'ambislot-kill9-settings-'));
    const path = join(settingsDir, 'settings.json');
    try {
      let writes = 0;
      for (let round = 0; round < 12; round += 1) {
        const { acknowledged, said } = await runAndKill(Math.random() * 150, 'settings-writer.ts', path);
        writes += said;
        const loaded = await openSettingsFile(path).load();
        expect(loaded.notices).toEqual([]);
        expect(loaded.settings.watches.length).toBeGreaterThanOrEqual(acknowledged);
        expect(loaded.settings.watches.length).toBeLessThanOrEqual(acknowledged + 1);
      }
      expect(writes).toBeGreaterThan(12);
      const files = readdirSync(settingsDir).filter((name) => !name.startsWith('.'));
      expect(files.sort()).toEqual(['settings.json', 'settings.last-good.json']);
    } finally {
      rmSync(settingsDir, { recursive: true, force: true });
    }
  }, 120_000);
});
