/**
 * Whether an error means "the database is not answering" (a restart, a failover, an idle-connection reaper,
 * the network, a full server) rather than something wrong with a statement. Such a failure passes: the pool
 * reconnects on the next query, so the person is asked to try again in a minute and the jobs wait and retry.
 */

/** SQLSTATEs of a connection the server ended or would not open. */
const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a fast shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '53300', // too_many_connections
]);

/** Socket errors on the way to the server. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/, // pg: the socket closed under a query, or a connect timed out
  /^timeout exceeded when trying to connect/, // pg-pool: connectionTimeoutMillis while the server is away
  /not queryable/, // pg: a client whose connection already failed
  /^PGlite is closed$/, // the embedded database was closed (shutdown) under a request
];

interface Shaped {
  code?: unknown;
  severity?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function unavailable(error: Shaped): boolean {
  const code = typeof error.code === 'string' ? error.code : '';
  if (UNAVAILABLE_CODES.has(code) || NETWORK_CODES.has(code)) return true;
  if (code.startsWith('08')) return true; // connection_exception class
  // "database … is not currently accepting connections" (ALLOW_CONNECTIONS false): FATAL, so at connect time.
  if (code === '55000' && error.severity === 'FATAL') return true;
  const message = typeof error.message === 'string' ? error.message : '';
  return !code && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

export function isStoreUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const shaped = error as Shaped;
  if (unavailable(shaped)) return true;
  // Node's happy-eyeballs connect fails with an AggregateError of one error per address.
  if (Array.isArray(shaped.errors) && shaped.errors.some((e) => isStoreUnavailable(e, depth + 1)))
    return true;
  return isStoreUnavailable(shaped.cause, depth + 1);
}
