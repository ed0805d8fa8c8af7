// The alert-once memory on a real temp dir: window, passed slots, conclusive-only updates, restarts (D4), corruption.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/core/engine';
import { SEEN_SLOTS_FILE, SeenSlots, slotKey } from '../../../src-main/core/seen-slots';
import { writeFileAtomic } from '../../../src-main/core/storage/atomic-file';
import { FakeClock } from '../../support/fake-clock';
import { MINUTE, noJitter, watch } from './engine-harness';
import { ScriptedProvider, failed, outcome, seen, slot } from './scripted-provider';

const scope = { site: 'https://consulat.gouv.fr', consulate: 'team-london', service: 'svc-visas' };
const A = slot('2026-07-10', '09:00');
const B = slot('2026-07-10', '09:30');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ambislot-seen-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('alert-once memory', () => {
  it('keys a slot by site, consulate, service, date, time and zone', () => {
    expect(slotKey(scope, A)).toBe(
      'https://consulat.gouv.fr|team-london|svc-visas|2026-07-10|09:00|Europe/London',
    );
    expect(slotKey(scope, { ...A, capacity: 3 })).toBe(slotKey(scope, A));
    expect(slotKey(scope, { ...A, timeZone: 'Europe/Paris' })).not.toBe(slotKey(scope, A));
  });

  it('remembers a slot for 6 h after it was last seen, and forgets it once started', async () => {
    const clock = new FakeClock('2026-07-10T00:00:00Z');
    const memory = SeenSlots.inMemory({ clock });
    const later = slot('2026-07-11', '09:00');
    expect(memory.observe(scope, seen([later]), [later])).toEqual([later]);
    await clock.advance(5 * 60 * MINUTE);
    expect(memory.observe(scope, seen([later]), [later])).toEqual([]); // still there: last seen refreshed
    await clock.advance(6 * 60 * MINUTE - MINUTE);
    expect(memory.remembers(scope, later)).toBe(true);
    await clock.advance(2 * MINUTE);
    expect(memory.remembers(scope, later)).toBe(false);
    expect(memory.observe(scope, seen([later]), [later])).toEqual([later]); // news again after the window
    // A (09:00 London = 08:00 UTC on 07-10) has started by now (11:01 UTC): never alerted.
    expect(memory.observe(scope, seen([A]), [A])).toEqual([]);
    // An entry whose slot starts is dropped even inside the window.
    const soon = slot('2026-07-10', '12:30'); // 11:30 UTC
    expect(memory.observe(scope, seen([soon]), [soon])).toEqual([soon]);
    await clock.advance(30 * MINUTE);
    expect(memory.remembers(scope, soon)).toBe(false);
  });

  it('only conclusive outcomes change the memory', () => {
    const clock = new FakeClock('2026-07-03T08:00:00Z');
    const memory = SeenSlots.inMemory({ clock });
    for (const status of ['blocked', 'captcha', 'session-lost', 'site-changed', 'unreachable'] as const) {
      expect(memory.observe(scope, outcome(status, { slots: [A] }), [A])).toEqual([]);
    }
    expect(memory.size).toBe(0);
    expect(memory.observe(scope, seen([A, B]), [A, B])).toEqual([A, B]);
    expect(memory.observe(scope, failed(), [])).toEqual([]);
    expect(memory.size).toBe(2);
  });

  it('D4: a restart with the same slots on the site makes no new alert', async () => {
    const run = async (clock: FakeClock) => {
      const { memory, problem } = await SeenSlots.openInDir(dir, { clock });
      expect(problem).toBeUndefined();
      const provider = new ScriptedProvider(clock, [seen([A, B])]);
      const engine = new Engine({ provider, clock, random: noJitter, memory });
      const alerts: unknown[] = [];
      engine.on('new-slots', (e) => alerts.push(e));
      engine.addWatch(watch('w1'));
      engine.start();
      await engine.checkNow('w1');
      await engine.stop();
      return alerts;
    };
    expect(await run(new FakeClock('2026-07-03T08:00:00Z'))).toHaveLength(1);
    const onDisk = JSON.parse(await readFile(join(dir, SEEN_SLOTS_FILE), 'utf8'));
    expect(Object.keys(onDisk.entries)).toHaveLength(2);
    // The app restarts 20 minutes later (a new process: new monotonic clock, same wall clock).
    expect(await run(new FakeClock('2026-07-03T08:20:00Z'))).toHaveLength(0);
    // After the memory window the slots are news again.
    expect(await run(new FakeClock('2026-07-03T14:30:00Z'))).toHaveLength(1);
  });

  it('a corrupt memory file is kept aside, the memory starts empty, and the engine tells it once', async () => {
    const file = join(dir, SEEN_SLOTS_FILE);
    await writeFile(file, '{"version":1,"entries":{"x": garbage');
    const clock = new FakeClock('2026-07-03T08:00:00Z');
    const { memory, problem } = await SeenSlots.openInDir(dir, { clock });
    expect(problem?.keptAt).toMatch(/seen-slots\.json\.corrupt-/);
    expect(await readFile(problem?.keptAt ?? '', 'utf8')).toContain('garbage');
    expect(memory.size).toBe(0);
    const engine = new Engine({
      provider: new ScriptedProvider(clock, [seen([A])]),
      clock,
      memory,
      ...(problem ? { memoryProblem: problem } : {}),
    });
    const told: unknown[] = [];
    engine.on('memory-problem', (e) => told.push(e));
    engine.start();
    engine.start();
    expect(told).toHaveLength(1);
    engine.addWatch(watch('w1'));
    await engine.checkNow('w1');
    await engine.stop();
    // The next start reads a good file again.
    const again = await SeenSlots.openInDir(dir, { clock });
    expect(again.problem).toBeUndefined();
    expect(again.memory.size).toBe(1);
    // A wrong shape is as corrupt as broken JSON.
    await writeFile(file, JSON.stringify({ version: 1, entries: { k: { firstSeenAt: 'yesterday' } } }));
    expect((await SeenSlots.openInDir(dir, { clock })).problem?.error).toMatch(/bad entry/);
  });

  it('writes atomically: no temp file left, and a reader never sees half a file', async () => {
    const file = join(dir, 'doc.json');
    const big = JSON.stringify({ data: 'x'.repeat(2_000_000) });
    await writeFileAtomic(file, JSON.stringify({ data: 'old' }));
    const reads: string[] = [];
    const writing = writeFileAtomic(file, big);
    for (let i = 0; i < 20; i += 1) reads.push(await readFile(file, 'utf8'));
    await writing;
    reads.push(await readFile(file, 'utf8'));
    for (const text of reads) expect(() => JSON.parse(text)).not.toThrow();
    expect(reads.at(-1)).toBe(big);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
