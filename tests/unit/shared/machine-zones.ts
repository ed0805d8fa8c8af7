/** The machine zones the shared/ tests run under, one vitest project each (see vitest.config.ts, case T2). */

/** West of UTC, far east of UTC across the date line, and France; all three differ from UTC in January. */
export const MACHINE_ZONES = ['America/Los_Angeles', 'Pacific/Auckland', 'Europe/Paris'] as const;

/** Runs `body` with the process's zone set to `zone`, then puts the previous one back. */
export function withMachineZone<T>(zone: string, body: () => T): T {
  const previous = process.env.TZ;
  process.env.TZ = zone;
  try {
    return body();
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
}
