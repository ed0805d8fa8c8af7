// Turns a fault rule into what goes on the wire; shared by the site and API servers.
import type { ServerResponse } from 'node:http';
import type { ActiveFault } from './faults';
import { TEAPOT_BODY, errorPageHtml, sendJson, sendText } from './http-util';

export interface ServerContext {
  /** A timer that close() cancels, so no test waits on a slow fault. */
  later(ms: number, run: () => void): void;
}

/** Answers (or deliberately never answers) per the fault; `slow` serves normally via `proceed` later. */
export function applyFault(
  fault: ActiveFault,
  res: ServerResponse,
  headers: Record<string, string>,
  ctx: ServerContext,
  proceed: () => void,
): void {
  switch (fault.kind) {
    case '429':
      sendJson(
        res,
        429,
        { statusCode: 429, message: 'Too Many Requests' },
        {
          ...headers,
          'x-gouv-limit': '0',
          ...(fault.retryAfterSeconds !== undefined
            ? { 'retry-after': String(fault.retryAfterSeconds) }
            : {}),
        },
      );
      return;
    case '418':
      sendJson(res, 418, TEAPOT_BODY, headers);
      return;
    case '5xx': {
      const status = fault.status ?? 503;
      sendText(
        res,
        status,
        'text/plain; charset=utf-8',
        status === 502 ? 'Bad Gateway' : 'Service Unavailable',
        headers,
      );
      return;
    }
    case 'slow':
      ctx.later(fault.delayMs ?? 5000, proceed);
      return;
    case 'malformed-json':
      sendText(res, 200, 'application/json; charset=utf-8', '{"start":"2026-', headers);
      return;
    case 'empty-body':
      sendText(res, 200, 'application/json; charset=utf-8', '', headers);
      return;
    case 'html-error':
      sendText(res, fault.status ?? 502, 'text/html; charset=utf-8', errorPageHtml(), headers);
      return;
    case 'hang':
      // Never answered; close() destroys the socket.
      return;
    case 'reset':
      res.socket?.destroy();
      return;
  }
}
