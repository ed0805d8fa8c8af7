// Test runner setup: everything once, the time-sensitive tests once per machine zone (case T2), the window's components in jsdom.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { configDefaults, defineConfig } from 'vitest/config';
import { MACHINE_ZONES } from './tests/unit/shared/machine-zones';

// Zoned time, filters, the adapter's reading of the site's day answers, and the alert texts' consulate times.
const ZONE_SENSITIVE_TESTS = [
  'tests/unit/shared/**/*.test.ts',
  'tests/unit/providers/consulat-gouv-fr-reading.test.ts',
  'tests/unit/alerts/alert-messages.test.ts',
];
const RENDERER_TESTS = 'tests/unit/renderer/**/*.test.ts';

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
          exclude: [...configDefaults.exclude, ...ZONE_SENSITIVE_TESTS, RENDERER_TESTS],
          // Transformed like our own code, so a test's vi.mock('electron') reaches its import of electron
          // (the real package would try to download the binary).
          server: { deps: { inline: ['electron-store'] } },
        },
      },
      {
        extends: true,
        plugins: [svelte()],
        // Svelte's browser build: the server one renders strings and has no mount().
        resolve: { conditions: ['browser'] },
        test: { name: 'renderer', include: [RENDERER_TESTS], environment: 'jsdom' },
      },
      ...MACHINE_ZONES.map((zone) => ({
        extends: true as const,
        test: {
          name: `TZ=${zone}`,
          include: ZONE_SENSITIVE_TESTS,
          // Node re-reads TZ when it is assigned, and each fork starts with it set (pool: forks).
          env: { TZ: zone },
        },
      })),
    ],
  },
});
