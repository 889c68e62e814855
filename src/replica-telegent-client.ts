import type { Logger } from './log.js';
import { createCache } from './store/cache.js';
import type { Store } from './store/open-store.js';
import { createTelegentClient, type TelegentClient } from './telegent/client.js';
import { createPgRateSlots } from './telegent/pg-rate-slots.js';

/**
 * How long one replica's claim to mint a scope's token keeps the others waiting. A mint is one request, but
 * it queues in the shared rate limit; past this, another replica mints (a second token, nothing worse).
 */
const MINT_CLAIM_HOLD_MS = 30_000;

export interface ReplicaTelegentOptions {
  baseUrl: string;
  accountKey: string;
  accountSecret: string;
  accountId?: string | undefined;
  rateLimitPerMinute: number;
  /** The Postgres server the replicas share; unset (embedded store) → rate limit and tokens in this process. */
  databaseUrl?: string | undefined;
  store: Store;
  logger: Logger;
  onCall?: (e: { endpoint: string; status: number | string }) => void;
}

/**
 * The Telegent client as each replica builds it: replicas on one Postgres share the Telegent rate limit
 * (a slot table) and the bearer tokens (kv_cache, encrypted with the store's key like every secret at rest),
 * so N replicas stay within one rate limit and mint one token per scope between them (one claims the mint,
 * the others wait for its token).
 */
export function createReplicaTelegentClient(options: ReplicaTelegentOptions): TelegentClient {
  const { databaseUrl, store, logger } = options;
  return createTelegentClient({
    baseUrl: options.baseUrl,
    accountKey: options.accountKey,
    accountSecret: options.accountSecret,
    accountId: options.accountId,
    rateLimitPerMinute: options.rateLimitPerMinute,
    rateSlots: databaseUrl
      ? createPgRateSlots({ rateLimits: store.rateLimits, perMinute: options.rateLimitPerMinute, logger })
      : undefined,
    tokenCache: createCache({
      shared: databaseUrl ? store.db : undefined,
      namespace: 'telegent-token',
      cipher: store.cipher,
      logger,
    }),
    mintClaims: databaseUrl
      ? {
          claim: (key) => store.jobSlots.claimFor(`token-mint:${key}`, MINT_CLAIM_HOLD_MS),
          release: (key) => store.jobSlots.release(`token-mint:${key}`),
        }
      : undefined,
    logger,
    onCall: options.onCall,
  });
}
