// The site origin (stands in for consulat.gouv.fr): SSR-like booking pages and the SPA script.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyFault, type ServerContext } from './fault-responses';
import type { FaultRoute } from './faults';
import { errorPageHtml, queryObject, sendText } from './http-util';
import { LOGGED_HEADERS } from './request-log';
import type { ReplicaState } from './state';
import type { PublicTeam } from './team';

/** Languages with an `/<lang>/<slug>/appointment` page; all but French get the English texts. */
export const OTHER_LANGS = ['en', 'ar', 'zh', 'ru', 'it', 'es', 'de', 'pt'] as const;
export type PageLang = 'fr' | 'nl' | (typeof OTHER_LANGS)[number];

/** Cloudflare's public always-pass test sitekey: clearly not production's. */
const FAKE_SITEKEY = '1x00000000000000000000AA';

let spaSource: { text: string; hash: string } | undefined;

/** The SPA script and its content hash (the real chunks have hashed names that change per deploy). */
export function spaScript(): { text: string; hash: string } {
  if (!spaSource) {
    const text = readFileSync(new URL('./spa.js', import.meta.url), 'utf8');
    spaSource = { text, hash: createHash('sha256').update(text).digest('hex').slice(0, 10) };
  }
  return spaSource;
}

/** Path of a booking page; `name` is the `?name=` service preselection. */
export function bookingPath(slug: string, lang: PageLang = 'fr', name?: string): string {
  const base =
    lang === 'fr'
      ? `/${slug}/rendez-vous`
      : lang === 'nl'
        ? `/nl/${slug}/winkelafspraak`
        : `/${lang}/${slug}/appointment`;
  return name === undefined ? base : `${base}?name=${encodeURIComponent(name)}`;
}

function parsePage(pathname: string): { slug: string; lang: PageLang } | undefined {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 2 && parts[1] === 'rendez-vous') return { slug: parts[0] as string, lang: 'fr' };
  if (parts.length === 3 && parts[0] === 'nl' && parts[2] === 'winkelafspraak')
    return { slug: parts[1] as string, lang: 'nl' };
  if (
    parts.length === 3 &&
    parts[2] === 'appointment' &&
    (OTHER_LANGS as readonly string[]).includes(parts[0] ?? '')
  )
    return { slug: parts[1] as string, lang: parts[0] as PageLang };
  return undefined;
}

/** JSON safe inside an inline <script>. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char,
  );
}

const STYLE = `
body{font-family:Marianne,Arial,sans-serif;margin:0;color:#161616}
.fr-container{max-width:56rem;margin:0 auto;padding:1.5rem}
.fr-btn{display:inline-block;padding:.5rem 1rem;margin:.25rem;border:0;cursor:pointer;font:inherit}
.fr-btn--primary{background:#000091;color:#fff}.fr-btn--secondary{background:#fff;color:#000091;box-shadow:inset 0 0 0 1px #000091}
.fr-btn:disabled{background:#e5e5e5;color:#929292;cursor:not-allowed}
.fr-btn[aria-pressed=true]{outline:3px solid #6a6af4}
.loader{width:2.5rem;height:2.5rem;border:4px solid #ddd;border-top-color:#000091;border-radius:50%;animation:spin 1s linear infinite;margin:2rem auto}
@keyframes spin{to{transform:rotate(360deg)}}
.calendar-grid{display:grid;grid-template-columns:repeat(7,3rem);gap:.25rem}
.calendar-grid .fr-btn{margin:0;padding:.5rem 0}
.d-slot-container,.slot-day-panel{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}
.btn-custom-slot-hour-only,.slot-time-chip{border:1px solid #000091;padding:.5rem;cursor:pointer}
.replica-turnstile{display:inline-flex;gap:.5rem;align-items:center;border:1px solid #ccc;padding:.75rem;cursor:pointer;user-select:none}
.replica-turnstile .box{width:1.25rem;height:1.25rem;border:2px solid #666}
.replica-turnstile[aria-checked=true] .box{background:#18753c}
.fr-modal{position:fixed;inset:0;background:rgba(0,0,0,.5);display:flex;align-items:center;justify-content:center}
.fr-modal__body{background:#fff;padding:2rem;max-width:30rem}
.fr-alert--error{border-left:4px solid #ce0500;padding:.5rem 1rem}
`;

export function renderBookingPage(
  state: ReplicaState,
  team: PublicTeam,
  lang: PageLang,
  origins: { site: string; api: string },
): string {
  const apiBase = `${origins.api}/api`;
  const nuxt = {
    layout: 'gouv',
    config: {
      APP_NAME: 'Troov Ton Creneau',
      LAYOUT: 'gouv',
      environment: 'replica',
      API_HOST: apiBase,
      browserBaseURL: apiBase,
      API_ROOT: origins.api,
      HOST_NUXT: origins.site,
      DEFAULT_SLUG: 'consulat',
      turnstile: { sitekey: FAKE_SITEKEY },
      handshakeHeader: 'x-gouv-handshake',
    },
    data: [{ publicTeam: team, reservationStep: 0, isPending: false }],
  };
  // Replica-only knobs the page needs; production has no such object.
  const replica = {
    lang: lang === 'fr' ? 'fr' : 'en',
    captcha: state.effectiveCaptcha(),
    layout: state.settings.layout,
    noSlotsMessage: state.settings.noSlotsMessage,
    spinnerDelayMs: state.settings.spinnerDelayMs,
    sessionMinutes: Math.round(state.settings.sessionTtlMs / 60_000),
  };
  const alternates = [
    `<link rel="alternate" hreflang="fr" href="${origins.site}${bookingPath(team.slug, 'fr')}">`,
    ...[...OTHER_LANGS, 'nl' as const].map(
      (other) =>
        `<link rel="alternate" hreflang="${other}" href="${origins.site}${bookingPath(team.slug, other)}">`,
    ),
  ].join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="application-name" content="Troov Ton Créneau">
<meta name="copyright" content="TROOV S.A.S.">
<title>Accueil - ${escapeHtml(team.name)} - Rendez-vous</title>
${alternates}
<style>${STYLE}</style>
</head>
<body>
<div id="__nuxt"><div id="__layout"><main class="fr-container" id="app" data-fetch-key="0"></main></div></div>
<script>window.__NUXT__=${inlineJson(nuxt)};window.__REPLICA__=${inlineJson(replica)};</script>
<script src="/app/${spaScript().hash}.js" defer></script>
</body>
</html>`;
}

function indexPage(state: ReplicaState): string {
  const rows = state.inventory
    .allTeams()
    .map(
      (team) =>
        `<li>${escapeHtml(team.name)}: <a href="${bookingPath(team.slug)}">FR</a> · <a href="${bookingPath(team.slug, 'en')}">EN</a></li>`,
    )
    .join('\n');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Replica consulat.gouv.fr</title></head>
<body><main class="fr-container"><h1>Replica consulat.gouv.fr</h1><ul>${rows}</ul></main></body></html>`;
}

export function createSiteHandler(
  state: ReplicaState,
  origins: () => { site: string; api: string },
  ctx: ServerContext,
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://replica.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const page = parsePage(url.pathname);
    const isScript = url.pathname.startsWith('/app/');
    const route: FaultRoute | 'unknown' = page ? 'page' : isScript ? 'app-js' : 'unknown';
    const headers: Record<string, string> = {};
    for (const name of LOGGED_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const entry = state.log.add({
      origin: 'site',
      method,
      path: url.pathname,
      query: queryObject(url),
      headers,
      route,
      virtualTime: state.clock.nowIso(),
      realTime: new Date().toISOString(),
    });
    res.on('finish', () => {
      entry.status = res.statusCode;
    });

    const serve = (): void => {
      const noStore = { 'cache-control': 'no-store' };
      if (isScript) {
        const spa = spaScript();
        if (url.pathname !== `/app/${spa.hash}.js`) return void sendText(res, 404, 'text/plain', 'Not Found');
        return void sendText(res, 200, 'application/javascript; charset=utf-8', spa.text, noStore);
      }
      if (url.pathname === '/')
        return void sendText(res, 200, 'text/html; charset=utf-8', indexPage(state), noStore);
      const team = page ? state.inventory.teamBySlug(page.slug) : undefined;
      if (!page || !team)
        return void sendText(
          res,
          404,
          'text/html; charset=utf-8',
          errorPageHtml('Page introuvable'),
          noStore,
        );
      sendText(
        res,
        200,
        'text/html; charset=utf-8',
        renderBookingPage(state, team, page.lang, origins()),
        noStore,
      );
    };

    if (route !== 'unknown') {
      const fault = state.faults.take(route, false);
      if (fault) {
        entry.fault = fault.kind;
        applyFault(fault, res, {}, ctx, serve);
        return;
      }
    }
    serve();
  };
}
