/** Cross-checks the calendar the page draws against the data read: the markup the site is known by must be there. */
import type { Page } from 'playwright-core';
import { CheckProblem, reasons } from './classify';
import type { CalendarProgress } from './read-calendar';
import type { TrafficRecorder } from './traffic';

// Markup hooks of the real calendar step (§1.3, §1.4), as used by every known scraper of it.
const DAY_CONTAINER = 'div.d-slot-container';
const HOUR_BUTTON = '.btn-custom-slot-hour-only';
const NO_SLOT_MESSAGES = ['p.lead.fr-text', 'div.card'];
const TIME_PATTERN = /\b([01]\d|2[0-3]):[0-5]\d\b/;

function siteChanged(missing: string): CheckProblem {
  return new CheckProblem('site-changed', reasons.siteChanged(missing), { missing });
}

/**
 * After a fresh walk: the page shows either its no-slot message in its usual element, or the selected day in
 * `div.d-slot-container` with one `.btn-custom-slot-hour-only` per time the data listed. A mismatch of times is
 * logged (the data wins); missing markup means the page changed and nothing read from it can be trusted.
 */
export async function crossCheckPage(
  page: Page,
  progress: CalendarProgress,
  walkMark: number,
  traffic: TrafficRecorder,
  warn: (message: string, data?: Record<string, unknown>) => void,
  noSlotMessage: string | undefined,
): Promise<void> {
  if (noSlotMessage !== undefined) {
    for (const selector of NO_SLOT_MESSAGES) {
      if ((await page.locator(selector).filter({ hasText: noSlotMessage }).count()) > 0) return;
    }
    throw siteChanged(`the no-slot message element (${NO_SLOT_MESSAGES.join(' or ')})`);
  }
  const container = page.locator(DAY_CONTAINER).filter({ visible: true }).first();
  if (!(await container.isVisible())) throw siteChanged(`the day's slot list (${DAY_CONTAINER})`);

  const shownDay = await container.getAttribute('data-date');
  const pageDays = traffic
    .since(walkMark)
    .filter((call) => call.kind === 'availability')
    .map((call) => new URL(call.url).searchParams.get('date'));
  const day = shownDay ?? pageDays[pageDays.length - 1] ?? undefined;
  const expected = day ? progress.daySlots.get(day) : undefined;
  if (!expected) return;
  const hours = container.locator(HOUR_BUTTON);
  const count = await hours.count();
  if (expected.length > 0 && count === 0) throw siteChanged(`the slot buttons (${HOUR_BUTTON})`);
  const shownTimes = (await hours.allInnerTexts())
    .map((text) => TIME_PATTERN.exec(text)?.[0])
    .filter((time): time is string => time !== undefined)
    .sort();
  const dataTimes = expected.map((slot) => slot.time).sort();
  if (shownTimes.join() !== dataTimes.join()) {
    warn('the page shows other times than its data; the data is used', { day, shownTimes, dataTimes });
  }
}
