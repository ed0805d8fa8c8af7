/** Reads the whole bookable window of one service: interval, excluded days, then each day that can match. */
import type { Page } from 'playwright-core';
import { daysThatCanMatch } from '../../../../shared/filters';
import type { CalendarDay, Slot, SlotFilter } from '../../../../shared/model';
import { isCalendarDay, isWallTime } from '../../../../shared/zoned-time';
import { CheckProblem, judgeApiAnswer, reasons, type ApiAnswer, type ApiVerdict } from './classify';
import type { ObservedCall, TrafficRecorder } from './traffic';
import { SessionLostProblem, stopOnFatal, throwIfAborted, type TeamInfo, type TeamService } from './wizard';

export interface ReadOptions {
  filter: SlotFilter;
  now: Date;
  /** Pause between two of our day requests; the site answers bursts with 429 (§3). */
  daySpacingMs: number;
  /** Random share added to or removed from each pause (0.2 = ±20 %). */
  daySpacingJitter: number;
  requestTimeoutMs: number;
  signal?: AbortSignal;
  random?: () => number;
  log?: (message: string, data?: Record<string, unknown>) => void;
}

/** What one read found; kept across a session recovery so days already read are not asked twice. */
export interface CalendarProgress {
  window?: { start: CalendarDay; end: CalendarDay };
  excluded?: Set<CalendarDay>;
  /** Days that can match the filter and are not excluded: the ones that must be read. */
  candidates?: CalendarDay[];
  /** Days of the window the filter allows, closed or not: none means the person's dates are not bookable yet. */
  filterDaysInWindow?: number;
  /** With none: the filter's dates all lie before the window (over) or after it (not bookable yet). */
  filterDatesOutside?: 'past' | 'later';
  /** Days read with a 200 answer (possibly empty). */
  daySlots: Map<CalendarDay, Slot[]>;
  /** Days whose request failed: unknown, never empty. */
  unknownDays: Set<CalendarDay>;
}

export function emptyProgress(): CalendarProgress {
  return { daySlots: new Map(), unknownDays: new Set() };
}

/** Where the page's own calendar requests go, copied so our reads look exactly like the page's. */
interface RequestTemplates {
  interval?: ObservedCall;
  excludeDays?: ObservedCall;
  availability?: ObservedCall;
}

function templates(traffic: TrafficRecorder): RequestTemplates {
  const found: RequestTemplates = {};
  const interval = traffic.lastOf('get-interval');
  const excludeDays = traffic.lastOf('exclude-days');
  const availability = traffic.lastOf('availability');
  if (interval) found.interval = interval;
  if (excludeDays) found.excludeDays = excludeDays;
  if (availability) found.availability = availability;
  return found;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

interface InPageResult {
  status: number;
  headers: Record<string, string>;
  bodyText?: string;
  networkError?: string;
}

/**
 * Calls the API from inside the page, with the headers the page itself just sent (§7b.4). Only the page's own
 * read-only GETs and the exclude-days POST are ever replayed. The page's CORS view hides some headers
 * (Retry-After), so the browser-level record of the same request completes the answer.
 */
async function fetchInPage(
  page: Page,
  traffic: TrafficRecorder,
  request: { method: 'GET' | 'POST'; url: string; headers: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<{ answer?: ApiAnswer; networkError?: string }> {
  const mark = traffic.mark;
  const result = await page.evaluate(
    async ({ method, url, headers, body, timeoutMs }): Promise<InPageResult> => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        const init: RequestInit = {
          method,
          headers,
          signal: controller.signal,
          credentials: 'omit',
          cache: 'no-store',
        };
        if (body !== undefined) init.body = body;
        const response = await fetch(url, init);
        const collected: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          collected[name] = value;
        });
        let bodyText: string | undefined;
        try {
          bodyText = await response.text();
        } catch {
          bodyText = undefined;
        }
        const answer: InPageResult = { status: response.status, headers: collected };
        if (bodyText !== undefined) answer.bodyText = bodyText;
        return answer;
      } catch (error) {
        const aborted = error instanceof DOMException && error.name === 'AbortError';
        return {
          status: 0,
          headers: {},
          networkError: aborted ? `no answer within ${timeoutMs} ms` : String(error),
        };
      } finally {
        clearTimeout(timer);
      }
    },
    { ...request, timeoutMs },
  );
  if (result.networkError !== undefined) return { networkError: result.networkError };
  await traffic.settle();
  const seen = traffic.since(mark).find((call) => call.url === request.url && call.method === request.method);
  const headers = { ...(seen?.answer?.headers ?? {}), ...result.headers };
  const answer: ApiAnswer = { status: result.status, headers };
  if (result.bodyText !== undefined) answer.bodyText = result.bodyText;
  return { answer };
}

function parseInterval(body: unknown): { start: CalendarDay; end: CalendarDay } {
  const value = body as { start?: unknown; end?: unknown } | null;
  const start = typeof value?.start === 'string' ? value.start.slice(0, 10) : undefined;
  const end = typeof value?.end === 'string' ? value.end.slice(0, 10) : undefined;
  if (start === undefined || end === undefined || !isCalendarDay(start) || !isCalendarDay(end)) {
    throw new CheckProblem(
      'site-changed',
      reasons.siteChanged('the bookable window (get-interval {start, end})'),
      {
        missing: 'get-interval {start, end}',
      },
    );
  }
  return { start, end };
}

function parseExcluded(body: unknown): Set<CalendarDay> {
  if (!Array.isArray(body) || !body.every((day) => typeof day === 'string')) {
    throw new CheckProblem('site-changed', reasons.siteChanged('the list of closed days (exclude-days)'), {
      missing: 'exclude-days ["YYYY-MM-DD"]',
    });
  }
  return new Set(body.map((day: string) => day.slice(0, 10)));
}

/** One day's availability JSON `[{time, capacity}]` → slots in the consulate's zone; `[]` is a real empty day. */
export function parseDaySlots(body: unknown, date: CalendarDay, timeZone: string): Slot[] {
  if (!Array.isArray(body)) {
    throw new CheckProblem(
      'site-changed',
      reasons.siteChanged('the day slots (availability [{time, capacity}])'),
      {
        missing: 'availability [{time, capacity}]',
      },
    );
  }
  const slots: Slot[] = [];
  for (const entry of body as { time?: unknown; capacity?: unknown }[]) {
    const time = typeof entry?.time === 'string' ? entry.time.trim() : '';
    const capacity = typeof entry?.capacity === 'number' ? entry.capacity : Number(entry?.capacity ?? NaN);
    if (!isWallTime(time) || !Number.isFinite(capacity)) {
      throw new CheckProblem('site-changed', reasons.siteChanged('the time and capacity of a slot'), {
        missing: 'availability {time, capacity}',
      });
    }
    if (capacity > 0) slots.push({ date, time, timeZone, capacity });
  }
  return slots.sort((a, b) => a.time.localeCompare(b.time));
}

function dayOfAvailability(call: ObservedCall): CalendarDay | undefined {
  const date = new URL(call.url).searchParams.get('date')?.slice(0, 10);
  return date !== undefined && isCalendarDay(date) ? date : undefined;
}

function availabilityUrl(
  template: ObservedCall | undefined,
  interval: ObservedCall,
  excludeDays: ObservedCall,
  service: TeamService,
  day: CalendarDay,
) {
  if (template) {
    const url = new URL(template.url);
    url.searchParams.set('date', day);
    return url.toString();
  }
  // The page fetched no day itself (nothing open on its first screen): build the URL its own way (§2.2).
  const url = new URL(interval.url.replace(/\/get-interval(\?.*)?$/, '/availability'));
  // The session id is in the page's own exclude-days body.
  const sessionId = /"sessionId"\s*:\s*"([^"]+)"/.exec(excludeDays.postData ?? '')?.[1] ?? '';
  for (const [name, value] of [
    ['name', service.name],
    ['date', day],
    ['places', '1'],
    ['matching', ''],
    ['maxCapacity', '1'],
    ['sessionId', sessionId],
  ] as const) {
    url.searchParams.set(name, value);
  }
  return url.toString();
}

/** Records one day's answer: slots, an empty day, or an unknown day. */
function recordDay(
  progress: CalendarProgress,
  day: CalendarDay,
  verdict: ApiVerdict,
  team: TeamInfo,
  log: ReadOptions['log'],
) {
  const judged = stopOnFatal(verdict, `availability ${day}`);
  if (judged.kind === 'ok') {
    progress.daySlots.set(day, parseDaySlots(judged.body, day, team.timeZone));
    progress.unknownDays.delete(day);
  } else {
    progress.unknownDays.add(day);
    log?.('day unknown', { day, detail: judged.kind === 'failed' ? judged.detail : judged.kind });
  }
}

function answerOf(call: ObservedCall | undefined, what: string, now: Date): ApiVerdict {
  if (!call) {
    throw new CheckProblem('site-changed', reasons.siteChanged(`the page's ${what} request`), {
      missing: `${what} request`,
    });
  }
  if (call.failure !== undefined) return { kind: 'failed', detail: `a network error (${call.failure})` };
  if (!call.answer) return { kind: 'failed', detail: 'no answer' };
  return call.verdict ?? judgeApiAnswer(call.answer, now);
}

function requireOk(verdict: ApiVerdict, what: string): unknown {
  const judged = stopOnFatal(verdict, what);
  if (judged.kind === 'ok') return judged.body;
  if (judged.kind === 'failed' && judged.maybeExpiredSession)
    throw new SessionLostProblem(`${what}: ${judged.detail}`);
  throw new CheckProblem(
    'unreachable',
    reasons.apiFailed(what, judged.kind === 'failed' ? judged.detail : judged.kind),
  );
}

/**
 * Reads the calendar the page is showing. `fresh` means the page has just loaded it (cold check): its own
 * get-interval, exclude-days and first-day answers are used as they are. Otherwise (warm check) the page is
 * asked, from inside, for a fresh interval and exclude-days. Then each remaining day that can match is read.
 */
export async function readCalendar(
  page: Page,
  traffic: TrafficRecorder,
  team: TeamInfo,
  service: TeamService,
  fresh: { walkMark: number } | undefined,
  progress: CalendarProgress,
  options: ReadOptions,
): Promise<CalendarProgress> {
  await traffic.settle();
  const found = templates(traffic);
  const { now } = options;
  if (!found.interval || !found.excludeDays) {
    const missing = !found.interval ? 'get-interval' : 'exclude-days';
    throw new CheckProblem('site-changed', reasons.siteChanged(`the page's ${missing} request`), {
      missing: `${missing} request`,
    });
  }
  let intervalVerdict: ApiVerdict;
  let excludedVerdict: ApiVerdict;
  if (fresh) {
    const own = traffic.since(fresh.walkMark);
    intervalVerdict = answerOf(
      own.findLast((call) => call.kind === 'get-interval'),
      'get-interval',
      now,
    );
    excludedVerdict = answerOf(
      own.findLast((call) => call.kind === 'exclude-days'),
      'exclude-days',
      now,
    );
  } else {
    const interval = await fetchInPage(
      page,
      traffic,
      { method: 'GET', url: found.interval.url, headers: traffic.replayHeaders('get-interval') },
      options.requestTimeoutMs,
    );
    intervalVerdict = interval.answer
      ? judgeApiAnswer(interval.answer, now)
      : { kind: 'failed', detail: `a network error (${interval.networkError})` };
    requireOk(intervalVerdict, 'get-interval');
    throwIfAborted(options.signal);
    const excluded = await fetchInPage(
      page,
      traffic,
      {
        method: 'POST',
        url: found.excludeDays.url,
        headers: traffic.replayHeaders('exclude-days'),
        body: found.excludeDays.postData ?? '{}',
      },
      options.requestTimeoutMs,
    );
    excludedVerdict = excluded.answer
      ? judgeApiAnswer(excluded.answer, now)
      : { kind: 'failed', detail: `a network error (${excluded.networkError})` };
  }
  progress.window = parseInterval(requireOk(intervalVerdict, 'get-interval'));
  progress.excluded = parseExcluded(requireOk(excludedVerdict, 'exclude-days'));
  const excluded = progress.excluded;
  const filterDays = daysThatCanMatch(progress.window, options.filter, now, team.timeZone);
  progress.filterDaysInWindow = filterDays.length;
  const outside = datesOutside(options.filter, progress.window);
  if (outside) progress.filterDatesOutside = outside;
  progress.candidates = filterDays.filter((day) => !excluded.has(day));
  options.log?.('calendar window', {
    window: progress.window,
    excluded: excluded.size,
    candidates: progress.candidates.length,
  });

  // The page fetched its first open day itself on a fresh load: use that answer, do not ask again.
  if (fresh) {
    for (const call of traffic.since(fresh.walkMark).filter((c) => c.kind === 'availability')) {
      const day = dayOfAvailability(call);
      if (day !== undefined) recordDay(progress, day, answerOf(call, 'availability', now), team, options.log);
    }
  }

  const toRead = progress.candidates.filter((day) => !progress.daySlots.has(day));
  const random = options.random ?? Math.random;
  let first = true;
  for (const day of toRead) {
    throwIfAborted(options.signal);
    if (!first) {
      const jitter = 1 + options.daySpacingJitter * (random() * 2 - 1);
      await sleep(options.daySpacingMs * jitter, options.signal);
      throwIfAborted(options.signal);
    }
    first = false;
    const url = availabilityUrl(found.availability, found.interval, found.excludeDays, service, day);
    const result = await fetchInPage(
      page,
      traffic,
      { method: 'GET', url, headers: traffic.replayHeaders('availability') },
      options.requestTimeoutMs,
    );
    const verdict: ApiVerdict = result.answer
      ? judgeApiAnswer(result.answer, now)
      : { kind: 'failed', detail: `a network error (${result.networkError})` };
    recordDay(progress, day, verdict, team, options.log);
  }
  return progress;
}

/**
 * Every slot read on the days that can match the filter, in calendar order. The page's own first day is read
 * whatever the filter says; when it cannot match, its slots are not this check's business.
 */
export function slotsOf(progress: CalendarProgress): Slot[] {
  const candidates = new Set(progress.candidates ?? []);
  return [...progress.daySlots.entries()]
    .filter(([day]) => candidates.has(day))
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([, slots]) => slots);
}

/** Days that can match the filter and could not be read: unknown, never empty. */
export function unknownCandidateDays(progress: CalendarProgress): CalendarDay[] {
  const candidates = progress.candidates === undefined ? undefined : new Set(progress.candidates);
  return [...progress.unknownDays].filter((day) => candidates?.has(day) ?? true).sort();
}

/** Where a filter's date bounds put all its days: before the window, after it, or (undefined) neither. */
function datesOutside(
  filter: SlotFilter,
  window: { start: CalendarDay; end: CalendarDay },
): 'past' | 'later' | undefined {
  // Calendar days are YYYY-MM-DD: their string order is their date order.
  if (
    (filter.to !== undefined && filter.to < window.start) ||
    (filter.before !== undefined && filter.before <= window.start)
  )
    return 'past';
  if (filter.from !== undefined && filter.from > window.end) return 'later';
  return undefined;
}
