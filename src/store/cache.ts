import Keyv, { type Deserialize, type Serialize } from 'keyv';
import type { Logger } from '../log.js';
import type { Db } from './db.js';
import { DbKvStore } from './db-kv-store.js';
import type { SecretsCipher } from './secrets-cipher.js';
import { isStoreUnavailable } from './store-unavailable.js';

export const CACHE_TABLE = 'kv_cache';

export interface CacheOptions {
  /** The Postgres server's Db → a cache every replica shares (table kv_cache); unset → in memory. */
  shared?: Db | undefined;
  namespace: string;
  ttlMs?: number;
  logger?: Logger;
  /**
   * Encrypts each value at rest (AES-256-GCM, the store's key): for caches that hold secrets, such as the
   * shared Telegent tokens. `expires` stays readable, so expired rows can still be swept.
   */
  cipher?: SecretsCipher;
}

/** A TTL cache that throws on store errors instead of silently missing (keyv's default swallows them). */
export function createCache<T>(options: CacheOptions): Keyv<T> {
  const store = options.shared ? new DbKvStore(options.shared, CACHE_TABLE) : undefined;
  const cache = new Keyv<T>({
    ...(store ? { store } : {}),
    ...(options.cipher ? encryptedValues(options.cipher, options) : {}),
    namespace: options.namespace,
    ttl: options.ttlMs,
    throwOnErrors: true,
  });
  // A failed write is also an 'error' event (the failure itself reaches the caller); unheard, it would throw.
  // While the database is away the outage is told once elsewhere, not once per cache write.
  cache.on('error', (error: unknown) => {
    if (!isStoreUnavailable(error)) {
      options.logger?.warn(
        { err: { message: (error as Error)?.message }, cache: options.namespace },
        'cache error',
      );
    }
  });
  return cache;
}

/** keyv (de)serialisers that keep `value` encrypted and `expires` in the clear, where the sweeper reads it. */
function encryptedValues(
  cipher: SecretsCipher,
  options: CacheOptions,
): { serialize: Serialize; deserialize: Deserialize } {
  return {
    serialize: (data) => JSON.stringify({ value: cipher.encrypt(data.value), expires: data.expires ?? null }),
    deserialize: <Value>(text: string) => {
      try {
        const stored = JSON.parse(text) as { value: string; expires: number | null };
        return { value: cipher.decrypt<Value>(stored.value), expires: stored.expires ?? undefined };
      } catch (error) {
        // Written under another key (rotated) or not encrypted: a miss, so the value is made again.
        options.logger?.warn(
          { err: { message: (error as Error).message }, cache: options.namespace },
          'cache value unreadable',
        );
        return undefined;
      }
    },
  };
}

/**
 * keyv's TTL is lazy (an expired row is deleted only when read): delete the expired rows of kv_cache.
 * Returns how many were deleted (none while every cache is in memory: the table stays empty).
 */
export async function sweepExpiredCacheRows(db: Db, now: Date = new Date()): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM ${CACHE_TABLE}
     WHERE (substring(value FROM '"expires":([0-9]+)\\}$'))::bigint < $1`,
    [now.getTime()],
  );
  return rowCount;
}
