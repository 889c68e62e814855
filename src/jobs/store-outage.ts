import type { Logger } from '../log.js';
import { isStoreUnavailable } from '../store/store-unavailable.js';
import { isTelegentError } from '../telegent/errors.js';

/**
 * The background jobs' view of the database while it is away (a restart, a failover): the first failure
 * pauses them and is told once; from then on a job tries again only after a backoff that doubles up to
 * `maxMs` (every other slot is skipped without a query), and the first run that reaches the database again
 * resumes them all and is told once. Failures that are not an outage pass through untouched. A job's success
 * counts as the database answering: every job starts with a query (a coordinated one with its slot's claim).
 */
export interface StoreOutage {
  /** false while the backoff runs: skip this slot, do not query. */
  mayTry(): boolean;
  /** A run failed. true when the database is away (then handled: told once, backoff extended). */
  failed(error: unknown): boolean;
  /** A run reached the database. */
  succeeded(): void;
  /** How long a loop (the poller) waits before its next try. */
  waitMs(): number;
  /** The database is away, as the jobs saw it last. */
  readonly away: boolean;
}

export interface StoreOutageOptions {
  logger: Logger;
  /** First wait after a failure; default 1 s. */
  minMs?: number;
  /** Longest wait; default 15 s (a database back is noticed within that). */
  maxMs?: number;
  now?: () => number;
}

export function createStoreOutage(options: StoreOutageOptions): StoreOutage {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const minMs = options.minMs ?? 1_000;
  const maxMs = options.maxMs ?? 15_000;
  let since: number | undefined;
  let failures = 0;
  let retryAt = 0;

  const waitMs = () => Math.min(maxMs, minMs * 2 ** Math.max(0, failures - 1));

  return {
    get away() {
      return since !== undefined;
    },
    mayTry: () => since === undefined || now() >= retryAt,
    waitMs,
    failed(error) {
      // A Telegent call that lost its connection (ECONNRESET as its cause) is not the database.
      if (isTelegentError(error) || !isStoreUnavailable(error)) return false;
      failures += 1;
      if (since === undefined) {
        since = now();
        logger.warn(
          { err: { code: (error as { code?: string }).code, message: (error as Error).message } },
          'database not answering: background jobs paused, retrying with backoff',
        );
      }
      retryAt = now() + waitMs();
      return true;
    },
    succeeded() {
      if (since === undefined) return;
      logger.info(
        { pausedSeconds: Math.round((now() - since) / 1000) },
        'database answering again: background jobs resumed',
      );
      since = undefined;
      failures = 0;
      retryAt = 0;
    },
  };
}
