/** How hard to try: bounded attempts, exponential backoff with jitter, a ceiling on any one wait. */
export interface RetryOptions {
  /** Total attempts including the first (default 4). */
  maxAttempts?: number;
  /** First backoff (default 250 ms); doubles each retry. */
  baseDelayMs?: number;
  /** No single wait longer than this; a Retry-After beyond it ends the retries (default 20 s). */
  maxDelayMs?: number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export const DEFAULT_RETRY: ResolvedRetryOptions = { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 20_000 };

/** `read`: safe to repeat. `mutation`: repeat only when Telegent says it did not process it. */
export type CallMode = 'read' | 'mutation';

const READ_RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
// 429 and 503 mean "not processed"; every other failure of a mutation leaves its outcome unknown.
const MUTATION_RETRY_STATUSES = new Set([429, 503]);

export function isRetryableStatus(status: number, mode: CallMode): boolean {
  return (mode === 'read' ? READ_RETRY_STATUSES : MUTATION_RETRY_STATUSES).has(status);
}

/** Statuses after which a mutation may have been carried out without us knowing. */
export function isAmbiguousMutationStatus(status: number): boolean {
  return status === 408 || status >= 500;
}

/** "Equal jitter": half the exponential delay fixed, half random, capped at `maxDelayMs`. */
export function backoffDelayMs(
  retryNumber: number,
  options: ResolvedRetryOptions,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/** `Retry-After` as delta-seconds or an HTTP date, in ms from `now`; undefined when absent or bad. */
export function parseRetryAfterMs(
  value: string | string[] | undefined,
  now: number = Date.now(),
): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  const trimmed = raw.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Resolves after `ms`, or rejects with `signal.reason` when aborted first. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
