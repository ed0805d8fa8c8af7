// The API origin (stands in for api.consulat.gouv.fr/api): handshake, team, session, calendar reads.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyFault, type ServerContext } from './fault-responses';
import type { FaultRoute } from './faults';
import { EXPOSED_HEADERS, TEAPOT_BODY, queryObject, readBody, sendJson } from './http-util';
import { LOGGED_HEADERS } from './request-log';
import type { ReplicaState, ReservationSession } from './state';
import type { PublicTeam } from './team';

/** Wizard steps a visitor may save; anything else (slotsStep onwards) is a booking and is refused. */
const NON_BOOKING_STEPS = new Set(['servicesStep', 'importantInformationStep', 'numberOfApplicantsStep']);

interface Matched {
  route: FaultRoute | 'unknown';
  teamId?: string;
  slug?: string;
  sessionId?: string;
  action?: string;
}

function match(method: string, path: string): Matched {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] !== 'api') return { route: 'unknown' };
  const [, a, b, c, d, e] = parts;
  if (a === 'handshake' && parts.length === 2) return { route: 'handshake' };
  if (a !== 'team' || !b) return { route: 'unknown' };
  if (b === 'slug' && c && parts.length === 4) return { route: 'team', slug: decodeURIComponent(c) };
  if (parts.length === 3) return { route: 'team', teamId: b };
  if (c === 'reservations-session') {
    if (parts.length === 4) return { route: 'session', teamId: b };
    if (parts.length === 6 && (e === 'update-step-value' || e === 'update-dynamic-steps'))
      return { route: e, teamId: b, sessionId: d };
  }
  if (c === 'reservations' && d) {
    if (parts.length === 5 && (d === 'get-interval' || d === 'exclude-days' || d === 'availability'))
      return { route: d, teamId: b };
    if (d === 'family' || d === 'remaing')
      return { route: 'booking', teamId: b, action: parts.slice(3).join('/') };
  }
  void method;
  return { route: 'unknown' };
}

function newAppId(): string {
  return `fr.gouv$+${randomBytes(24).toString('base64url').slice(0, 32)}%%${randomUUID()}-meae-ttc`;
}

function newHandshakeToken(): string {
  return randomBytes(36).toString('base64url');
}

function newObjectId(): string {
  return randomBytes(12).toString('hex');
}

function emptySession(teamId: string): ReservationSession {
  return {
    _id: newObjectId(),
    team: teamId,
    servicesStep: null,
    importantInformationStep: null,
    numberOfApplicantsStep: null,
    slotsSteps: [],
    mainContactDetailsStep: null,
    secondaryContactsDetailsStep: null,
    askConfirmationStep: null,
    confirmationSummaryStep: null,
    stepIndex: 0,
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function createApiHandler(state: ReplicaState, siteOrigin: () => string, ctx: ServerContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://replica.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const cors: Record<string, string> = {
      'access-control-allow-origin': siteOrigin(),
      'access-control-expose-headers': EXPOSED_HEADERS.join(', '),
      vary: 'Origin',
    };
    const matched = match(method, url.pathname);
    const headers: Record<string, string> = {};
    for (const name of LOGGED_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const entry = state.log.add({
      origin: 'api',
      method,
      path: url.pathname,
      query: queryObject(url),
      headers,
      route: method === 'OPTIONS' ? 'preflight' : matched.route,
      virtualTime: state.clock.nowIso(),
      realTime: new Date().toISOString(),
    });
    res.on('finish', () => {
      entry.status = res.statusCode;
    });

    if (method === 'OPTIONS') {
      res.writeHead(204, {
        ...cors,
        'access-control-allow-methods': 'GET,HEAD,PUT,PATCH,POST,DELETE',
        'access-control-allow-headers':
          req.headers['access-control-request-headers'] ??
          'content-type, x-csrf-token, x-gouv-app-id, x-gouv-web',
        'content-length': '0',
      });
      res.end();
      return;
    }

    const body = method === 'POST' || method === 'PUT' ? await readBody(req) : null;

    // Booking calls are recorded before anything else can refuse them: a test asserts there are none.
    const stepKey = asRecord(body).key;
    const isBooking =
      matched.route === 'booking' ||
      (matched.route === 'update-step-value' && !NON_BOOKING_STEPS.has(String(stepKey)));
    if (isBooking)
      state.bookingAttempts.push({
        method,
        path: url.pathname,
        body,
        virtualTime: state.clock.nowIso(),
        realTime: new Date().toISOString(),
      });

    const common: Record<string, string> = { ...cors };
    if (state.settings.limitHeader !== null) common['x-gouv-limit'] = state.settings.limitHeader;

    const serve = (): void => {
      try {
        route(matched, method, url, body, req, res, common, isBooking);
      } catch (error) {
        sendJson(res, 500, { message: String(error) }, common);
      }
    };

    if (matched.route !== 'unknown') {
      const fault = state.faults.take(matched.route, true);
      if (fault) {
        entry.fault = fault.kind;
        applyFault(fault, res, common, ctx, serve);
        return;
      }
    }
    serve();
  };

  function route(
    matched: Matched,
    method: string,
    url: URL,
    body: unknown,
    req: IncomingMessage,
    res: ServerResponse,
    common: Record<string, string>,
    isBooking: boolean,
  ): void {
    if (matched.route === 'unknown') {
      // Includes the old `avaibility` route, which production answers with 404 since June 2022.
      sendJson(res, 404, { statusCode: 404, message: `Cannot ${method} ${url.pathname}` }, common);
      return;
    }
    if (matched.route === 'handshake') {
      if (method !== 'HEAD' && method !== 'GET')
        return void sendJson(res, 404, { message: 'Not Found' }, common);
      const appId = newAppId();
      const token = newHandshakeToken();
      state.handshakes.set(appId, token);
      res.writeHead(200, {
        ...common,
        'x-gouv-handshake': token,
        'x-gouv-app-id': appId,
        'x-gouv-limit': state.settings.limitHeader ?? 'a1.100',
        'content-length': '0',
      });
      res.end();
      return;
    }

    if (state.settings.persistentTeapot) return void sendJson(res, 418, TEAPOT_BODY, common);
    const appId = req.headers['x-gouv-app-id'];
    const known = typeof appId === 'string' && state.handshakes.has(appId);
    if (state.settings.requireHandshake && (!known || req.headers['x-gouv-web'] !== 'fr.gouv.consulat'))
      return void sendJson(res, 418, TEAPOT_BODY, common);
    // A stale or missing token makes production's POSTs hang (§2.1); close() ends them.
    if (
      (method === 'POST' || method === 'PUT') &&
      known &&
      req.headers['x-csrf-token'] !== state.handshakes.get(appId)
    )
      return;

    if (isBooking) return void sendJson(res, 403, { message: 'FORBIDDEN_IN_REPLICA' }, common);

    if (matched.route === 'team') {
      const team = matched.slug
        ? state.inventory.teamBySlug(matched.slug)
        : state.inventory.teamById(matched.teamId ?? '');
      if (!team) return void sendJson(res, 404, { message: 'TEAM_NOT_FOUND' }, common);
      return void sendJson(res, 200, team, common);
    }

    const team = state.inventory.teamById(matched.teamId ?? '');
    if (!team) return void sendJson(res, 404, { message: 'TEAM_NOT_FOUND' }, common);
    const sessionError = (): void => sendJson(res, 404, { message: 'SESSION_ERROR' }, common);
    const input = asRecord(body);

    switch (matched.route) {
      case 'session': {
        if (method === 'GET') {
          const stored = state.liveSession(url.searchParams.get('sessionId'));
          if (!stored || stored.session.team !== team._id) return sessionError();
          return void sendJson(res, 200, stored.session, common);
        }
        if (method !== 'POST') break;
        // A client-chosen sessionId was refused in production (§2.2).
        if (input.sessionId) return sessionError();
        if (!captchaAccepted(input.captcha))
          return void sendJson(res, 400, { message: 'CAPTCHA_FAILED' }, common);
        const session = emptySession(team._id);
        state.sessions.set(session._id, { session, openedAt: state.clock.now() });
        state.sessionsCreated += 1;
        let token = typeof appId === 'string' ? state.handshakes.get(appId) : undefined;
        if (typeof appId === 'string' && state.settings.rotateHandshake) {
          token = newHandshakeToken();
          state.handshakes.set(appId, token);
        }
        return void sendJson(res, 200, session, {
          ...common,
          ...(token ? { 'x-gouv-handshake': token } : {}),
        });
      }
      case 'update-step-value':
      case 'update-dynamic-steps': {
        const stored = state.liveSession(matched.sessionId);
        if (!stored || stored.session.team !== team._id) return sessionError();
        const session = stored.session as unknown as Record<string, unknown>;
        if (matched.route === 'update-step-value') {
          session[String(input.key)] = input.value ?? null;
          if (typeof input.stepIndex === 'number') stored.session.stepIndex = input.stepIndex;
        } else {
          stored.session.slotsSteps = Array.isArray(input.steps) ? input.steps : [];
        }
        return void sendJson(res, 200, stored.session, common);
      }
      case 'get-interval': {
        const service = state.inventory.serviceById(team, url.searchParams.get('serviceId') ?? '');
        if (!service) return void sendJson(res, 404, { message: 'SERVICE_NOT_FOUND' }, common);
        return void sendJson(res, 200, state.inventory.window(team, service, state.clock.now()), common);
      }
      case 'exclude-days': {
        if (!state.liveSession(String(input.sessionId ?? ''))) return sessionError();
        const wanted = Object.entries(asRecord(input.session))
          .filter(([, on]) => Boolean(on))
          .map(([id]) => id);
        const service = wanted.map((id) => state.inventory.serviceById(team, id)).find(Boolean);
        if (!service) return void sendJson(res, 400, { message: 'SERVICE_NOT_FOUND' }, common);
        return void sendJson(res, 200, state.inventory.excludeDays(team, service, state.clock.now()), common);
      }
      case 'availability': {
        if (!state.liveSession(url.searchParams.get('sessionId'))) return sessionError();
        return void sendJson(res, 200, availability(team, url), common);
      }
      default:
        break;
    }
    sendJson(res, 404, { statusCode: 404, message: `Cannot ${method} ${url.pathname}` }, common);
  }

  function availability(team: PublicTeam, url: URL): unknown[] {
    // The availability call names the service by its NAME, not its id (§2.2).
    const service = state.inventory.serviceByName(team, url.searchParams.get('name') ?? '');
    const date = url.searchParams.get('date');
    if (!service || !date) return [];
    return state.inventory.availability(team, service, date, state.clock.now());
  }

  /** Turnstile stand-in: tokens are single use; interactive mode only takes a token from a real click. */
  function captchaAccepted(token: unknown): boolean {
    const mode = state.effectiveCaptcha();
    if (mode === 'off') return true;
    if (typeof token !== 'string' || state.usedCaptchaTokens.has(token)) return false;
    const prefix = mode === 'interactive' ? 'replica.interactive.' : 'replica.';
    if (!token.startsWith(prefix)) return false;
    state.usedCaptchaTokens.add(token);
    return true;
  }
}
