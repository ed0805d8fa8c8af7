/** A fake monotonic clock for tests: time moves only when a test advances it, running due timers in order. */
import type { CancelTimer, Clock } from '../../src-main/core/ports';

interface PendingTimer {
  id: number;
  at: number;
  fn: () => void;
}

/** Lets promise chains started by a timer (checks, events) settle before the next timer runs. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class FakeClock implements Clock {
  private monotonic = 0;
  private wallStart: number;
  private timers: PendingTimer[] = [];
  private sequence = 0;

  constructor(wallStart: Date | string = '2026-07-03T08:00:00Z') {
    this.wallStart = new Date(wallStart).getTime();
  }

  now(): number {
    return this.monotonic;
  }

  wallNow(): Date {
    return new Date(this.wallStart + this.monotonic);
  }

  setTimer(ms: number, fn: () => void): CancelTimer {
    const timer = { id: (this.sequence += 1), at: this.monotonic + Math.max(0, ms), fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** The wall clock jumps (a person or NTP sets it) while monotonic time does not move. */
  jumpWall(ms: number): void {
    this.wallStart += ms;
  }

  /** How many timers are waiting. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** When the earliest pending timer fires, or undefined. */
  nextTimerAt(): number | undefined {
    return this.timers.reduce<number | undefined>(
      (min, t) => (min === undefined || t.at < min ? t.at : min),
      undefined,
    );
  }

  /** Moves time forward by `ms`, firing every timer that falls due (in due order, then creation order). */
  async advance(ms: number): Promise<void> {
    const target = this.monotonic + ms;
    await settle();
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.monotonic = Math.max(this.monotonic, due.at);
      due.fn();
      await settle();
    }
    this.monotonic = target;
    await settle();
  }
}
