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

    /** Deletes slots claimed before `before`; returns how many. */
    async purgeBefore(before: Date): Promise<number> {
      return (await db.query('DELETE FROM job_slots WHERE claimed_at < $1', [before])).rowCount;
    },
  };
}

export type JobSlotsRepo = ReturnType<typeof createJobSlotsRepo>;
