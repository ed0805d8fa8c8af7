/** The watch editor's service list: opens the booking page once in the shared browser and reads the team it was rendered with. */
import type { ServiceList } from '../../shared/ipc-contract';
import type { BrowserPool } from '../core/browser/browser-pool';
import { parseBookingUrl } from '../core/providers/consulat-gouv-fr/booking-url';
import { UnknownConsulateError } from '../core/providers/consulat-gouv-fr/errors';
import { readTeam } from '../core/providers/consulat-gouv-fr/wizard';

export interface ServiceListerDeps {
  pool: Pick<BrowserPool, 'getBrowser' | 'hold'>;
  /** Longest wait for the page to name its consulate (default 30 s). */
  timeoutMs?: number;
}

const POLL_MS = 200;

/**
 * One page load, no wizard step: the page's own team object already lists every service, so the site sees
 * a visitor opening the page and nothing more. Only open services are offered (a closed one has no calendar).
 */
export function createServiceLister(deps: ServiceListerDeps): (bookingUrl: string) => Promise<ServiceList> {
  const timeoutMs = deps.timeoutMs ?? 30_000;
  return async (bookingUrl) => {
    // A URL that is not a booking page throws BookingUrlError, whose message says what a good one looks like.
    const booking = parseBookingUrl(bookingUrl);
    const release = deps.pool.hold();
    try {
      const browser = await deps.pool.getBrowser();
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const response = await page.goto(booking.drivingUrl, {
          waitUntil: 'domcontentloaded',
          timeout: timeoutMs,
        });
        if (response?.status() === 404) throw new UnknownConsulateError(booking.slug, booking.bookingUrl);
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const team = await readTeam(page);
          if (team) {
            return {
              consulate: team.consulate,
              timeZone: team.timeZone,
              services: team.services
                .filter((service) => service.isOpen)
                .map((service) => ({ name: service.name, id: service.id })),
            };
          }
          if (Date.now() > deadline) {
            throw new Error(
              'The booking page did not say which consulate it belongs to; try again in a moment.',
            );
          }
          await page.waitForTimeout(POLL_MS);
        }
      } finally {
        await context.close().catch(() => undefined);
      }
    } finally {
      release();
    }
  };
}
