/** Which history file holds a booking page's calendar: one file per site + consulate + service, whatever the page language. */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parseBookingUrl } from '../providers/consulat-gouv-fr/booking-url';

export const HISTORY_DIR_NAME = 'history';

export interface CalendarIdentity {
  /** `site|slug|service`: the same calendar read in French or English is one history. */
  key: string;
  /** Readable and unique file name: the slug for people, a hash for the site and service. */
  fileName: string;
  /** The booking page, normalised. */
  bookingUrl: string;
}

/** Throws BookingUrlError for anything that is not a booking page. */
export function calendarOf(bookingUrl: string): CalendarIdentity {
  const page = parseBookingUrl(bookingUrl);
  const key = [page.siteOrigin, page.slug, page.serviceName ?? ''].join('|');
  const digest = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return { key, fileName: `${page.slug}--${digest}.jsonl`, bookingUrl: page.bookingUrl };
}

export function historyDirIn(dataDir: string): string {
  return join(dataDir, HISTORY_DIR_NAME);
}

export function historyFileFor(dataDir: string, bookingUrl: string): string {
  return join(historyDirIn(dataDir), calendarOf(bookingUrl).fileName);
}
