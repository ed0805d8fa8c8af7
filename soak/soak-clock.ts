/** The soak's accelerated clock: real time while a check runs, then a jump to the next timer while nothing does. */
import { performance } from 'node:perf_hooks';
import type { CancelTimer, Clock } from '../src-main/core/ports';

interface Pending {
  id: number;
  at: number;
  fn: () => void;
  handle: NodeJS.Timeout;
}

/**
 * Monotonic time is real elapsed time plus the sum of every jump, so a check sees time pass normally (browser
 * relaunch back-off, timeouts), while the hours between checks cost nothing. Jumps fire due timers in order.
 */
export class SoakClock implements Clock {
  private offset = 0;
  private sequence = 0;
  private pending: Pending[] = [];
  private readonly wallStart: number;
  private readonly origin = performance.now();

  constructor(wallStart: string) {
    this.wallStart = new Date(wallStart).getTime();
  }

  now(): number {
    return performance.now() - this.origin + this.offset;
  }

  wallNow(): Date {
    return new Date(this.wallStart + this.now());
  }

  setTimer(ms: number, fn: () => void): CancelTimer {
    const timer: Pending = {
      id: (this.sequence += 1),
      at: this.now() + Math.max(0, ms),
      fn,
      handle: setTimeout(() => this.fire(timer), Math.max(0, ms)),
    };
    this.pending.push(timer);
    return () => {
      clearTimeout(timer.handle);
      this.pending = this.pending.filter((t) => t !== timer);
    };
  }

  /** When the earliest pending timer is due (monotonic), or undefined. */
  nextTimerAt(): number | undefined {
    return this.pending.reduce<number | undefined>(
      (min, t) => (min === undefined || t.at < min ? t.at : min),
      undefined,
    );
  }

  /** Jumps to `at` (never back) and fires every timer due by then, earliest first. */
  jumpTo(at: number): void {
    const gap = at - this.now();
    if (gap > 0) this.offset += gap;
    for (;;) {
      const now = this.now();
      const due = this.pending.filter((t) => t.at <= now).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) return;
      this.fire(due);
    }
  }

  private fire(timer: Pending): void {
    if (!this.pending.includes(timer)) return;
    clearTimeout(timer.handle);
    this.pending = this.pending.filter((t) => t !== timer);
    timer.fn();
  }
}
