/** Observes the booking page's own API traffic: what it asked, with which headers, and what the site answered. */
import type { Page, Request, Response } from 'playwright-core';
import { judgeApiAnswer, type ApiAnswer, type ApiVerdict } from './classify';

/** The API calls the adapter understands; anything else under `/api/` is `other` (and logged as drift). */
export type ApiCallKind =
  | 'handshake'
  | 'session'
  | 'update-step-value'
  | 'update-dynamic-steps'
  | 'get-interval'
  | 'exclude-days'
  | 'availability'
  | 'team'
  | 'booking'
  | 'other';

export interface ObservedCall {
  /** Order of the request in this page's life (1, 2, …). */
  seq: number;
  kind: ApiCallKind;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  postData?: string;
  /** Set once the response arrived and its body was read. */
  answer?: ApiAnswer;
  verdict?: ApiVerdict;
  /** Set when the request never got an answer (network error, aborted). */
  failure?: string;
}

// Path shapes of the API under `/api` (§2.2); matched on the path so the replica's loopback origin works too.
const CALL_PATTERNS: [ApiCallKind, RegExp][] = [
  ['handshake', /\/api\/handshake$/],
  ['booking', /\/api\/team\/[^/]+\/reservations\/(family|remaing)/],
  ['get-interval', /\/api\/team\/[^/]+\/reservations\/get-interval$/],
  ['exclude-days', /\/api\/team\/[^/]+\/reservations\/exclude-days$/],
  ['availability', /\/api\/team\/[^/]+\/reservations\/availability$/],
  ['update-step-value', /\/api\/team\/[^/]+\/reservations-session\/[^/]+\/update-step-value$/],
  ['update-dynamic-steps', /\/api\/team\/[^/]+\/reservations-session\/[^/]+\/update-dynamic-steps$/],
  ['session', /\/api\/team\/[^/]+\/reservations-session$/],
  ['team', /\/api\/team(s)?(\/|$)/],
];

/** The page's API calls are the ones under `/api/` on another origin than the page (the real split, §7a). */
export function apiCallKind(url: string, siteOrigin: string): ApiCallKind | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.origin === siteOrigin || !parsed.pathname.includes('/api/')) return undefined;
  return CALL_PATTERNS.find(([, pattern]) => pattern.test(parsed.pathname))?.[0] ?? 'other';
}

// Headers the page sets itself and the site checks; replayed as-is on our in-page reads (§7b.4).
function isReplayableHeader(name: string): boolean {
  return name.startsWith('x-') || name === 'content-type' || name === 'accept';
}

/** Records every API call of one page; one recorder lives as long as its page. */
export class TrafficRecorder {
  readonly calls: ObservedCall[] = [];
  private readonly byRequest = new Map<Request, ObservedCall>();
  private readonly pending = new Set<Promise<void>>();
  private readonly detach: () => void;

  constructor(
    private readonly page: Page,
    private readonly siteOrigin: string,
    private readonly now: () => Date,
  ) {
    const onRequest = (request: Request) => this.onRequest(request);
    const onResponse = (response: Response) => this.track(this.onResponse(response));
    const onFailed = (request: Request) => {
      const call = this.byRequest.get(request);
      if (call) call.failure = request.failure()?.errorText ?? 'request failed';
    };
    page.on('request', onRequest);
    page.on('response', onResponse);
    page.on('requestfailed', onFailed);
    this.detach = () => {
      page.off('request', onRequest);
      page.off('response', onResponse);
      page.off('requestfailed', onFailed);
    };
  }

  /** Sequence number of the last call so far; pass it to `since` to look only at later calls. */
  get mark(): number {
    return this.calls.length;
  }

  since(mark: number): ObservedCall[] {
    return this.calls.slice(mark);
  }

  /** API requests made since `mark` (CORS preflights are not made by the page's code and are not counted). */
  countSince(mark: number): number {
    return this.calls.length - mark;
  }

  lastOf(kind: ApiCallKind, fromMark = 0): ObservedCall | undefined {
    for (let index = this.calls.length - 1; index >= fromMark; index -= 1) {
      const call = this.calls[index]!;
      if (call.kind === kind) return call;
    }
    return undefined;
  }

  /** Headers the page itself sent on its latest call of this kind (else on its latest API call). */
  replayHeaders(kind: ApiCallKind): Record<string, string> {
    const source = this.lastOf(kind) ?? this.calls.findLast((call) => call.kind !== 'handshake');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(source?.requestHeaders ?? {})) {
      if (isReplayableHeader(name)) headers[name] = value;
    }
    return headers;
  }

  /** Identifiers the page's own traffic revealed. */
  identifiers(): { sessionId?: string; teamId?: string; serviceId?: string; serviceName?: string } {
    const found: { sessionId?: string; teamId?: string; serviceId?: string; serviceName?: string } = {};
    for (const call of this.calls) {
      const url = new URL(call.url);
      const team = /\/team\/([^/]+)\/reservations/.exec(url.pathname);
      if (team) found.teamId = team[1]!;
      if (call.kind === 'session' && call.verdict?.kind === 'ok') {
        const body = call.verdict.body as { _id?: unknown } | null;
        if (typeof body?._id === 'string') found.sessionId = body._id;
      }
      if (call.kind === 'get-interval')
        found.serviceId = url.searchParams.get('serviceId') ?? found.serviceId;
      if (call.kind === 'availability') {
        found.serviceName = url.searchParams.get('name') ?? found.serviceName;
        found.sessionId = url.searchParams.get('sessionId') ?? found.sessionId;
      }
    }
    return found;
  }

  /** Waits until every response seen so far has had its body read. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  stop(): void {
    this.detach();
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private onRequest(request: Request): void {
    const kind = apiCallKind(request.url(), this.siteOrigin);
    if (kind === undefined || request.method() === 'OPTIONS') return;
    const call: ObservedCall = {
      seq: this.calls.length + 1,
      kind,
      method: request.method(),
      url: request.url(),
      requestHeaders: request.headers(),
    };
    const postData = request.postData();
    if (postData !== null) call.postData = postData;
    this.calls.push(call);
    this.byRequest.set(request, call);
  }

  private async onResponse(response: Response): Promise<void> {
    const call = this.byRequest.get(response.request());
    if (!call) return;
    let headers: Record<string, string>;
    try {
      headers = await response.allHeaders();
    } catch {
      headers = response.headers();
    }
    const answer: ApiAnswer = { status: response.status(), headers };
    if (call.method !== 'HEAD') {
      try {
        answer.bodyText = await response.text();
      } catch {
        // The body is gone (page navigated or closed): the verdict says so.
      }
    } else {
      answer.bodyText = '';
    }
    call.answer = answer;
    call.verdict =
      call.method === 'HEAD' && answer.status >= 200 && answer.status < 300
        ? { kind: 'ok', body: null }
        : judgeApiAnswer(answer, this.now());
  }
}
