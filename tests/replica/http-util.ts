// Small response helpers shared by the site, API and control servers.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const EXPOSED_HEADERS = [
  'x-gouv-ck',
  'x-gouv-csrf',
  'x-gouv-limit',
  'x-gouv-app-id',
  'x-gouv-handshake',
];

/** The exact body production sends with its 418 (§3). */
export const TEAPOT_BODY = {
  name: 'ImATeapotError',
  type: 'IM_A_TEAPOT_ERROR_418',
  status: 418,
  message: '¯\\_(ツ)_/¯ 😅',
};

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  contentType: string,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...headers,
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** The SSR failure page (§3); one scraper keys on its title. */
export function errorPageHtml(detail = ''): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Une erreur est survenue</title></head>
<body><main class="fr-container"><h1>Une erreur est survenue</h1><p>${detail}</p></main></body></html>`;
}

/** Reads a request body; JSON when it parses, else the raw text (null when empty). */
export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function isLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

export function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}
