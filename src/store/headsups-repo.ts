import type { Db } from './db.js';

export type HeadsUpKind = 'eve' | 'day';

/** Port-date heads-ups already claimed (one per order, port date and kind across replicas). */
export function createHeadsUpsRepo(db: Db) {
  return {
    /** True for exactly one caller per order, port date ('YYYY-MM-DD') and kind. */
    async claim(orderId: string, portDate: string, kind: HeadsUpKind): Promise<boolean> {
      const { rows } = await db.query(
        `INSERT INTO port_date_headsups (order_id, port_date, kind) VALUES ($1, $2::date, $3)
         ON CONFLICT DO NOTHING RETURNING 1 AS claimed`,
        [orderId, portDate, kind],
      );
      return rows.length === 1;
    },

    /** Gives a claim back (the post certainly did not happen), so a later tick may post it. */
    async release(orderId: string, portDate: string, kind: HeadsUpKind) {
      await db.query(
        `DELETE FROM port_date_headsups
         WHERE order_id = $1 AND port_date = $2::date AND kind = $3 AND message_ts IS NULL`,
        [orderId, portDate, kind],
      );
    },

    async markPosted(orderId: string, portDate: string, kind: HeadsUpKind, messageTs: string | null) {
      await db.query(
        `UPDATE port_date_headsups SET message_ts = $4
         WHERE order_id = $1 AND port_date = $2::date AND kind = $3`,
        [orderId, portDate, kind, messageTs],
      );
    },
  };
}

export type HeadsUpsRepo = ReturnType<typeof createHeadsUpsRepo>;
