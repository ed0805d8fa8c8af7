/** Watch figures for `npm run bench`: detection latency at a 5 s interval, requests per check, memory over many checks. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMonitor, type Monitor } from '../src-main/core/monitor';
import type { NewSlotsEvent } from '../src-main/core/engine-events';
import type { Replica } from '../tests/replica/server';
import { LONDON_PASSPORTS, LONDON_SLUG, openDays } from '../tests/replica/scenarios';
import type { PageLang } from '../tests/replica/site-pages';
import { memorySnapshot, type MemorySnapshot } from './proc-memory';

export interface LatencyFigures {
  intervalMs: number;
  latenciesMs: number[];
  checks: number;
  requestsPerCheck: number[];
}

export interface MemoryFigures {
  watches: number;
  at: ({ checks: number } & MemorySnapshot)[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withMonitor<T>(run: (monitor: Monitor, dataDir: string) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ambislot-bench-'));
  const monitor = await createMonitor({ dataDir, env: process.env, headless: true });
  try {
    return await run(monitor, dataDir);
  } finally {
    await monitor.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Three open days of London, emptied, for the bench's own slots (a filter on them keeps checks short). */
function benchDays(replica: Replica): [string, string, string] {
  const team = replica.control.teams().find((t) => t.slug === LONDON_SLUG)!;
  const open = openDays(team, LONDON_PASSPORTS, replica.control.clock.now());
  const days: [string, string, string] = [open[5]!, open[6]!, open[7]!];
  for (const day of days) replica.control.setDay(LONDON_SLUG, LONDON_PASSPORTS, day, []);
  return days;
}

/** API requests per check, from the replica's log: each check reads get-interval exactly once. */
function requestsPerCheck(replica: Replica): number[] {
  const counts: number[] = [];
  for (const request of replica.control.requests({ origin: 'api' })) {
    if (request.route === 'preflight') continue;
    if (request.route === 'get-interval' || counts.length === 0) counts.push(0);
    counts[counts.length - 1]! += 1;
  }
  return counts;
}

/**
 * Adds one slot at a random moment of the check cycle, `drops` times, and times each until its new-slots
 * event: the figure a person feels (on average half an interval plus one check).
 */
export async function measureLatency(
  replica: Replica,
  drops: number,
  intervalMs = 5_000,
): Promise<LatencyFigures> {
  const [day, , last] = benchDays(replica);
  const url = replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS });
  return withMonitor(async ({ engine }) => {
    let announced: ((event: NewSlotsEvent) => void) | undefined;
    engine.on('new-slots', (event) => announced?.(event));
    const first = new Promise<NewSlotsEvent>((resolve) => (announced = resolve));
    replica.control.addSlot({
      slug: LONDON_SLUG,
      service: LONDON_PASSPORTS,
      date: last,
      time: '17:00',
      capacity: 1,
    });
    engine.addWatch({
      id: 'bench',
      bookingUrl: url,
      filter: { from: day, to: last },
      intervalMs,
      enabled: true,
    });
    engine.start();
    await first; // the warm-up: browser launch, wizard, the slot already there
    replica.control.resetRequests();
    const latenciesMs: number[] = [];
    for (let i = 0; i < drops; i++) {
      await sleep(Math.random() * intervalMs); // a random phase of the check cycle
      const time = `${String(9 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`;
      const seen = new Promise<NewSlotsEvent>((resolve) => (announced = resolve));
      const addedAt = performance.now();
      replica.control.addSlot({ slug: LONDON_SLUG, service: LONDON_PASSPORTS, date: day, time, capacity: 1 });
      const event = await seen;
      if (!event.slots.some((slot) => slot.date === day && slot.time === time))
        throw new Error(`expected ${day} ${time}, got ${JSON.stringify(event.slots)}`);
      latenciesMs.push(performance.now() - addedAt);
    }
    const perCheck = requestsPerCheck(replica);
    return { intervalMs, latenciesMs, checks: perCheck.length, requestsPerCheck: perCheck };
  });
}

/**
 * Runs `watches` watches (one per page language, so each has its own page and session) at the 1 s loopback
 * floor through the real scheduler, and reads resident memory once the total number of checks reaches each mark.
 */
export async function measureMemory(replica: Replica, marks: number[], watches = 4): Promise<MemoryFigures> {
  const [day, , last] = benchDays(replica);
  replica.control.addSlot({
    slug: LONDON_SLUG,
    service: LONDON_PASSPORTS,
    date: day,
    time: '10:00',
    capacity: 1,
  });
  const langs: PageLang[] = ['fr', 'en', 'de', 'it', 'es', 'pt'].slice(0, watches) as PageLang[];
  return withMonitor(async ({ engine }) => {
    let checks = 0;
    const counted = new Set<string>();
    engine.on('snapshot', (snapshot) => {
      for (const { watch, status } of snapshot.watches) {
        const key = `${watch.id}|${status.lastCheckAt ?? ''}`;
        if (status.lastCheckAt && !counted.has(key)) {
          counted.add(key);
          checks += 1;
        }
      }
    });
    for (const lang of langs) {
      engine.addWatch({
        id: lang,
        bookingUrl: replica.bookingUrl(LONDON_SLUG, { lang, name: LONDON_PASSPORTS }),
        filter: { from: day, to: last },
        intervalMs: 1_000,
        enabled: true,
      });
    }
    engine.start();
    const at: MemoryFigures['at'] = [];
    for (const mark of marks) {
      while (checks < mark) await sleep(100);
      at.push({ checks, ...memorySnapshot() });
    }
    return { watches: langs.length, at };
  });
}
