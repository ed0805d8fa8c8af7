// The same control over HTTP at `<apiOrigin>/__ctl/*` (loopback only), for people and other processes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReplicaControl } from './control';
import type { FaultRule } from './faults';
import type { TeamDrop, TeamSlot } from './inventory';
import { isLoopback, readBody, sendJson } from './http-util';
import type { Scenario } from './scenarios';
import type { LoggedRequest } from './request-log';

type Json = Record<string, unknown>;

export function createControlHandler(control: ReplicaControl) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // A browser page must not drive the replica: refuse non-loopback peers and any cross-site request.
    if (!isLoopback(req) || req.headers.origin !== undefined)
      return void sendJson(res, 403, { message: 'control is for loopback tools only' });
    const url = new URL(req.url ?? '/', 'http://replica.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/__ctl/, '').replace(/\/$/, '');
    const body = (method === 'GET' ? null : await readBody(req)) as unknown;
    const input = (body && typeof body === 'object' ? body : {}) as Json;
    const q = (name: string): string | undefined => url.searchParams.get(name) ?? undefined;
    try {
      const out = dispatch(control, method, path, body, input, q);
      if (out === undefined)
        return void sendJson(res, 404, { message: `no control route ${method} ${path}` });
      sendJson(res, 200, out);
    } catch (error) {
      sendJson(res, 400, { message: error instanceof Error ? error.message : String(error) });
    }
  };
}

function dispatch(
  control: ReplicaControl,
  method: string,
  path: string,
  body: unknown,
  input: Json,
  q: (name: string) => string | undefined,
): unknown {
  const key = `${method} ${path}`;
  switch (key) {
    case 'GET /state':
      return {
        now: control.clock.nowIso(),
        clockRunning: control.clock.isRunning(),
        settings: control.settings(),
        sessionsCreated: control.sessionsCreated(),
        faults: control.faults(),
        teams: control.teams().map((team) => ({
          _id: team._id,
          slug: team.slug,
          name: team.name,
          timezone: team.timezone,
          services: team.reservations_shop_availabilty.map((service) => ({
            _id: service._id,
            name: service.name,
          })),
        })),
      };
    case 'GET /clock':
      return { now: control.clock.nowIso(), running: control.clock.isRunning() };
    case 'POST /clock':
      if (typeof input.set === 'string') control.clock.set(input.set);
      if (typeof input.advanceMs === 'number') control.clock.advance(input.advanceMs);
      if (typeof input.running === 'boolean') control.clock.setRunning(input.running);
      return { now: control.clock.nowIso(), running: control.clock.isRunning() };
    case 'GET /slots':
      return control.slots(q('slug'), q('service'));
    case 'POST /slots':
      for (const slot of Array.isArray(body) ? body : [body]) control.addSlot(slot as TeamSlot);
      return { ok: true };
    case 'PUT /slots/day':
      control.setDay(
        String(input.slug),
        String(input.service),
        String(input.date),
        (input.slots ?? []) as { time: string; capacity: number }[],
      );
      return { ok: true };
    case 'DELETE /slots':
      if (input.date === undefined) {
        control.clearSlots(input.slug as string | undefined, input.service as string | undefined);
        return { ok: true };
      }
      return {
        removed: control.removeSlot(input as { slug: string; service: string; date: string; time?: string }),
      };
    case 'GET /drops':
      return control.drops();
    case 'POST /drops':
      control.scheduleDrop(input as unknown as TeamDrop);
      return { ok: true };
    case 'GET /requests': {
      const origin = q('origin') as 'site' | 'api' | undefined;
      const route = q('route') as LoggedRequest['route'] | undefined;
      return control.requests({ ...(origin ? { origin } : {}), ...(route ? { route } : {}) });
    }
    case 'DELETE /requests':
      control.resetRequests();
      return { ok: true };
    case 'GET /booking-attempts':
      return control.bookingAttempts();
    case 'GET /faults':
      return control.faults();
    case 'POST /faults':
      return { id: control.addFault(input as unknown as FaultRule) };
    case 'DELETE /faults':
      control.clearFaults();
      return { ok: true };
    case 'GET /settings':
      return control.settings();
    case 'POST /settings':
      return control.configure(input);
    case 'POST /scenarios':
      control.addScenario(input as unknown as Scenario);
      return { ok: true };
    case 'POST /sessions/expire':
      control.expireSessions();
      return { ok: true };
    default: {
      const faultMatch = /^DELETE \/faults\/(\d+)$/.exec(key);
      if (faultMatch) return { removed: control.removeFault(Number(faultMatch[1])) };
      return undefined;
    }
  }
}
