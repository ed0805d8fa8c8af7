/** Chromium command-line flags AmbiSlot launches with, and why each is there. */

/** Keeps Chromium from phoning home: the closed networks we run on refuse those connections by the dozen. */
export const QUIET_CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
] as const;

export interface LaunchFlagsInput {
  /** `process.getuid?.() === 0`; Chromium refuses to start as root unless sandboxing is off. */
  runningAsRoot: boolean;
}

/** Flags for one launch. `--no-sandbox` only as root (case B4): never weaken a normal user's browser. */
export function chromiumArgs({ runningAsRoot }: LaunchFlagsInput): string[] {
  return runningAsRoot ? [...QUIET_CHROMIUM_ARGS, '--no-sandbox'] : [...QUIET_CHROMIUM_ARGS];
}
