// API-level tests of the replica with plain fetch: protocol, window, exclusions, TTL, bookings, control.
import { afterEach, describe, expect, it } from 'vitest';
import {
  DUBLIN_SLUG,
  LONDON_LEGALISATIONS,
  LONDON_PASSPORTS,
  LONDON_SLUG,
  MONTREAL_DST_NOW,
  MONTREAL_PASSPORTS,
  MONTREAL_PASSPORTS_ID,
  MONTREAL_SLUG,
  MONTREAL_TEAM_ID,
} from './scenarios';
import { startReplica, type Replica, type ReplicaOptions } from './server';
import { TEAPOT_BODY } from './http-util';
import { zonedInstant } from './zone';

let replica: Replica | undefined;

afterEach(async () => {
  await replica?.close();
  replica = undefined;
});

async function start(options: ReplicaOptions = {}): Promise<Replica> {
  replica = await startReplica({ captcha: 'off', now: MONTREAL_DST_NOW, ...options });
  return replica;
}

/** A client that behaves like the page: handshake, then headers on every call, rotated token on POSTs. */
async function client(r: Replica) {
  const handshake = await fetch(`${r.apiBase}/handshake`, { method: 'HEAD' });
  const appId = handshake.headers.get('x-gouv-app-id') ?? '';
  let token = handshake.headers.get('x-gouv-handshake') ?? '';
  const call = (method: string, path: string, body?: unknown, init: RequestInit = {}) =>
    fetch(`${r.apiBase}${path}`, {
      method,
      headers: {
        'x-gouv-app-id': appId,
        'x-gouv-web': 'fr.gouv.consulat',
        ...(method === 'POST' ? { 'x-csrf-token': token, 'content-type': 'application/json' } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...init,
    });
  return {
    handshake,
    appId,
    token: () => token,
    call,
    async open(teamId: string, captcha = '') {
      const response = await call('POST', `/team/${teamId}/reservations-session`, {
        standaloneServiceName: null,
        captcha,
      });
      const session = (await response.json()) as { _id: string };
      token = response.headers.get('x-gouv-handshake') ?? token;
      return { response, sessionId: session._id };
    },
  };
}

type Client = Awaited<ReturnType<typeof client>>;

function teamId(r: Replica, slug: string): string {
  const team = r.control.teams().find((candidate) => candidate.slug === slug);
  if (!team) throw new Error(slug);
  return team._id;
}

function serviceId(r: Replica, slug: string, name: string): string {
  const team = r.control.teams().find((candidate) => candidate.slug === slug);
  const service = team?.reservations_shop_availabilty.find((candidate) => candidate.name === name);
  if (!service) throw new Error(name);
  return service._id;
}

async function interval(c: Client, team: string, service: string) {
  return (await (
    await c.call('GET', `/team/${team}/reservations/get-interval?serviceId=${service}`)
  ).json()) as {
    start: string;
    end: string;
  };
}

async function excluded(c: Client, team: string, service: string, sessionId: string): Promise<string[]> {
  const response = await c.call('POST', `/team/${team}/reservations/exclude-days`, {
    session: { [service]: true },
    sessionId,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as string[];
}

async function availability(c: Client, team: string, name: string, date: string, sessionId: string) {
  const query = `name=${encodeURIComponent(name)}&date=${date}&places=1&matching=&maxCapacity=1&sessionId=${sessionId}`;
  return c.call('GET', `/team/${team}/reservations/availability?${query}`);
}

describe('replica API: protocol', () => {
  it('answers 418 teapot without the handshake headers, and CORS exposes the five x-gouv-* headers', async () => {
    const r = await start();
    const bare = await fetch(`${r.apiBase}/team/slug/${MONTREAL_SLUG}`);
    expect(bare.status).toBe(418);
    expect(await bare.json()).toEqual(TEAPOT_BODY);
    const c = await client(r);
    expect(c.handshake.status).toBe(200);
    expect(c.appId).toMatch(/^fr\.gouv\$\+.{32}%%[0-9a-f-]{36}-meae-ttc$/);
    expect(c.handshake.headers.get('x-gouv-limit')).toBeTruthy();
    expect(c.handshake.headers.get('access-control-allow-origin')).toBe(r.siteOrigin);
    expect(c.handshake.headers.get('access-control-expose-headers')?.split(', ').sort()).toEqual(
      ['x-gouv-app-id', 'x-gouv-ck', 'x-gouv-csrf', 'x-gouv-handshake', 'x-gouv-limit'].sort(),
    );
    const noWeb = await fetch(`${r.apiBase}/team/slug/${MONTREAL_SLUG}`, {
      headers: { 'x-gouv-app-id': c.appId },
    });
    expect(noWeb.status).toBe(418);
    const team = await c.call('GET', `/team/slug/${MONTREAL_SLUG}`);
    expect(((await team.json()) as { _id: string })._id).toBe(MONTREAL_TEAM_ID);
    const preflight = await fetch(`${r.apiBase}/team/${MONTREAL_TEAM_ID}/reservations-session`, {
      method: 'OPTIONS',
      headers: {
        origin: r.siteOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-csrf-token,x-gouv-app-id,x-gouv-web',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-csrf-token');
  });

  it('rotates the handshake token on the session POST; the old token then hangs', async () => {
    const r = await start();
    const c = await client(r);
    const first = c.token();
    const { response, sessionId } = await c.open(MONTREAL_TEAM_ID);
    expect(response.status).toBe(200);
    expect(sessionId).toMatch(/^[0-9a-f]{24}$/);
    expect(c.token()).not.toBe(first);
    const stale = fetch(`${r.apiBase}/team/${MONTREAL_TEAM_ID}/reservations/exclude-days`, {
      method: 'POST',
      headers: { 'x-gouv-app-id': c.appId, 'x-gouv-web': 'fr.gouv.consulat', 'x-csrf-token': first },
      body: JSON.stringify({ session: { [MONTREAL_PASSPORTS_ID]: true }, sessionId }),
      signal: AbortSignal.timeout(300),
    });
    await expect(stale).rejects.toThrow();
    expect(await excluded(c, MONTREAL_TEAM_ID, MONTREAL_PASSPORTS_ID, sessionId)).toBeInstanceOf(Array);
    // The session can be resumed by id.
    const resumed = await c.call(
      'GET',
      `/team/${MONTREAL_TEAM_ID}/reservations-session?sessionId=${sessionId}`,
    );
    expect(((await resumed.json()) as { _id: string })._id).toBe(sessionId);
  });

  it('refuses and records booking calls; the old avaibility route is 404', async () => {
    const r = await start();
    const c = await client(r);
    const { sessionId } = await c.open(MONTREAL_TEAM_ID);
    const family = await c.call('POST', `/team/${MONTREAL_TEAM_ID}/reservations/family`, {
      reservations: {},
    });
    expect(family.status).toBe(403);
    const step = await c.call(
      'POST',
      `/team/${MONTREAL_TEAM_ID}/reservations-session/${sessionId}/update-step-value`,
      {
        key: 'slotsStep',
        value: {},
        stepIndex: 3,
      },
    );
    expect(step.status).toBe(403);
    const saved = await c.call(
      'POST',
      `/team/${MONTREAL_TEAM_ID}/reservations-session/${sessionId}/update-step-value`,
      {
        key: 'servicesStep',
        value: { services: [] },
        stepIndex: 1,
      },
    );
    expect(saved.status).toBe(200);
    expect(r.control.bookingAttempts().map((attempt) => attempt.path)).toEqual([
      `/api/team/${MONTREAL_TEAM_ID}/reservations/family`,
      `/api/team/${MONTREAL_TEAM_ID}/reservations-session/${sessionId}/update-step-value`,
    ]);
    const old = await c.call(
      'GET',
      `/team/${MONTREAL_TEAM_ID}/reservations/avaibility?name=x&date=2026-11-02`,
    );
    expect(old.status).toBe(404);
  });

  it('answers 404 SESSION_ERROR once the session TTL has passed on the virtual clock', async () => {
    const r = await start();
    const c = await client(r);
    const { sessionId } = await c.open(MONTREAL_TEAM_ID);
    r.control.clock.advance(30 * 60_000 - 1000);
    expect(
      (await availability(c, MONTREAL_TEAM_ID, MONTREAL_PASSPORTS, '2026-11-02', sessionId)).status,
    ).toBe(200);
    r.control.clock.advance(1000);
    const expired = await availability(c, MONTREAL_TEAM_ID, MONTREAL_PASSPORTS, '2026-11-02', sessionId);
    expect(expired.status).toBe(404);
    expect(await expired.json()).toEqual({ message: 'SESSION_ERROR' });
    r.control.setSessionTtlMs(60_000);
    const second = await c.open(MONTREAL_TEAM_ID);
    r.control.clock.advance(60_000);
    const response = await c.call('POST', `/team/${MONTREAL_TEAM_ID}/reservations/exclude-days`, {
      session: { [MONTREAL_PASSPORTS_ID]: true },
      sessionId: second.sessionId,
    });
    expect(response.status).toBe(404);
  });
});

describe('replica API: calendar', () => {
  it('London: window today..today+45; exclude-days = weekends ∪ closed days ∪ fully booked days', async () => {
    const r = await start({ now: '2026-10-26T09:00:00Z' });
    const c = await client(r);
    const team = teamId(r, LONDON_SLUG);
    const service = serviceId(r, LONDON_SLUG, LONDON_PASSPORTS);
    const { sessionId } = await c.open(team);
    expect(await interval(c, team, service)).toEqual({ start: '2026-10-26', end: '2026-12-10' });
    const days = await excluded(c, team, service, sessionId);
    const closedDays = r.control.teams().find((t) => t.slug === LONDON_SLUG)!
      .reservations_shop_availabilty[0]!.closed_days;
    expect(days).toEqual(expect.arrayContaining(['2026-10-31', '2026-11-01', '2026-12-05', '2026-12-06']));
    for (const day of closedDays.filter((d) => d <= '2026-12-10')) expect(days).toContain(day);
    const slots = r.control.slots(LONDON_SLUG, LONDON_PASSPORTS);
    const offered = [...new Set(slots.filter((s) => s.capacity > 0).map((s) => s.date))];
    const fullyBooked = slots.filter((s) => s.capacity === 0).map((s) => s.date);
    expect(fullyBooked.length).toBeGreaterThan(0);
    for (const day of fullyBooked) expect(days).toContain(day);
    // Every open day is excluded except the ones with places left.
    const all = Array.from({ length: 46 }, (_, i) =>
      new Date(Date.UTC(2026, 9, 26 + i)).toISOString().slice(0, 10),
    );
    expect(all.filter((day) => !days.includes(day))).toEqual(offered.sort());
    expect(offered).toContain('2026-12-10'); // the last day of the window
    const late = await availability(
      c,
      team,
      LONDON_PASSPORTS,
      slots.find((s) => s.time === '17:45')!.date,
      sessionId,
    );
    expect(await late.json()).toContainEqual({ time: '17:45', rate: '0.00', capacity: 1 });
    // Past and out-of-window days answer [].
    expect(await (await availability(c, team, LONDON_PASSPORTS, '2026-10-20', sessionId)).json()).toEqual([]);
    expect(await (await availability(c, team, LONDON_PASSPORTS, '2026-12-11', sessionId)).json()).toEqual([]);
    // The accented service name round-trips through the query string.
    const legalDay = r.control.slots(LONDON_SLUG, LONDON_LEGALISATIONS)[0]!.date;
    expect(
      await (await availability(c, team, LONDON_LEGALISATIONS, legalDay, sessionId)).json(),
    ).toHaveLength(2);
  });

  it('Dublin: nothing open, exclude-days covers the whole window', async () => {
    const r = await start();
    const c = await client(r);
    const team = teamId(r, DUBLIN_SLUG);
    const service = serviceId(r, DUBLIN_SLUG, 'Visas');
    const { sessionId } = await c.open(team);
    const { start: from, end } = await interval(c, team, service);
    const days = await excluded(c, team, service, sessionId);
    expect(days[0]).toBe(from);
    expect(days[days.length - 1]).toBe(end);
    expect(days).toHaveLength(46);
  });

  it('Montreal: the window end rolls forward at 18:00 in America/Montreal, not in UTC or the machine zone', async () => {
    const r = await start({
      now: new Date(zonedInstant('2026-10-26', '17:59', 'America/Montreal')).toISOString(),
    });
    const c = await client(r);
    const { sessionId } = await c.open(MONTREAL_TEAM_ID);
    expect(await interval(c, MONTREAL_TEAM_ID, MONTREAL_PASSPORTS_ID)).toEqual({
      start: '2026-10-26',
      end: '2026-12-09',
    });
    // 2026-12-10 is the day that opens at 18:00 today; its slot exists but is out of the window.
    r.control.addSlot({
      slug: MONTREAL_SLUG,
      service: MONTREAL_PASSPORTS,
      date: '2026-12-10',
      time: '10:00',
      capacity: 1,
    });
    expect(
      await (await availability(c, MONTREAL_TEAM_ID, MONTREAL_PASSPORTS, '2026-12-10', sessionId)).json(),
    ).toEqual([]);
    r.control.clock.advance(60_000);
    expect(r.control.clock.nowIso()).toBe('2026-10-26T22:00:00.000Z');
    expect(await interval(c, MONTREAL_TEAM_ID, MONTREAL_PASSPORTS_ID)).toEqual({
      start: '2026-10-26',
      end: '2026-12-10',
    });
    expect(
      await (await availability(c, MONTREAL_TEAM_ID, MONTREAL_PASSPORTS, '2026-12-10', sessionId)).json(),
    ).toEqual([{ time: '10:00', rate: '0.00', capacity: 1 }]);
    // At 23:59 local the UTC date is already the 27th; "today" in Montreal is still the 26th.
    r.control.clock.set(new Date(zonedInstant('2026-10-26', '23:59', 'America/Montreal')).toISOString());
    expect((await interval(c, MONTREAL_TEAM_ID, MONTREAL_PASSPORTS_ID)).start).toBe('2026-10-26');
  });

  it('Montreal: the window spans the end of DST with slots on both sides, incl. Friday 23:30', async () => {
    const r = await start();
    const c = await client(r);
    const { sessionId } = await c.open(MONTREAL_TEAM_ID);
    const { start: from, end } = await interval(c, MONTREAL_TEAM_ID, MONTREAL_PASSPORTS_ID);
    expect(from <= '2026-11-01' && end >= '2026-11-01').toBe(true);
    const days = await excluded(c, MONTREAL_TEAM_ID, MONTREAL_PASSPORTS_ID, sessionId);
    expect(days).not.toContain('2026-10-30');
    expect(days).not.toContain('2026-11-02');
    const friday = await (
      await availability(c, MONTREAL_TEAM_ID, MONTREAL_PASSPORTS, '2026-10-30', sessionId)
    ).json();
    expect(friday).toEqual([
      { time: '16:45', rate: '0.00', capacity: 1 },
      { time: '23:30', rate: '0.00', capacity: 1 },
    ]);
    const monday = await (
      await availability(c, MONTREAL_TEAM_ID, MONTREAL_PASSPORTS, '2026-11-02', sessionId)
    ).json();
    expect(monday).toEqual([{ time: '08:30', rate: '0.00', capacity: 2 }]);
    // The same wall times are 4 h from UTC before the change and 5 h after.
    expect(new Date(zonedInstant('2026-10-30', '23:30', 'America/Montreal')).toISOString()).toBe(
      '2026-10-31T03:30:00.000Z',
    );
    expect(new Date(zonedInstant('2026-11-02', '08:30', 'America/Montreal')).toISOString()).toBe(
      '2026-11-02T13:30:00.000Z',
    );
  });

  it('scheduled drops appear at T and vanish at T+Δ', async () => {
    const r = await start();
    const c = await client(r);
    const { sessionId } = await c.open(MONTREAL_TEAM_ID);
    r.control.scheduleDrop({
      slug: MONTREAL_SLUG,
      service: MONTREAL_PASSPORTS,
      date: '2026-11-04',
      time: '11:15',
      capacity: 1,
      at: '2026-10-25T14:10:00Z',
      durationMs: 90_000,
    });
    const read = async () =>
      (await availability(c, MONTREAL_TEAM_ID, MONTREAL_PASSPORTS, '2026-11-04', sessionId)).json();
    expect(await read()).toEqual([]);
    expect(await excluded(c, MONTREAL_TEAM_ID, MONTREAL_PASSPORTS_ID, sessionId)).toContain('2026-11-04');
    r.control.clock.advance(10 * 60_000);
    expect(await read()).toEqual([{ time: '11:15', rate: '0.00', capacity: 1 }]);
    expect(await excluded(c, MONTREAL_TEAM_ID, MONTREAL_PASSPORTS_ID, sessionId)).not.toContain('2026-11-04');
    r.control.clock.advance(90_000);
    expect(await read()).toEqual([]);
  });
});

describe('replica API: faults and switches', () => {
  it('429 with Retry-After and x-gouv-limit, one-shot, then normal again', async () => {
    const r = await start();
    const c = await client(r);
    r.control.addFault({ route: 'get-interval', kind: '429', retryAfterSeconds: 3600, times: 1 });
    const limited = await c.call(
      'GET',
      `/team/${MONTREAL_TEAM_ID}/reservations/get-interval?serviceId=${MONTREAL_PASSPORTS_ID}`,
    );
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3600');
    expect(limited.headers.get('x-gouv-limit')).toBe('0');
    const ok = await c.call(
      'GET',
      `/team/${MONTREAL_TEAM_ID}/reservations/get-interval?serviceId=${MONTREAL_PASSPORTS_ID}`,
    );
    expect(ok.status).toBe(200);
    expect(r.control.requests({ route: 'get-interval' }).map((entry) => [entry.status, entry.fault])).toEqual(
      [
        [429, '429'],
        [200, undefined],
      ],
    );
  });

  it('5xx, malformed JSON, empty body, HTML error page, slow and hang', async () => {
    const r = await start();
    const c = await client(r);
    const path = `/team/${MONTREAL_TEAM_ID}/reservations/get-interval?serviceId=${MONTREAL_PASSPORTS_ID}`;
    const once = (kind: Parameters<Replica['control']['addFault']>[0]['kind'], extra = {}) =>
      r.control.addFault({ route: 'get-interval', kind, times: 1, ...extra });
    once('5xx', { status: 502 });
    expect((await c.call('GET', path)).status).toBe(502);
    once('malformed-json');
    const malformed = await c.call('GET', path);
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();
    once('empty-body');
    expect(await (await c.call('GET', path)).text()).toBe('');
    once('html-error');
    const html = await c.call('GET', path);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('<title>Une erreur est survenue</title>');
    once('slow', { delayMs: 300 });
    const started = Date.now();
    expect((await c.call('GET', path)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    r.control.addFault({ route: 'get-interval', kind: 'hang' });
    await expect(c.call('GET', path, undefined, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    // A request left hanging must not keep close() waiting.
    const hanging = c.call('GET', path).catch(() => 'closed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = Date.now();
    await r.close();
    expect(Date.now() - closing).toBeLessThan(1000);
    expect(await hanging).toBe('closed');
  });

  it('persistent 418 survives a fresh handshake; x-gouv-limit on ordinary answers is only info', async () => {
    const r = await start();
    r.control.setLimitHeader('q=97');
    const c = await client(r);
    const ok = await c.call('GET', `/team/slug/${MONTREAL_SLUG}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-gouv-limit')).toBe('q=97');
    r.control.setPersistentTeapot(true);
    const fresh = await client(r);
    expect(fresh.handshake.status).toBe(200);
    expect((await fresh.call('GET', `/team/slug/${MONTREAL_SLUG}`)).status).toBe(418);
  });

  it('captcha: invisible needs a token; "interactive after 2 sessions" then refuses non-interactive tokens', async () => {
    const r = await start({ captcha: 'invisible' });
    const c = await client(r);
    expect((await c.open(MONTREAL_TEAM_ID, '')).response.status).toBe(400);
    r.control.setCaptcha('invisible', { interactiveAfterSessions: 2 });
    expect((await c.open(MONTREAL_TEAM_ID, 'replica.invisible.a')).response.status).toBe(200);
    expect((await c.open(MONTREAL_TEAM_ID, 'replica.invisible.a')).response.status).toBe(400); // single use
    expect((await c.open(MONTREAL_TEAM_ID, 'replica.invisible.b')).response.status).toBe(200);
    const page = await (await fetch(r.bookingUrl(MONTREAL_SLUG))).text();
    expect(page).toContain('"captcha":"interactive"');
    const refused = await c.open(MONTREAL_TEAM_ID, 'replica.invisible.c');
    expect(refused.response.status).toBe(400);
    expect(r.control.sessionsCreated()).toBe(2);
    expect((await c.open(MONTREAL_TEAM_ID, 'replica.interactive.d')).response.status).toBe(200);
  });

  it('pages: FR/EN/NL paths, unknown slug error page, page faults', async () => {
    const r = await start();
    expect(r.bookingUrl(LONDON_SLUG, { lang: 'nl' })).toBe(
      `${r.siteOrigin}/nl/${LONDON_SLUG}/winkelafspraak`,
    );
    const fr = await (await fetch(r.bookingUrl(MONTREAL_SLUG, { name: MONTREAL_PASSPORTS }))).text();
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toMatch(/<script src="\/app\/[0-9a-f]{10}\.js"/);
    const nuxt = JSON.parse(/window\.__NUXT__=(\{.*?\});window\.__REPLICA__/.exec(fr)![1]!) as {
      config: { API_HOST: string; handshakeHeader: string };
      data: { publicTeam: { _id: string; timezone: string } }[];
    };
    expect(nuxt.config.API_HOST).toBe(r.apiBase);
    expect(nuxt.config.handshakeHeader).toBe('x-gouv-handshake');
    expect(nuxt.data[0]!.publicTeam).toMatchObject({ _id: MONTREAL_TEAM_ID, timezone: 'America/Montreal' });
    expect((await fetch(r.bookingUrl(MONTREAL_SLUG, { lang: 'de' }))).status).toBe(200);
    const unknown = await fetch(r.bookingUrl('ambassade-de-france-a-nulle-part'));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('<title>Une erreur est survenue</title>');
    r.control.addFault({ route: 'page', kind: '5xx', status: 502, times: 1 });
    expect((await fetch(r.bookingUrl(MONTREAL_SLUG))).status).toBe(502);
    expect((await fetch(r.bookingUrl(MONTREAL_SLUG))).status).toBe(200);
  });

  it('control over HTTP: slots, clock, faults, requests; refuses browser (Origin) requests', async () => {
    const r = await start();
    const ctl = (method: string, path: string, body?: unknown) =>
      fetch(`${r.apiOrigin}/__ctl${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
    expect(
      (
        await ctl('POST', '/slots', {
          slug: MONTREAL_SLUG,
          service: MONTREAL_PASSPORTS,
          date: '2026-11-05',
          time: '15:00',
          capacity: 2,
        })
      ).status,
    ).toBe(200);
    expect(r.control.slots(MONTREAL_SLUG, MONTREAL_PASSPORTS)).toContainEqual({
      slug: MONTREAL_SLUG,
      service: MONTREAL_PASSPORTS,
      date: '2026-11-05',
      time: '15:00',
      capacity: 2,
    });
    expect(await (await ctl('POST', '/clock', { advanceMs: 3_600_000 })).json()).toMatchObject({
      now: '2026-10-25T15:00:00.000Z',
    });
    expect(
      (
        (await (await ctl('POST', '/faults', { route: 'availability', kind: '429' })).json()) as {
          id: number;
        }
      ).id,
    ).toBe(1);
    expect(r.control.faults()).toHaveLength(1);
    expect((await ctl('POST', '/settings', { layout: 'no-such-layout' })).status).toBe(400);
    expect((await ctl('POST', '/settings', { layout: 'extra-step' })).status).toBe(200);
    expect(r.control.settings().layout).toBe('extra-step');
    await fetch(`${r.apiBase}/handshake`, { method: 'HEAD' });
    const log = (await (await ctl('GET', '/requests?origin=api')).json()) as {
      route: string;
      virtualTime: string;
    }[];
    expect(log.map((entry) => entry.route)).toEqual(['handshake']);
    expect(log[0]!.virtualTime).toBe('2026-10-25T15:00:00.000Z');
    const fromPage = await fetch(`${r.apiOrigin}/__ctl/state`, { headers: { origin: r.siteOrigin } });
    expect(fromPage.status).toBe(403);
  });
});
