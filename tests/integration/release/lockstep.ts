// Runs the real engine, provider and Chromium against the replica on simulated days: the engine's fake clock and the replica's virtual clock move in lockstep.
import type { Browser } from 'playwright-core';
import type { CheckOutcome, Slot, SlotFilter } from '../../../shared/model';
import { todayInZone, addDays } from '../../../shared/zoned-time';
import { Engine } from '../../../src-main/core/engine';
import { createConsulatGouvFrProvider } from '../../../src-main/core/providers/consulat-gouv-fr/provider';
import type { AvailabilityProvider, CheckRequest } from '../../../src-main/core/providers/provider';
import { nextOpeningAfter } from '../../../src-main/core/release-plan';
import { FakeClock, settle } from '../../support/fake-clock';
import { buildScenario, weekdayOpenings, type Scenario } from '../../replica/scenarios';
import type { Replica } from '../../replica/server';

// Why lockstep: a day of checks at a realistic interval would take a day. The engine runs on the fake Clock
// port; before each check the replica's virtual clock is set to the engine's wall time, and virtual time stands
// still while real Chromium reads the page. So a check costs its real duration, and waiting costs nothing.

export const RELEASE_SLUG = 'consulat-general-de-france-a-montreal-release';
export const RELEASE_SERVICE = 'Demande de passeport/CNI';
export const RELEASE_ZONE = 'America/Montreal';
export const RELEASE_OPENING = '18:00';
export const RELEASE_WINDOW_DAYS = 45;

/**
 * A Montreal post whose passports service opens one more day at 18:00 local every day (like the real one, §2.2),
 * open every day of the week so that every opening brings a bookable day, and nothing else bookable: any slot the
 * watch sees was published by an opening.
 */
export function releaseScenario(): Scenario {
  return buildScenario({
    name: 'Consulat Général De France À Montréal',
    slug: RELEASE_SLUG,
    timezone: RELEASE_ZONE,
    services: [
      {
        name: RELEASE_SERVICE,
        dynamic_calendar_opening: { hour: '18', minute: '00' },
        dynamic_calendar: {
          begin: { type: 'days', value: 0 },
          end: { type: 'days', value: RELEASE_WINDOW_DAYS },
        },
        openings: weekdayOpenings([1, 2, 3, 4, 5, 6, 7], '08:30', '16:00'),
      },
    ],
  });
}

/** The openings of the release scenario between two instants (epoch ms), earliest first. */
export function openingsBetween(fromMs: number, toMs: number): number[] {
  const release = { opening: RELEASE_OPENING, timeZone: RELEASE_ZONE };
  const openings: number[] = [];
  for (let at = nextOpeningAfter(release, fromMs)!; at < toMs; at = nextOpeningAfter(release, at)!) {
    openings.push(at);
  }
  return openings;
}

/** The day an opening adds to the window (consulate calendar). */
export function releasedDayOf(openingAt: number): string {
  return addDays(todayInZone(RELEASE_ZONE, new Date(openingAt)), RELEASE_WINDOW_DAYS);
}

export interface LockstepOptions {
  replica: Replica;
  browser: Browser;
  /** Simulated span, ISO instants. */
  start: string;
  end: string;
  intervalMs: number;
  /** False hides the release schedule from the engine: the same checks, at the plain interval. */
  releaseAware: boolean;
  filter: SlotFilter;
  /** Uniform draws for the engine's jitter; seeded by the caller so both runs are comparable. */
  random: () => number;
}

export interface LockstepRun {
  /** Wall-clock epoch ms each check started, with how it ended. */
  checks: { at: number; status: CheckOutcome['status'] }[];
  /** Each new matching slot with the wall-clock epoch ms its new-slots event was emitted. */
  detections: { slot: Slot; at: number }[];
  realMs: number;
}

/** Runs one watch on the release scenario from `start` to `end` of simulated time. */
export async function runLockstep(options: LockstepOptions): Promise<LockstepRun> {
  const { replica } = options;
  const realStart = performance.now();
  const clock = new FakeClock(options.start);
  replica.control.clock.set(options.start);
  const provider = createConsulatGouvFrProvider({
    getBrowser: async () => options.browser,
    now: () => clock.wallNow(),
    timeouts: { stepMs: 15_000, settleMs: 3_000, captchaMs: 3_000 },
  });
  const checks: LockstepRun['checks'] = [];
  let inFlight: Promise<unknown> | undefined;
  const lockstep: AvailabilityProvider = {
    async check(request: CheckRequest): Promise<CheckOutcome> {
      const at = clock.wallNow();
      replica.control.clock.set(at.toISOString());
      const running = provider.check(request).then((outcome) => {
        checks.push({ at: at.getTime(), status: outcome.status });
        if (options.releaseAware || !outcome.target?.release) return outcome;
        const { release: _hidden, ...target } = outcome.target;
        return { ...outcome, target };
      });
      inFlight = running;
      return running;
    },
    close: () => provider.close(),
  };
  const engine = new Engine({
    provider: lockstep,
    clock,
    random: { next: options.random },
    loopbackSiteSpacingMs: 0,
  });
  const detections: LockstepRun['detections'] = [];
  engine.on('new-slots', (event) => {
    for (const slot of event.slots) detections.push({ slot, at: clock.wallNow().getTime() });
  });
  engine.addWatch({
    id: 'release',
    bookingUrl: replica.bookingUrl(RELEASE_SLUG, { name: RELEASE_SERVICE }),
    filter: options.filter,
    intervalMs: options.intervalMs,
    enabled: true,
  });
  const endMs = Date.parse(options.end);
  try {
    engine.start();
    for (;;) {
      await settle();
      if (inFlight) {
        const running = inFlight;
        await running;
        if (inFlight === running) inFlight = undefined;
        continue;
      }
      const next = clock.nextTimerAt();
      if (next === undefined) throw new Error('the engine planned no further check');
      if (clock.wallNow().getTime() + (next - clock.now()) >= endMs) break;
      await clock.advance(next - clock.now());
    }
  } finally {
    await engine.stop();
    await provider.close();
  }
  return { checks, detections, realMs: performance.now() - realStart };
}

/** For each opening: how long after it the slot it published was reported (undefined: never, within the run). */
export function releaseLatencies(run: LockstepRun, openings: number[]): (number | undefined)[] {
  return openings.map((openingAt) => {
    const day = releasedDayOf(openingAt);
    const seen = run.detections.find((d) => d.slot.date === day);
    return seen ? seen.at - openingAt : undefined;
  });
}

/** Checks started in [from, to) (wall-clock epoch ms). */
export function checksBetween(run: LockstepRun, fromMs: number, toMs: number): number {
  return run.checks.filter((check) => check.at >= fromMs && check.at < toMs).length;
}

/** Adds one bookable slot on the day each opening publishes (it appears when the window reaches it). */
export function publishWithOpenings(replica: Replica, openings: number[], time = '10:00'): void {
  for (const openingAt of openings) {
    replica.control.addSlot({
      slug: RELEASE_SLUG,
      service: RELEASE_SERVICE,
      date: releasedDayOf(openingAt),
      time,
      capacity: 1,
    });
  }
}

/** A small seeded generator (mulberry32), so two runs draw the same jitter. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
