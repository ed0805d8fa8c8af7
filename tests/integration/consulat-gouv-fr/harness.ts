// Shared set-up for the adapter's integration tests: one real Chromium per file, a replica, a provider.
import type { Browser } from 'playwright-core';
import {
  createConsulatGouvFrProvider,
  type ConsulatGouvFrProviderOptions,
} from '../../../src-main/core/providers/consulat-gouv-fr/provider';
import type { Replica } from '../../replica/server';

export { launchTestBrowser } from '../../support/test-browser';

/** A provider whose clock is the replica's virtual clock, with test-sized timeouts unless overridden. */
export function providerFor(
  browser: Browser,
  replica: Replica,
  overrides: Partial<ConsulatGouvFrProviderOptions> = {},
) {
  return createConsulatGouvFrProvider({
    getBrowser: async () => browser,
    now: () => new Date(replica.control.clock.now()),
    timeouts: { stepMs: 15_000, settleMs: 3_000, captchaMs: 3_000 },
    ...overrides,
  });
}

/** API requests that reached the replica, CORS preflights left out. */
export function apiRequests(replica: Replica, route?: string) {
  return replica.control
    .requests({ origin: 'api' })
    .filter((entry) => entry.route !== 'preflight' && (route === undefined || entry.route === route));
}
