/** Sleep, wake and network: one check per watch after a grace period on wake (case D2), and again when the network returns. */
import type { Clock } from '../core/ports';

export const RESUME_GRACE_MS = 15_000;
export const ONLINE_GRACE_MS = 5_000;
export const ONLINE_POLL_MS = 15_000;

export interface PowerEvents {
  on(event: 'suspend' | 'resume', listener: () => void): unknown;
}

export interface PowerWatchDeps {
  powerMonitor: PowerEvents;
  /** The engine while one runs. */
  engine: () => { resumeAfterSleep(graceMs?: number): void } | undefined;
  /** `net.isOnline()` in the app. */
  isOnline: () => boolean;
  clock: Clock;
  onOnlineChange?: (online: boolean) => void;
  log?: (line: string) => void;
  resumeGraceMs?: number;
  onlineGraceMs?: number;
  pollMs?: number;
}

export interface PowerWatch {
  online(): boolean;
  stop(): void;
}

export function watchPowerAndNetwork(deps: PowerWatchDeps): PowerWatch {
  const resumeGrace = deps.resumeGraceMs ?? RESUME_GRACE_MS;
  let online = deps.isOnline();
  let waitingForNetwork = false;
  let stopped = false;
  let cancelPoll: (() => void) | undefined;

  deps.powerMonitor.on('suspend', () => deps.log?.('The computer is going to sleep.'));
  deps.powerMonitor.on('resume', () => {
    online = deps.isOnline();
    if (online) {
      // Not at once: Wi-Fi and DNS often need a few seconds after wake, and a burst would look like a robot.
      deps.engine()?.resumeAfterSleep(resumeGrace);
    } else {
      // Wait for the network rather than fail every check with a DNS error.
      waitingForNetwork = true;
      deps.log?.('Awake but offline: checks wait for the network.');
    }
  });

  const poll = () => {
    cancelPoll = undefined;
    if (stopped) return;
    const now = deps.isOnline();
    if (now !== online) {
      online = now;
      deps.onOnlineChange?.(now);
      if (now) {
        deps
          .engine()
          ?.resumeAfterSleep(waitingForNetwork ? resumeGrace : (deps.onlineGraceMs ?? ONLINE_GRACE_MS));
        waitingForNetwork = false;
      }
    }
    cancelPoll = deps.clock.setTimer(deps.pollMs ?? ONLINE_POLL_MS, poll);
  };
  cancelPoll = deps.clock.setTimer(deps.pollMs ?? ONLINE_POLL_MS, poll);

  return {
    online: () => online,
    stop() {
      stopped = true;
      cancelPoll?.();
    },
  };
}
