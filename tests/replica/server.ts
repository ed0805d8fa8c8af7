// Starts the replica: a site origin and an API origin on loopback, wired to one state and its control.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createApiHandler } from './api-routes';
import { createClock } from './clock';
import { createControl, loadScenario, type ReplicaControl } from './control';
import { createControlHandler } from './control-http';
import type { ServerContext } from './fault-responses';
import { builtinScenarios, type Scenario } from './scenarios';
import { bookingPath, createSiteHandler, type PageLang } from './site-pages';
import { ReplicaState, type CaptchaMode, type ReplicaSettings } from './state';

export type { ReplicaControl } from './control';
export type { FaultRule, FaultKind, FaultRoute } from './faults';
export type { CaptchaMode, LayoutVariant, NoSlotsVariant, ReplicaSettings } from './state';
export type { Scenario } from './scenarios';

export interface ReplicaOptions {
  /** Posts to serve; default: the built-ins (London, Montreal, Dublin), dated from the clock's start. */
  scenarios?: Scenario[] | ((nowMs: number) => Scenario[]);
  /** ISO instant (with zone designator) where the virtual clock starts; default: the real now. */
  now?: string;
  /** Default: 'frozen' when `now` is given (deterministic tests), 'running' otherwise. */
  clock?: 'frozen' | 'running';
  captcha?: CaptchaMode;
  /** Any other switch (layout, noSlotsMessage, sessionTtlMs, spinnerDelayMs, …). */
  settings?: Partial<ReplicaSettings>;
  /** Fixed ports for people (`npm run replica`); default 0 = random. */
  sitePort?: number;
  apiPort?: number;
}

export interface Replica {
  /** Stands in for https://consulat.gouv.fr */
  siteOrigin: string;
  /** Stands in for https://api.consulat.gouv.fr */
  apiOrigin: string;
  /** `<apiOrigin>/api` */
  apiBase: string;
  control: ReplicaControl;
  /** A booking page URL as a person would copy it; `lang` defaults to 'fr'. */
  bookingUrl(slug: string, options?: { lang?: PageLang; name?: string }): string;
  /** Stops both servers, destroying every open socket (hanging requests included). */
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startReplica(options: ReplicaOptions = {}): Promise<Replica> {
  const clock = createClock(
    options.now,
    (options.clock ?? (options.now ? 'frozen' : 'running')) === 'running',
  );
  const state = new ReplicaState(clock, {
    ...(options.captcha ? { captcha: options.captcha } : {}),
    ...options.settings,
  });
  const scenarios =
    typeof options.scenarios === 'function'
      ? options.scenarios(clock.now())
      : (options.scenarios ?? builtinScenarios(clock.now()));
  for (const scenario of scenarios) loadScenario(state, scenario);
  const control = createControl(state);

  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const ctx: ServerContext = {
    later(ms, run) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run();
      }, ms);
      timers.add(timer);
    },
  };
  const origins = { site: '', api: '' };

  const guard =
    (handler: (req: IncomingMessage, res: ServerResponse) => unknown) =>
    (req: IncomingMessage, res: ServerResponse): void => {
      Promise.resolve(handler(req, res)).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    };
  const api = createApiHandler(state, () => origins.site, ctx);
  const controlHttp = createControlHandler(control);
  const apiServer = createServer(
    guard((req, res) => ((req.url ?? '').startsWith('/__ctl') ? controlHttp(req, res) : api(req, res))),
  );
  const siteServer = createServer(guard(createSiteHandler(state, () => origins, ctx)));
  for (const server of [apiServer, siteServer]) {
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  }

  try {
    origins.site = `http://${HOST}:${await listen(siteServer, options.sitePort ?? 0)}`;
    origins.api = `http://${HOST}:${await listen(apiServer, options.apiPort ?? 0)}`;
  } catch (error) {
    siteServer.close();
    apiServer.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    siteOrigin: origins.site,
    apiOrigin: origins.api,
    apiBase: `${origins.api}/api`,
    control,
    bookingUrl: (slug, { lang = 'fr', name } = {}) => `${origins.site}${bookingPath(slug, lang, name)}`,
    close() {
      closing ??= (async () => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        const closed = [siteServer, apiServer].map(
          (server) => new Promise<void>((resolve) => server.close(() => resolve())),
        );
        for (const socket of sockets) socket.destroy();
        await Promise.all(closed);
      })();
      return closing;
    },
  };
}
