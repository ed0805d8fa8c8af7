// The history file as the recorder writes it: episodes open and close only on evidence, a torn line is skipped, 90 days kept.
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryRecorder } from '../../../src-main/core/history/history-recorder';
import { historyFileFor } from '../../../src-main/core/history/history-calendar';
import { loadCalendarHistory, readHistoryFile } from '../../../src-main/core/history/history-file';
import { DAY, MINUTE, URL_EN, URL_FR, failedAt, iso, seenAt, slot, tempDataDir } from './history-support';

const T0 = Date.parse('2026-07-06T08:00:00Z'); // a Monday, 09:00 in London
const at = (minutes: number) => iso(T0 + minutes * MINUTE);
const A = slot('2026-07-20', '09:30');
const B = slot('2026-07-21', '10:00');

describe('history recorder', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeEach(async () => ({ dir, remove } = await tempDataDir()));
  afterEach(() => remove());

  const recorder = (nowMs = T0 + 60 * MINUTE) =>
    new HistoryRecorder({ dataDir: dir, now: () => new Date(nowMs) });

  it('opens an episode when a slot is first seen, moves its last seen, and closes it at the first check without it', async () => {
    const history = recorder();
    await history.record({ bookingUrl: URL_FR, filter: {} }, seenAt(at(0), []));
    await history.record({ bookingUrl: URL_FR, filter: {} }, seenAt(at(3), [A]));
    await history.record({ bookingUrl: URL_FR, filter: {} }, seenAt(at(6), [A, B]));
    await history.record({ bookingUrl: URL_FR, filter: {} }, seenAt(at(9), [B]));
    const stored = await history.read(URL_FR);
    expect(stored.episodes).toEqual([
      expect.objectContaining({
        date: '2026-07-20',
        time: '09:30',
        firstSeenAt: at(3),
        appearedAfter: at(0),
        lastSeenAt: at(6),
        endedAt: at(9),
        end: 'gone',
      }),
      expect.objectContaining({ date: '2026-07-21', firstSeenAt: at(6), lastSeenAt: at(9), end: 'open' }),
    ]);
    expect(stored.checks.map((c) => [c.status, c.slotCount])).toEqual([
      ['no-slots', 0],
      ['slots', 1],
      ['slots', 2],
      ['slots', 1],
    ]);
    expect(stored).toMatchObject({
      timeZone: 'Europe/London',
      consulate: 'Ambassade de France à Londres',
      service: 'Visas',
    });
  });

  it('a slot that vanishes and comes back is two episodes', async () => {
    const history = recorder();
    for (const [minute, slots] of [
      [0, [A]],
      [3, []],
      [6, [A]],
    ] as const)
      await history.record({ bookingUrl: URL_FR, filter: {} }, seenAt(at(minute), [...slots]));
    const { episodes } = await history.read(URL_FR);
    expect(episodes.map((e) => [e.firstSeenAt, e.end])).toEqual([
      [at(0), 'gone'],
      [at(6), 'open'],
    ]);
  });

  it('never closes an episode on an unknown outcome, a failed day, or a day the filter did not ask for', async () => {
    const history = recorder();
    await history.record({ bookingUrl: URL_FR, filter: {} }, seenAt(at(0), [A, B]));
    await history.record({ bookingUrl: URL_FR, filter: {} }, failedAt(at(3), 'captcha'));
    await history.record(
      { bookingUrl: URL_FR, filter: {} },
      seenAt(at(6), [B], { unknownDays: ['2026-07-20'] }),
    );
    // The person narrowed the filter to Tuesdays: Monday the 20th is no longer asked for.
    await history.record({ bookingUrl: URL_FR, filter: { weekdays: [2] } }, seenAt(at(9), [B]));
    const stored = await history.read(URL_FR);
    expect(stored.episodes.map((e) => [e.date, e.end, e.lastSeenAt])).toEqual([
      ['2026-07-20', 'open', at(0)],
      ['2026-07-21', 'open', at(9)],
    ]);
    // Back to every day, and A is really gone now.
    await history.record({ bookingUrl: URL_FR, filter: {} }, seenAt(at(12), [B]));
    expect((await history.read(URL_FR)).episodes[0]).toMatchObject({
      end: 'gone',
      lastSeenAt: at(0),
      endedAt: at(12),
    });
  });

  it('a slot whose own time came is expired, not gone', async () => {
    const history = recorder();
    const soon = slot('2026-07-06', '09:30'); // 08:30Z
    await history.record({ bookingUrl: URL_FR, filter: {} }, seenAt(at(0), [soon]));
    await history.record({ bookingUrl: URL_FR, filter: {} }, seenAt(at(45), []));
    expect((await history.read(URL_FR)).episodes[0]).toMatchObject({ end: 'expired', lastSeenAt: at(0) });
  });

  it('files the French and English pages of one calendar in one file', async () => {
    const history = recorder();
    await history.record({ bookingUrl: URL_FR, filter: {} }, seenAt(at(0), [A]));
    await history.record({ bookingUrl: URL_EN, filter: {} }, seenAt(at(3), [A]));
    expect(await readdir(`${dir}/history`)).toHaveLength(1);
    expect((await history.read(URL_EN)).episodes).toHaveLength(1);
  });

  it('reads on after a crash mid-append: the torn line is skipped and the next append starts on a new line', async () => {
    const first = recorder();
    await first.record({ bookingUrl: URL_FR, filter: {} }, seenAt(at(0), [A]));
    const file = historyFileFor(dir, URL_FR);
    await appendFile(file, '{"k":"a","t":"2026-07-06T08:03:00.000Z","d":"2026-07-2'); // the crash
    const read = await readHistoryFile(file);
    expect(read.skippedLines).toBe(1);
    expect(read.endsWithNewline).toBe(false);

    const afterRestart = recorder();
    await afterRestart.record({ bookingUrl: URL_FR, filter: {} }, seenAt(at(6), [A, B]));
    const stored = await loadCalendarHistory(file);
    expect((await readHistoryFile(file)).skippedLines).toBe(1);
    // A's episode survived the restart (no second appearance), B opened after it.
    expect(stored.episodes.map((e) => [e.date, e.firstSeenAt, e.lastSeenAt])).toEqual([
      ['2026-07-20', at(0), at(6)],
      ['2026-07-21', at(6), at(6)],
    ]);
    expect(stored.episodes[1]!.appearedAfter).toBe(at(0));
  });

  it('keeps 90 days: compaction drops older checks and ended episodes, keeps open ones with their last seen', async () => {
    const old = T0 - 100 * DAY;
    const writer = new HistoryRecorder({ dataDir: dir, now: () => new Date(old) });
    await writer.record({ bookingUrl: URL_FR, filter: {} }, seenAt(iso(old), [A, B]));
    await writer.record({ bookingUrl: URL_FR, filter: {} }, seenAt(iso(old + 3 * MINUTE), [A]));
    await writer.record({ bookingUrl: URL_FR, filter: {} }, seenAt(iso(old + 6 * MINUTE), [A]));
    const file = historyFileFor(dir, URL_FR);
    const before = (await readFile(file, 'utf8')).length;

    const later = new HistoryRecorder({ dataDir: dir, now: () => new Date(T0) });
    await later.record({ bookingUrl: URL_FR, filter: {} }, seenAt(at(0), [A]));
    const stored = await loadCalendarHistory(file);
    expect(stored.checks.map((c) => c.at)).toEqual([at(0)]);
    // B ended 100 days ago: dropped. A is still open: kept, first and last seen intact.
    expect(stored.episodes).toEqual([
      expect.objectContaining({ date: '2026-07-20', firstSeenAt: iso(old), lastSeenAt: at(0), end: 'open' }),
    ]);
    expect((await readFile(file, 'utf8')).length).toBeLessThan(before + 200);
    expect((await readdir(`${dir}/history`)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a history problem never reaches the check: an unwritable dir is told, not thrown', async () => {
    await writeFile(`${dir}/history`, 'not a directory');
    const errors: unknown[] = [];
    const history = new HistoryRecorder({ dataDir: dir, onError: (e) => errors.push(e) });
    await expect(
      history.record({ bookingUrl: URL_FR, filter: {} }, seenAt(at(0), [A])),
    ).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});
