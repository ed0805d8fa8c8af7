// The release scenario on simulated days: the real engine, provider and Chromium against the replica, clocks in lockstep.
import type { Browser } from 'playwright-core';
import type { CheckOutcome, Slot, SlotFilter } from '../../../shared/model';
import { todayInZone, addDays } from '../../../shared/zoned-time';
import { Engine } from '../../../src-main/core/engine';
import type { AvailabilityProvider, CheckRequest } from '../../../src-main/core/providers/provider';
import { nextOpeningAfter } from '../../../src-main/core/release-plan';
import { FakeClock } from '../../support/fake-clock';
import { replicaLockstep } from '../../support/replica-lockstep';
import { buildScenario, weekdayOpenings, type Scenario } from '../../replica/scenarios';
import type { Replica } from '../../replica/server';

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

/** The provider with the release schedule taken out of its outcomes: the engine then checks at the plain interval. */
export function withoutRelease(provider: AvailabilityProvider): AvailabilityProvider {
  return {
    async check(request: CheckRequest): Promise<CheckOutcome> {
      const outcome = await provider.check(request);
      if (!outcome.target?.release) return outcome;
      const { release: _hidden, ...target } = outcome.target;
      return { ...outcome, target };
    },
    close: () => provider.close(),
  };
}

/** Runs one watch on the release scenario from `start` to `end` of simulated time. */
export async function runLockstep(options: LockstepOptions): Promise<LockstepRun> {
  const { replica } = options;
  const realStart = performance.now();
  const clock = new FakeClock(options.start);
  const lockstep = replicaLockstep({ replica, browser: options.browser, clock });
  const provider = options.releaseAware ? lockstep.provider : withoutRelease(lockstep.provider);
  const engine = new Engine({
    provider,
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
  try {
    engine.start();
    await lockstep.runUntil(Date.parse(options.end));
  } finally {
    await engine.stop();
    await provider.close();
  }
  const checks = lockstep.checks.map(({ at, outcome }) => ({ at, status: outcome.status }));
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

export { seededRandom } from '../../support/seeded-random';
