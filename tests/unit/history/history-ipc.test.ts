// The window's history verbs: insight and CSV export through the IPC router's validation, and the save dialog adapter.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invokeRequestSchemas } from '../../../shared/ipc-schemas';
import { csvSaveDialog } from '../../../src-main/export/csv-save-dialog';
import { HistoryRecorder } from '../../../src-main/core/history/history-recorder';
import { createHistoryHandlers, fileHistoryReader } from '../../../src-main/ipc/history-handlers';
import { MINUTE, URL_FR, iso, seenAt, slot, tempDataDir } from './history-support';

const T0 = Date.parse('2026-07-07T08:00:00Z');
const watch = { id: 'w1', bookingUrl: URL_FR, filter: {}, enabled: true };

describe('history IPC verbs', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, remove } = await tempDataDir());
    const recorder = new HistoryRecorder({ dataDir: dir, now: () => new Date(T0) });
    await recorder.record({ bookingUrl: URL_FR, filter: {} }, seenAt(iso(T0), []));
    await recorder.record(
      { bookingUrl: URL_FR, filter: {} },
      seenAt(iso(T0 + 3 * MINUTE), [slot('2026-07-20', '09:30')]),
    );
    await recorder.record({ bookingUrl: URL_FR, filter: {} }, seenAt(iso(T0 + 6 * MINUTE), []));
  });
  afterEach(() => remove());

  const saved: { name: string; text: string }[] = [];
  const handlers = (answer: string | undefined) =>
    createHistoryHandlers({
      findWatch: (id) => {
        if (id !== 'w1') throw new Error(`No watch with id ${id}.`);
        return watch;
      },
      history: () => fileHistoryReader(dir),
      saveCsv: async (name, text) => {
        saved.push({ name, text });
        return answer;
      },
      now: () => new Date(T0),
    });

  it('getInsight answers the watch calendar insight', async () => {
    const answer = await handlers(undefined).getInsight({ id: 'w1' });
    expect(answer).toMatchObject({
      watchId: 'w1',
      consulate: 'Ambassade de France à Londres',
      service: 'Visas',
    });
    expect(answer.insight.peak).toEqual({ weekday: 2, hour: 9, count: 1 });
    expect(answer.insight.lifetimes).toMatchObject({ ended: 1, medianMs: 3 * MINUTE });
    await expect(handlers(undefined).getInsight({ id: 'nope' })).rejects.toThrow('No watch with id nope.');
  });

  it('exportHistoryCsv hands the CSV to the saver with a telling name; a cancelled dialog saves nothing', async () => {
    const request = invokeRequestSchemas.exportHistoryCsv.parse({ id: 'w1' });
    expect(request.kind).toBe('appearances');
    expect(await handlers('/tmp/x.csv').exportHistoryCsv(request)).toEqual({
      saved: true,
      path: '/tmp/x.csv',
      rows: 1,
    });
    expect(saved.at(-1)!.name).toBe('ambislot-ambassade-de-france-a-londres-appearances-2026-07-07.csv');
    expect(saved.at(-1)!.text.split('\r\n')[1]).toContain('2026-07-20,09:30,Europe/London');
    expect(await handlers(undefined).exportHistoryCsv({ id: 'w1', kind: 'checks' })).toEqual({
      saved: false,
    });
    expect(saved.at(-1)!.text.split('\r\n')).toHaveLength(1 + 3 + 1);
    expect(invokeRequestSchemas.exportHistoryCsv.safeParse({ id: 'w1', kind: 'all' }).success).toBe(false);
  });

  it('the save dialog adapter opens in Downloads, modal to the window, and writes where the person chose', async () => {
    await mkdir(join(dir, 'Downloads'));
    const asked: unknown[] = [];
    const window = { id: 1 } as never;
    const save = csvSaveDialog({
      dialog: {
        showSaveDialog: (async (...args: unknown[]) => {
          asked.push(args);
          return { canceled: false, filePath: join(dir, 'Downloads', 'chosen.csv') };
        }) as never,
      },
      window: () => window,
      defaultDir: () => join(dir, 'Downloads'),
      title: () => 'Export the history (CSV)',
    });
    expect(await save('suggested.csv', 'a,b\r\n')).toBe(join(dir, 'Downloads', 'chosen.csv'));
    expect(asked[0]).toEqual([
      window,
      expect.objectContaining({
        defaultPath: join(dir, 'Downloads', 'suggested.csv'),
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      }),
    ]);
    expect(await readFile(join(dir, 'Downloads', 'chosen.csv'), 'utf8')).toBe('a,b\r\n');
  });
});
