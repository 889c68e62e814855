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
  };
}

export type RateLimitRepo = ReturnType<typeof createRateLimitRepo>;
