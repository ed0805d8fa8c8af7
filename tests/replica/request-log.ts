// What reached the replica: one entry per request, so tests can check order, headers and politeness.
import type { FaultKind, FaultRoute } from './faults';

/** Headers worth asserting on; the rest (accept-encoding, sec-ch-*) is noise. */
export const LOGGED_HEADERS = [
  'origin',
  'referer',
  'user-agent',
  'content-type',
  'x-gouv-app-id',
  'x-gouv-web',
  'x-csrf-token',
  'x-gouv-ck',
  'access-control-request-method',
  'access-control-request-headers',
] as const;

export interface LoggedRequest {
  seq: number;
  origin: 'site' | 'api';
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  route: FaultRoute | 'preflight' | 'unknown';
  /** Virtual clock at arrival. */
  virtualTime: string;
  /** Real wall clock at arrival. */
  realTime: string;
  /** null while pending, or forever when the request hung or was reset. */
  status: number | null;
  fault?: FaultKind;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  add(entry: Omit<LoggedRequest, 'seq' | 'status'>): LoggedRequest {
    const logged: LoggedRequest = { ...entry, seq: ++this.seq, status: null };
    this.entries.push(logged);
    return logged;
  }

  list(): LoggedRequest[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  reset(): void {
    this.entries = [];
  }
}
