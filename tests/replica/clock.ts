// The replica's virtual clock: frozen by default in tests, or running from a set instant for people.

export interface VirtualClock {
  /** Epoch milliseconds of the virtual "now". */
  now(): number;
  nowIso(): string;
  /** Jumps to an ISO instant (must carry a zone designator, e.g. `2026-10-25T14:00:00Z`). */
  set(iso: string): void;
  advance(ms: number): void;
  /** A running clock advances with real time from the last set(); a frozen one only moves when told. */
  setRunning(running: boolean): void;
  isRunning(): boolean;
}

export function parseInstant(iso: string): number {
  // An instant without an offset would be read in the machine's zone: refuse it.
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(iso.trim())) throw new Error(`instant needs a zone designator: ${iso}`);
  const epochMs = Date.parse(iso);
  if (Number.isNaN(epochMs)) throw new Error(`not an ISO instant: ${iso}`);
  return epochMs;
}

export function createClock(startIso: string | undefined, running: boolean): VirtualClock {
  let base = startIso ? parseInstant(startIso) : Date.now();
  let realAtBase = Date.now();
  let isRunning = running;
  const now = (): number => (isRunning ? base + (Date.now() - realAtBase) : base);
  return {
    now,
    nowIso: () => new Date(now()).toISOString(),
    set(iso) {
      base = parseInstant(iso);
      realAtBase = Date.now();
    },
    advance(ms) {
      base = now() + ms;
      realAtBase = Date.now();
    },
    setRunning(next) {
      base = now();
      realAtBase = Date.now();
      isRunning = next;
    },
    isRunning: () => isRunning,
  };
}
