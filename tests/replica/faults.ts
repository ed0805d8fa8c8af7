// Fault switches: which route misbehaves, how, and for how many requests.

/** Route names used by faults and the request log. `api` = every API route; `*` = pages too. */
export type FaultRoute =
  | 'handshake'
  | 'team'
  | 'session'
  | 'update-step-value'
  | 'update-dynamic-steps'
  | 'get-interval'
  | 'exclude-days'
  | 'availability'
  | 'booking'
  | 'page'
  | 'app-js'
  | 'api'
  | '*';

export type FaultKind =
  '429' | '418' | '5xx' | 'slow' | 'malformed-json' | 'empty-body' | 'html-error' | 'hang' | 'reset';

export interface FaultRule {
  /** Defaults to `api` (every API route, never CORS preflights). */
  route?: FaultRoute;
  kind: FaultKind;
  /** 429: adds `Retry-After`. */
  retryAfterSeconds?: number;
  /** slow: delay before the normal answer (default 5000 ms). */
  delayMs?: number;
  /** How many requests it hits, then it is gone. Omitted = persistent until removed. */
  times?: number;
  /** 5xx / html-error: the status to send (default 503 / 502). */
  status?: number;
}

export interface ActiveFault extends FaultRule {
  id: number;
  /** Requests hit so far. */
  hits: number;
}

export class Faults {
  private rules: ActiveFault[] = [];
  private nextId = 1;

  add(rule: FaultRule): number {
    const id = this.nextId++;
    this.rules.push({ ...rule, route: rule.route ?? 'api', id, hits: 0 });
    return id;
  }

  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFault[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** The first rule for this request, counted as used (one-shot rules expire here). */
  take(route: FaultRoute, isApi: boolean): ActiveFault | undefined {
    const rule = this.rules.find(
      (candidate) =>
        candidate.route === route || candidate.route === '*' || (candidate.route === 'api' && isApi),
    );
    if (!rule) return undefined;
    rule.hits += 1;
    if (rule.times !== undefined && rule.hits >= rule.times) this.remove(rule.id);
    return { ...rule };
  }
}
