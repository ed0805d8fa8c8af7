// The control surface tests use in-process: inventory, clock, faults, switches, and what was observed.
import type { VirtualClock } from './clock';
import type { ActiveFault, FaultRule } from './faults';
import type { TeamDrop, TeamSlot } from './inventory';
import type { LoggedRequest } from './request-log';
import type { Scenario } from './scenarios';
import type {
  BookingAttempt,
  CaptchaMode,
  LayoutVariant,
  NoSlotsVariant,
  ReplicaSettings,
  ReplicaState,
} from './state';
import type { PublicTeam } from './team';

export interface RequestFilter {
  origin?: 'site' | 'api';
  route?: LoggedRequest['route'];
}

export interface ReplicaControl {
  clock: VirtualClock;
  addScenario(scenario: Scenario): void;
  teams(): PublicTeam[];
  /** Adds a slot or replaces its capacity (0 = fully booked). */
  addSlot(slot: TeamSlot): void;
  /** Replaces one day of one service. */
  setDay(slug: string, service: string, date: string, slots: { time: string; capacity: number }[]): void;
  /** Removes one time, or the whole day when `time` is omitted. */
  removeSlot(slot: { slug: string; service: string; date: string; time?: string }): boolean;
  clearSlots(slug?: string, service?: string): void;
  slots(slug?: string, service?: string): TeamSlot[];
  /** A slot that appears at `at` (virtual time) and vanishes `durationMs` later. */
  scheduleDrop(drop: TeamDrop): void;
  drops(): TeamDrop[];
  requests(filter?: RequestFilter): LoggedRequest[];
  resetRequests(): void;
  bookingAttempts(): BookingAttempt[];
  sessionsCreated(): number;
  /** Ends every open session now (the next call gets 404 SESSION_ERROR). */
  expireSessions(): void;
  addFault(rule: FaultRule): number;
  removeFault(id: number): boolean;
  clearFaults(): void;
  faults(): ActiveFault[];
  settings(): ReplicaSettings;
  configure(patch: Partial<ReplicaSettings>): ReplicaSettings;
  /** `interactiveAfterSessions: 5` = invisible for 5 sessions, then interactive (case S2). */
  setCaptcha(mode: CaptchaMode, options?: { interactiveAfterSessions?: number | null }): void;
  setLayout(layout: LayoutVariant): void;
  setNoSlotsMessage(variant: NoSlotsVariant): void;
  /** `x-gouv-limit` on every API answer; null = only on the handshake. */
  setLimitHeader(value: string | null): void;
  setPersistentTeapot(on: boolean): void;
  setSessionTtlMs(ms: number): void;
  setSpinnerDelayMs(ms: number): void;
}

const CAPTCHA_MODES: CaptchaMode[] = ['off', 'invisible', 'interactive'];
const LAYOUTS: LayoutVariant[] = ['standard', 'renamed-classes', 'extra-step'];
const NO_SLOTS: NoSlotsVariant[] = ['lead', 'card'];

/** Rejects unknown keys and values so a typo in a test fails loudly instead of silently doing nothing. */
export function validateSettingsPatch(patch: Record<string, unknown>): Partial<ReplicaSettings> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    const ok =
      (key === 'captcha' && CAPTCHA_MODES.includes(value as CaptchaMode)) ||
      (key === 'layout' && LAYOUTS.includes(value as LayoutVariant)) ||
      (key === 'noSlotsMessage' && NO_SLOTS.includes(value as NoSlotsVariant)) ||
      (key === 'captchaInteractiveAfterSessions' && (value === null || Number.isInteger(value))) ||
      (key === 'limitHeader' && (value === null || typeof value === 'string')) ||
      (['persistentTeapot', 'requireHandshake', 'rotateHandshake'].includes(key) &&
        typeof value === 'boolean') ||
      (['sessionTtlMs', 'spinnerDelayMs'].includes(key) && typeof value === 'number' && value >= 0);
    if (!ok) throw new Error(`bad replica setting ${key}=${JSON.stringify(value)}`);
    out[key] = value;
  }
  return out as Partial<ReplicaSettings>;
}

export function loadScenario(state: ReplicaState, scenario: Scenario): void {
  state.inventory.addTeam(scenario.team);
  const slug = scenario.team.slug;
  for (const slot of scenario.slots) state.inventory.setSlot({ ...slot, slug });
  for (const drop of scenario.drops ?? []) state.inventory.addDrop({ ...drop, slug });
}

export function createControl(state: ReplicaState): ReplicaControl {
  const configure = (patch: Partial<ReplicaSettings>): ReplicaSettings => {
    state.settings = { ...state.settings, ...validateSettingsPatch(patch as Record<string, unknown>) };
    return { ...state.settings };
  };
  return {
    clock: state.clock,
    addScenario: (scenario) => loadScenario(state, scenario),
    teams: () => state.inventory.allTeams(),
    addSlot: (slot) => state.inventory.setSlot(slot),
    setDay(slug, service, date, slots) {
      state.inventory.removeSlot({ slug, service, date });
      for (const slot of slots) state.inventory.setSlot({ slug, service, date, ...slot });
    },
    removeSlot: (slot) => state.inventory.removeSlot(slot),
    clearSlots: (slug, service) => state.inventory.clearSlots(slug, service),
    slots: (slug, service) => state.inventory.listSlots(slug, service),
    scheduleDrop: (drop) => state.inventory.addDrop(drop),
    drops: () => state.inventory.listDrops(),
    requests: (filter = {}) =>
      state.log
        .list()
        .filter(
          (entry) =>
            (filter.origin === undefined || entry.origin === filter.origin) &&
            (filter.route === undefined || entry.route === filter.route),
        ),
    resetRequests: () => state.log.reset(),
    bookingAttempts: () => state.bookingAttempts.map((attempt) => ({ ...attempt })),
    sessionsCreated: () => state.sessionsCreated,
    expireSessions: () => state.sessions.clear(),
    addFault: (rule) => state.faults.add(rule),
    removeFault: (id) => state.faults.remove(id),
    clearFaults: () => state.faults.clear(),
    faults: () => state.faults.list(),
    settings: () => ({ ...state.settings }),
    configure,
    setCaptcha: (mode, options = {}) => {
      configure({
        captcha: mode,
        captchaInteractiveAfterSessions: options.interactiveAfterSessions ?? null,
      });
    },
    setLayout: (layout) => void configure({ layout }),
    setNoSlotsMessage: (noSlotsMessage) => void configure({ noSlotsMessage }),
    setLimitHeader: (limitHeader) => void configure({ limitHeader }),
    setPersistentTeapot: (persistentTeapot) => void configure({ persistentTeapot }),
    setSessionTtlMs: (sessionTtlMs) => void configure({ sessionTtlMs }),
    setSpinnerDelayMs: (spinnerDelayMs) => void configure({ spinnerDelayMs }),
  };
}
