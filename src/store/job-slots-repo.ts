import type { Db } from './db.js';

/** Backs node-cron's `runCoordinator`: a scheduled slot (`${name}:${slotISO}`) runs once across replicas. */
export function createJobSlotsRepo(db: Db) {
  return {
    /** True for exactly one caller per key. */
    async claim(key: string): Promise<boolean> {
      const { rows } = await db.query(
        'INSERT INTO job_slots (key) VALUES ($1) ON CONFLICT (key) DO NOTHING RETURNING 1 AS claimed',
        [key],
      );
      return rows.length === 1;
    },

    /**
     * True for one caller per key while its claim is younger than `holdMs`; a claim older than that (its
     * holder died) is taken over. For work that should happen once across replicas but again later.
     */
    async claimFor(key: string, holdMs: number): Promise<boolean> {
      const { rows } = await db.query(
        `INSERT INTO job_slots (key) VALUES ($1)
         ON CONFLICT (key) DO UPDATE SET claimed_at = now()
         WHERE job_slots.claimed_at < now() - $2 * interval '1 millisecond'
         RETURNING 1 AS claimed`,
        [key, holdMs],
      );
      return rows.length === 1;
    },

    /** Ends a claim made with `claimFor`. */
    async release(key: string): Promise<void> {
      await db.query('DELETE FROM job_slots WHERE key = $1', [key]);
    },

    /** Deletes slots claimed before `before`; returns how many. */
    async purgeBefore(before: Date): Promise<number> {
      return (await db.query('DELETE FROM job_slots WHERE claimed_at < $1', [before])).rowCount;
    },
  };
}

export type JobSlotsRepo = ReturnType<typeof createJobSlotsRepo>;
