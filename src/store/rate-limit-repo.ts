import type { Db } from './db.js';

export interface RateLimitDecision {
  allowed: boolean;
  /** How long to wait before asking again (0 when allowed). */
  retryAfterMs: number;
}

/**
 * A GCRA rate limiter shared by every replica through `rate_limit_buckets` (one row per bucket holding its
 * theoretical arrival time). `perMinute` requests per minute with a burst of `burst`.
 */
export function createRateLimitRepo(db: Db) {
  return {
    async take(
      name: string,
      perMinute: number,
      burst = 1,
      now: Date = new Date(),
    ): Promise<RateLimitDecision> {
      const intervalMs = 60_000 / perMinute;
      const toleranceMs = intervalMs * Math.max(0, burst - 1);
      return db.transaction(async (tx) => {
        await tx.query(
          'INSERT INTO rate_limit_buckets (name, tat) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
          [name, now],
        );
        const { rows } = await tx.query<{ tat: Date }>(
          'SELECT tat FROM rate_limit_buckets WHERE name = $1 FOR UPDATE',
          [name],
        );
        const tat = Math.max(rows[0]!.tat.getTime(), now.getTime());
        const allowAt = tat - toleranceMs;
        if (now.getTime() < allowAt)
          return { allowed: false, retryAfterMs: Math.ceil(allowAt - now.getTime()) };
        await tx.query('UPDATE rate_limit_buckets SET tat = $2 WHERE name = $1', [
          name,
          new Date(tat + intervalMs),
        ]);
        return { allowed: true, retryAfterMs: 0 };
      });
    },

    /**
     * Reserves the bucket's next send slot, `spacingMs` after the previous one (or now), in one statement.
     * Returns the slot on the database's clock (epoch ms) and how long after this statement it is.
     */
    async reserve(name: string, spacingMs: number): Promise<{ slotEpochMs: number; waitMs: number }> {
      const { rows } = await db.query<{ slot_ms: number | string; wait_ms: number | string }>(
        `INSERT INTO rate_limit_buckets AS b (name, tat)
           VALUES ($1, statement_timestamp() + make_interval(secs => $2::float8 / 1000))
         ON CONFLICT (name) DO UPDATE
           SET tat = GREATEST(b.tat, statement_timestamp()) + make_interval(secs => $2::float8 / 1000)
         RETURNING EXTRACT(EPOCH FROM b.tat) * 1000 - $2::float8 AS slot_ms,
           EXTRACT(EPOCH FROM (b.tat - statement_timestamp())) * 1000 - $2::float8 AS wait_ms`,
        [name, spacingMs],
      );
      const row = rows[0]!;
      return { slotEpochMs: Number(row.slot_ms), waitMs: Math.max(0, Number(row.wait_ms)) };
    },

    /** No slot of the bucket before `delayMs` from now (the server said 429 + Retry-After). */
    async holdFor(name: string, delayMs: number): Promise<void> {
      await db.query(
        `INSERT INTO rate_limit_buckets AS b (name, tat) VALUES ($1, statement_timestamp() + make_interval(secs => $2::float8 / 1000))
         ON CONFLICT (name) DO UPDATE SET tat = GREATEST(b.tat, statement_timestamp() + make_interval(secs => $2::float8 / 1000))`,
        [name, Math.max(0, delayMs)],
      );
    },
  };
}

export type RateLimitRepo = ReturnType<typeof createRateLimitRepo>;
