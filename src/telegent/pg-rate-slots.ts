import { type Logger, silentLogger } from '../log.js';
import { InMemoryRateSlots, type RateSlotSource, slotSpacingMs } from './rate-limiter.js';

/** A GCRA bucket shared through the database: what the store's rate-limit repository offers. */
export interface SharedRateBucket {
  /** Pushes the bucket's theoretical arrival time one spacing further; the slot and how long to wait for it. */
  reserve(name: string, spacingMs: number): Promise<{ slotEpochMs: number; waitMs: number }>;
  /** Nobody sends before `delayMs` from now (Telegent answered 429 with Retry-After). */
  holdFor(name: string, delayMs: number): Promise<void>;
}

export interface PgRateSlotsOptions {
  /** The store's rate-limit repository (`store.rateLimits`): every replica on one database shares it. */
  rateLimits: SharedRateBucket;
  /** TELEGENT_RATE_LIMIT_PER_MINUTE: the limit for all replicas together. */
  perMinute: number;
  /** Bucket name; one per Telegent account. Default `telegent`. */
  bucket?: string;
  logger?: Logger;
  /** Local clock (tests). */
  now?: () => number;
}

/**
 * Send slots from one GCRA bucket row in Postgres (`rate_limit_buckets`), shared by every replica:
 * each reservation is one `INSERT … ON CONFLICT DO UPDATE … RETURNING` that pushes the bucket's
 * theoretical arrival time one spacing further, so all replicas together send at most `perMinute`.
 * The RateLimiter in front keeps one reservation outstanding per process and hands each slot to the
 * highest-priority waiter when it arrives, so replicas hold at most one slot each in the shared queue.
 *
 * The slot time comes from the database's clock. This process sends at the later of that time and
 * "its local send time + the wait the database computed": with synchronised clocks (NTP) the two agree up
 * to the query's latency and the first wins, keeping the spacing exact; a replica whose clock runs ahead
 * is held back by the second instead of sending early. If the database cannot be reached, slots come from a
 * local in-memory bucket at the full rate until it answers again (logged): Telegent's own 429 +
 * Retry-After then protects the account while the app keeps serving.
 */
export interface PgRateSlots extends RateSlotSource {
  holdUntil(epochMs: number): Promise<void>;
  setRatePerMinute(perMinute: number): void;
}

export function createPgRateSlots(options: PgRateSlotsOptions): PgRateSlots {
  const bucket = options.bucket ?? 'telegent';
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  let spacing = slotSpacingMs(options.perMinute);
  const fallback = new InMemoryRateSlots(options.perMinute, now);
  let degraded = false;

  return {
    async reserve(): Promise<number> {
      try {
        const sentAt = now();
        const { slotEpochMs, waitMs } = await options.rateLimits.reserve(bucket, spacing);
        if (degraded) {
          degraded = false;
          logger.info({ bucket }, 'shared Telegent rate limit reachable again');
        }
        return Math.max(slotEpochMs, sentAt + waitMs);
      } catch (error) {
        if (!degraded) {
          degraded = true;
          logger.warn(
            { bucket, err: (error as Error).message },
            'shared Telegent rate limit unreachable (database); pacing locally until it answers',
          );
        }
        return fallback.reserve();
      }
    },

    async holdUntil(epochMs: number): Promise<void> {
      fallback.holdUntil(epochMs);
      try {
        await options.rateLimits.holdFor(bucket, epochMs - now());
      } catch (error) {
        logger.warn({ bucket, err: (error as Error).message }, 'could not share a Telegent Retry-After');
      }
    },

    setRatePerMinute(perMinute: number): void {
      spacing = slotSpacingMs(perMinute);
      fallback.setRatePerMinute(perMinute);
    },
  };
}
