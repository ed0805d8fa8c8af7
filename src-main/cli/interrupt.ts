/** Ctrl-C and SIGTERM as an AbortSignal: the first one stops cleanly, a second one exits at once. */

/**
 * One Ctrl-C under `npm run` arrives twice within milliseconds: the terminal signals the whole process group
 * and npm forwards its own copy. Within this window a repeat is the same key press, not a second one.
 */
const SAME_KEY_PRESS_MS = 1_000;

export function stopSignalOnInterrupt(
  log: (line: string) => void,
  now: () => number = () => performance.now(),
): AbortSignal {
  const controller = new AbortController();
  let firstAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      firstAt = now();
      controller.abort(new Error(`Received ${signal}.`));
      return;
    }
    if (now() - firstAt < SAME_KEY_PRESS_MS) return;
    // A person pressing Ctrl-C twice wants out now, even if a browser is slow to close.
    log(`Received ${signal} again: exiting without waiting.`);
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}
