// Everything the replica remembers between requests: settings, sessions, handshakes, attempts.
import type { VirtualClock } from './clock';
import { Faults } from './faults';
import { Inventory } from './inventory';
import { RequestLog } from './request-log';

export type CaptchaMode = 'off' | 'invisible' | 'interactive';
export type LayoutVariant = 'standard' | 'renamed-classes' | 'extra-step';
export type NoSlotsVariant = 'lead' | 'card';

export interface ReplicaSettings {
  captcha: CaptchaMode;
  /** When set, the challenge turns interactive once this many sessions were opened (case S2). */
  captchaInteractiveAfterSessions: number | null;
  layout: LayoutVariant;
  noSlotsMessage: NoSlotsVariant;
  /** Sent as `x-gouv-limit` on every API answer (the handshake always carries one). Info, not a block. */
  limitHeader: string | null;
  /** Every API call except the handshake answers 418, even right after a fresh handshake (case S1). */
  persistentTeapot: boolean;
  /** Calls without a known `x-gouv-app-id` + `x-gouv-web` answer 418. */
  requireHandshake: boolean;
  /** The session POST hands out a new token that later POSTs must carry. */
  rotateHandshake: boolean;
  /** Virtual milliseconds a session lives. */
  sessionTtlMs: number;
  /** Extra time the page keeps its spinner before showing the calendar or no-slot message (case B3). */
  spinnerDelayMs: number;
}

export const DEFAULT_SETTINGS: ReplicaSettings = {
  captcha: 'invisible',
  captchaInteractiveAfterSessions: null,
  layout: 'standard',
  noSlotsMessage: 'lead',
  limitHeader: null,
  persistentTeapot: false,
  requireHandshake: true,
  rotateHandshake: true,
  sessionTtlMs: 30 * 60_000,
  spinnerDelayMs: 0,
};

export interface ReservationSession {
  _id: string;
  team: string;
  servicesStep: unknown;
  importantInformationStep: unknown;
  numberOfApplicantsStep: unknown;
  slotsSteps: unknown[];
  mainContactDetailsStep: null;
  secondaryContactsDetailsStep: null;
  askConfirmationStep: null;
  confirmationSummaryStep: null;
  stepIndex: number;
}

export interface StoredSession {
  session: ReservationSession;
  /** Virtual epoch ms when it was opened. */
  openedAt: number;
}

export interface BookingAttempt {
  method: string;
  path: string;
  body: unknown;
  virtualTime: string;
  realTime: string;
}

export class ReplicaState {
  readonly inventory = new Inventory();
  readonly faults = new Faults();
  readonly log = new RequestLog();
  settings: ReplicaSettings;
  readonly sessions = new Map<string, StoredSession>();
  /** app-id → the handshake token its next POST must carry. */
  readonly handshakes = new Map<string, string>();
  readonly usedCaptchaTokens = new Set<string>();
  bookingAttempts: BookingAttempt[] = [];
  sessionsCreated = 0;

  constructor(
    readonly clock: VirtualClock,
    settings: Partial<ReplicaSettings>,
  ) {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
  }

  /** The challenge a page rendered now would show. */
  effectiveCaptcha(): CaptchaMode {
    const after = this.settings.captchaInteractiveAfterSessions;
    if (after !== null && this.sessionsCreated >= after) return 'interactive';
    return this.settings.captcha;
  }

  /** The session if it exists and is within its TTL on the virtual clock. */
  liveSession(id: string | undefined | null): StoredSession | undefined {
    if (!id) return undefined;
    const stored = this.sessions.get(id);
    if (!stored) return undefined;
    if (this.clock.now() >= stored.openedAt + this.settings.sessionTtlMs) return undefined;
    return stored;
  }
}
