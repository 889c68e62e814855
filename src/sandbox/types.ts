import type { Logger } from '../log.js';

export interface SandboxOptions {
  /** 0 = a random free port. */
  port: number;
  host: string;
  accountKey: string;
  accountSecret: string;
  /** Per account, sliding 60 s window, every API request counts (token requests included). */
  rateLimitPerMinute: number;
  tokenTtlSeconds: number;
  /** 1 = real time, 0 = frozen (only manual advances move the clock), 60 = one minute per second. */
  speed: number;
  /** Sandbox time at start; defaults to the real time. */
  startTime?: Date;
  /** Seed for the deterministic generator behind IDs and `share`-based faults. */
  seed?: number;
  logger?: Logger;
}

export type FaultKind =
  | 'latency'
  | '429'
  | '500'
  | '502'
  | '503'
  | '504'
  | 'timeout'
  | 'truncated'
  | 'text'
  | 'reset';

export interface FaultSpec {
  /** API path such as '/v1.0/numbers/provision' (case-insensitive); omitted = every API path, tokens included. */
  endpoint?: string;
  kind: FaultKind;
  /** Only requests with this method; omitted = any. For paths that answer both (Guardian's list and create). */
  method?: 'GET' | 'POST';
  /** Probability 0..1 that a matching request is hit; omitted = always. */
  share?: number;
  /** Only the next n matching (and hit) requests; omitted = until cleared. */
  count?: number;
  /** 'latency': delay before normal processing; 'timeout': drop the connection after this delay (default: hang until close). */
  latencyMs?: number;
  /** Retry-After header for '429' (default 1) and '503' (default none). */
  retryAfterSeconds?: number;
  /** Process the request first (create the order…), then answer with the fault: an ambiguous failure. */
  applyMutation?: boolean;
  /** Status for 'text' (default 502). */
  status?: number;
}

export interface JournalEntry {
  /** Position in the journal since start (survives clearing), for `?since=`. */
  index: number;
  /** Sandbox time, ISO-8601. */
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** 0 when no answer was sent (timeout, reset). */
  status: number;
  /** Request body with secrets replaced by '***'; null for bodiless requests. */
  body: unknown;
  /** ApiEndpoint of a token request. */
  scope?: string;
  /** Fault kind applied to this request, if any. */
  fault?: FaultKind;
}

export interface SandboxClock {
  now(): Date;
  advance(seconds: number): void;
}
