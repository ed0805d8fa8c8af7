/** Ctrl-C and SIGTERM as an AbortSignal: the first one stops cleanly, a second one exits at once. */

export function stopSignalOnInterrupt(log: (line: string) => void): AbortSignal {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      controller.abort(new Error(`Received ${signal}.`));
      return;
    }
    // A person pressing Ctrl-C twice wants out now, even if a browser is slow to close.
    log(`Received ${signal} again: exiting without waiting.`);
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}
