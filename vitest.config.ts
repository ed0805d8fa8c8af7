// Test runner setup: everything once, and the time-sensitive shared/ tests once per machine zone (case T2).
import { configDefaults, defineConfig } from 'vitest/config';
import { MACHINE_ZONES } from './tests/unit/shared/machine-zones';

const ZONE_SENSITIVE_TESTS = 'tests/unit/shared/**/*.test.ts';

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests share two cores; running files one by one keeps timings honest.
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'default',
          include: ['tests/**/*.test.ts'],
          // Those run below, once per zone; running them a fourth time here would prove nothing new.
          exclude: [...configDefaults.exclude, ZONE_SENSITIVE_TESTS],
        },
      },
      ...MACHINE_ZONES.map((zone) => ({
        extends: true as const,
        test: {
          name: `TZ=${zone}`,
          include: [ZONE_SENSITIVE_TESTS],
          // Node re-reads TZ when it is assigned, and each fork starts with it set (pool: forks).
          env: { TZ: zone },
        },
      })),
    ],
  },
});
