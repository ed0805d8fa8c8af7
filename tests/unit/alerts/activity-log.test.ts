// The activity log: a bounded ring for the window, a JSONL file that survives restarts, rotation, torn lines.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActivityLog, readActivityFile } from '../../../src-main/core/activity-log';
import type { DeliveryActivity } from '../../../src-main/core/activity-log';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ambislot-log-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function entry(i: number): DeliveryActivity {
  return {
    type: 'delivery',
    at: new Date(Date.UTC(2026, 6, 2, 8, 0, i)).toISOString(),
    channel: 'email',
    alertId: `a${i}`,
    alertKind: 'new-slots',
    title: `alert ${i}`,
    outcome: 'delivered',
    attempt: 1,
  };
}

describe('activity log', () => {
  it('keeps the last N entries in memory, oldest first, and tells listeners', () => {
    const log = ActivityLog.inMemory(3);
    const heard: string[] = [];
    log.subscribe((e) => heard.push(e.alertId));
    for (let i = 0; i < 5; i += 1) log.record(entry(i));
    expect(log.entries().map((e) => e.alertId)).toEqual(['a2', 'a3', 'a4']);
    expect(heard).toHaveLength(5);
  });

  it('appends one JSON line per entry and reopens with them (a restart or a crash loses nothing written)', async () => {
    const file = join(dir, 'activity.jsonl');
    const log = await ActivityLog.open({ file });
    for (let i = 0; i < 3; i += 1) log.record(entry(i));
    await log.flush();
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(3);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const reopened = await ActivityLog.open({ file, capacity: 2 });
    expect(reopened.entries().map((e) => e.alertId)).toEqual(['a1', 'a2']);
  });

  it('skips a torn or garbled line instead of losing the file', async () => {
    const file = join(dir, 'activity.jsonl');
    await writeFile(
      file,
      `${JSON.stringify(entry(1))}\nnot json\n${JSON.stringify(entry(2))}\n{"type":"deliv`,
    );
    expect((await readActivityFile(file)).map((e) => e.alertId)).toEqual(['a1', 'a2']);
  });

  it('rotates to .1 past the size limit and still lists both files after a restart', async () => {
    const file = join(dir, 'activity.jsonl');
    const log = await ActivityLog.open({ file, maxFileBytes: 600 });
    for (let i = 0; i < 6; i += 1) log.record(entry(i));
    await log.flush();
    const rotated = await readActivityFile(`${file}.1`);
    expect(rotated.length).toBeGreaterThan(0);
    const reopened = await ActivityLog.open({ file });
    expect(reopened.entries().map((e) => e.alertId)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
  });

  it('a file that cannot be written is reported; the memory ring still has the entry', async () => {
    const errors: unknown[] = [];
    const log = await ActivityLog.open({
      file: join(dir, 'missing-dir', 'activity.jsonl'),
      onWriteError: (e) => errors.push(e),
    });
    log.record(entry(1));
    await log.flush();
    expect(errors).toHaveLength(1);
    expect(log.entries()).toHaveLength(1);
  });
});
