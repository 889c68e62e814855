import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';
import { camelRow, json } from './rows.js';

export type RequestItemStatus = 'pending' | 'claimed' | 'done' | 'failed' | 'unknown';

/** One item of a request that does several things of one kind (migration 017). */
export interface RequestItemRecord {
  requestId: string;
  /** 0-based place in the request. */
  item: number;
  status: RequestItemStatus;
  claimToken: string | null;
  claimedUntil: Date | null;
  /** Submissions that may have been sent: above 0, the item is read back, never sent again. */
  attempts: number;
  /** What Telegent answered (done), or the read-back (unknown). */
  result: unknown;
  /** Why it failed or is unknown, in words. */
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A claimed item: only the holder of `claimToken` may record its outcome. */
export interface ClaimedRequestItem extends RequestItemRecord {
  claimToken: string;
}

export type RequestItemOutcome =
  | { status: 'done'; result: unknown }
  | { status: 'failed'; error: string }
  | { status: 'unknown'; error: string; result?: unknown };

/**
 * `now` is the worker's clock (updated_at: how long a batch has been quiet); a lease runs on the database's
 * clock (`now()`), so replicas with skewed clocks never take each other's items (as line_subscriptions).
 */
export interface ItemLease {
  now: Date;
  leaseSeconds: number;
}

const toRecord = (row: Record<string, unknown>) => camelRow<RequestItemRecord>(row);

export function createRequestItemsRepo(db: Db) {
  return {
    /** Stores items 0…count-1 once (a second call for the same request adds nothing). */
    async addAll(requestId: string, count: number, now: Date): Promise<void> {
      await db.query(
        `INSERT INTO request_items (request_id, item, status, created_at, updated_at)
         SELECT $1, i, 'pending', $3, $3 FROM generate_series(0, $2::int - 1) AS i
         ON CONFLICT (request_id, item) DO NOTHING`,
        [requestId, count, now],
      );
    },

    async list(requestId: string): Promise<RequestItemRecord[]> {
      const { rows } = await db.query('SELECT * FROM request_items WHERE request_id = $1 ORDER BY item', [
        requestId,
      ]);
      return rows.map(toRecord);
    },

    /**
     * The next item of the request to work on, leased to this caller (`FOR UPDATE SKIP LOCKED`: no item goes to
     * two workers): a pending one, or a claimed one whose worker's lease ran out (it died; `attempts` tells
     * whether its submission may have been sent). Null: nothing left to claim now.
     */
    async claimNext(requestId: string, lease: ItemLease): Promise<ClaimedRequestItem | null> {
      const { rows } = await db.query(
        `WITH next AS (
           SELECT item FROM request_items
           WHERE request_id = $1
             AND (status = 'pending' OR (status = 'claimed' AND claimed_until <= now()))
           ORDER BY item
           LIMIT 1
           FOR UPDATE SKIP LOCKED)
         UPDATE request_items r SET status = 'claimed', claim_token = $3,
           claimed_until = now() + make_interval(secs => $4), updated_at = $2
         FROM next WHERE r.request_id = $1 AND r.item = next.item
         RETURNING r.*`,
        [requestId, lease.now, randomUUID(), lease.leaseSeconds],
      );
      return rows[0] ? (toRecord(rows[0]) as ClaimedRequestItem) : null;
    },

    /**
     * Right before the submission is sent: counts it (from now on a later worker reads back instead of sending)
     * and fences it (false: this worker no longer holds the item, so it must send nothing).
     */
    async markSending(item: ClaimedRequestItem, lease: ItemLease): Promise<boolean> {
      const { rowCount } = await db.query(
        `UPDATE request_items SET attempts = attempts + 1, updated_at = $4,
           claimed_until = now() + make_interval(secs => $5)
         WHERE request_id = $1 AND item = $2 AND claim_token = $3 AND status = 'claimed'`,
        [item.requestId, item.item, item.claimToken, lease.now, lease.leaseSeconds],
      );
      return rowCount === 1;
    },

    /** Extends a claim this worker still holds (a slow call in flight); false when another has taken it over. */
    async renew(item: ClaimedRequestItem, lease: ItemLease): Promise<boolean> {
      const { rowCount } = await db.query(
        `UPDATE request_items SET claimed_until = now() + make_interval(secs => $4)
         WHERE request_id = $1 AND item = $2 AND claim_token = $3 AND status = 'claimed'`,
        [item.requestId, item.item, item.claimToken, lease.leaseSeconds],
      );
      return rowCount === 1;
    },

    /** The item's outcome, recorded by the worker that holds it; false when it no longer does. */
    async finish(item: ClaimedRequestItem, outcome: RequestItemOutcome, now: Date): Promise<boolean> {
      const { rowCount } = await db.query(
        `UPDATE request_items SET status = $4, result = $5::jsonb, error = $6, updated_at = $7,
           claim_token = NULL, claimed_until = NULL
         WHERE request_id = $1 AND item = $2 AND claim_token = $3 AND status = 'claimed'`,
        [
          item.requestId,
          item.item,
          item.claimToken,
          outcome.status,
          json('result' in outcome ? outcome.result : null),
          outcome.status === 'done' ? null : outcome.error,
          now,
        ],
      );
      return rowCount === 1;
    },

    /**
     * Items not settled yet (pending, or claimed by anyone, live or not): the batch is not finished while one is
     * left. A pending item another worker has locked but not yet claimed counts too.
     */
    async anyUnsettled(requestId: string): Promise<boolean> {
      const { rows } = await db.query(
        `SELECT 1 FROM request_items WHERE request_id = $1 AND status IN ('pending', 'claimed') LIMIT 1`,
        [requestId],
      );
      return rows.length > 0;
    },

    /**
     * `executing` requests with items nobody works on (a pending item, or a claim whose lease ran out on the
     * database's clock; or all items settled but the request never finished), untouched since `quietSince` (the
     * workers' clock, as updated_at): their executor died, and a restart takes them over.
     */
    async listStranded(quietSince: Date): Promise<string[]> {
      const { rows } = await db.query<{ id: string }>(
        `SELECT r.id FROM requests r
         WHERE r.status = 'executing'
           AND EXISTS (SELECT 1 FROM request_items i WHERE i.request_id = r.id)
           AND NOT EXISTS (SELECT 1 FROM request_items i WHERE i.request_id = r.id
                             AND ((i.status = 'claimed' AND i.claimed_until > now()) OR i.updated_at > $1))
         ORDER BY r.updated_at`,
        [quietSince],
      );
      return rows.map((row) => row.id);
    },
  };
}

export type RequestItemsRepo = ReturnType<typeof createRequestItemsRepo>;
