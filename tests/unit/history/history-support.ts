/** Outcomes and a temp data dir for history tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckOutcome, CheckStatus, Slot } from '../../../shared/model';

export const ZONE = 'Europe/London';
export const URL_FR = 'https://consulat.gouv.fr/ambassade-de-france-a-londres/rendez-vous?name=Visas';
export const URL_EN = 'https://consulat.gouv.fr/en/ambassade-de-france-a-londres/appointment?name=Visas';
export const MINUTE = 60_000;
export const DAY = 86_400_000;

export function slot(date: string, time: string): Slot {
  return { date, time, timeZone: ZONE, capacity: 1 };
}

export const TARGET = {
  consulate: 'Ambassade de France à Londres',
  service: 'Visas',
  timeZone: ZONE,
  bookingUrl: URL_FR,
};

/** A conclusive outcome at `at` over the window July–September 2026. */
export function seenAt(at: string, slots: Slot[], fields: Partial<CheckOutcome> = {}): CheckOutcome {
  return {
    status: slots.length > 0 ? 'slots' : 'no-slots',
    reason: 'scripted',
    checkedAt: at,
    target: TARGET,
    slots,
    window: { start: '2026-07-01', end: '2026-09-30' },
    unknownDays: [],
    apiRequests: 3,
    ...fields,
  };
}

export function failedAt(at: string, status: CheckStatus = 'unreachable'): CheckOutcome {
  return { status, reason: 'scripted failure', checkedAt: at, slots: [], unknownDays: [], apiRequests: 1 };
}

export async function tempDataDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ambislot-history-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
