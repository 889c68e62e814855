import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';
import { camelRow } from './rows.js';

export type LineSubscriptionStatus =
  | 'waiting'
  | 'pending'
  | 'claimed'
  | 'done'
  | 'refused'
  | 'skipped'
  | 'failed';

/** The step that puts a request's new line on its plan (migration 016). */
export interface LineSubscriptionRecord {
  requestId: string;
  /** Which of the request's new lines (0 for a one-line request; migration 019). */
  item: number;
  /** The order whose completion the step waits for (a port-in's); null for a provision. */
  orderId: string | null;
  phoneNumber: string;
  subscriberId: string;
  packageId: string;
  /** "Unlimited Plus", as the form showed it (for sentences). */
  planName: string | null;
  iccid: string | null;
  /** Lower-case `mvno` / `iot`. */
  type: string | null;
  /** The number's id at Telegent (`NID-…` / `TNID-…`); null until read back. */
  tnid: string | null;
  status: LineSubscriptionStatus;
  claimToken: string | null;
  claimedUntil: Date | null;
  /** Creates that may have been sent: above 0, Telegent is asked for the line's subscription before another. */
  attempts: number;
  /** Transient failures in a row (the backoff grows with them). */
  failures: number;
  nextAttemptAt: Date;
  subscriptionId: string | null;
  /** The sentence the request's thread shows (refused, skipped, failed), or the last transient failure. */
  detail: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewLineSubscription {
  requestId: string;
  /** Which of the request's new lines (default 0). */
  item?: number | undefined;
  /** Set: wait for this order to complete (a port-in), then read the number back. */
  waitForOrderId?: string | null | undefined;
  phoneNumber: string;
  subscriberId: string;
  packageId: string;
  planName?: string | null | undefined;
  iccid?: string | null | undefined;
  type?: string | null | undefined;
  tnid?: string | null | undefined;
}

/** A claimed step: only the holder of `token` may record its outcome. */
export interface ClaimedLineSubscription extends LineSubscriptionRecord {
  claimToken: string;
}

export type LineSubscriptionOutcome =
  | { status: 'done'; subscriptionId: string; detail?: string | null }
  | { status: 'refused' | 'skipped' | 'failed'; detail: string | null };

/**
 * `now` is the job's clock (updated_at, and when a pending step is due: its backoff is set on that clock); a
 * lease runs on the database's clock (`now()`), so replicas with skewed clocks never take each other's steps.
 */
export interface Lease {
  now: Date;
  leaseSeconds: number;
}

const toRecord = (row: Record<string, unknown>) => camelRow<LineSubscriptionRecord>(row);

export function createLineSubscriptionsRepo(db: Db) {
  return {
    /** Stores the step once per request and line (a second add of the same one changes nothing). */
    async add(step: NewLineSubscription, now: Date): Promise<LineSubscriptionRecord> {
      await db.query(
        `INSERT INTO line_subscriptions (request_id, order_id, phone_number, subscriber_id, package_id, plan_name,
           iccid, type, tnid, status, next_attempt_at, created_at, updated_at, item)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $11, $12)
         ON CONFLICT (request_id, item) DO NOTHING`,
        [
          step.requestId,
          step.waitForOrderId ?? null,
          step.phoneNumber,
          step.subscriberId,
          step.packageId,
          step.planName ?? null,
          step.iccid ?? null,
          step.type ?? null,
          step.tnid ?? null,
          step.waitForOrderId ? 'waiting' : 'pending',
          now,
          step.item ?? 0,
        ],
      );
      const { rows } = await db.query(
        'SELECT * FROM line_subscriptions WHERE request_id = $1 AND item = $2',
        [step.requestId, step.item ?? 0],
      );
      return toRecord(rows[0]!);
    },

    /** The request's (first) line's step. */
    async getByRequest(requestId: string): Promise<LineSubscriptionRecord | null> {
      const { rows } = await db.query(
        'SELECT * FROM line_subscriptions WHERE request_id = $1 ORDER BY item LIMIT 1',
        [requestId],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },

    /** Every line's step of a request (several for a batch of new lines), in order. */
    async listByRequest(requestId: string): Promise<LineSubscriptionRecord[]> {
      const { rows } = await db.query(
        'SELECT * FROM line_subscriptions WHERE request_id = $1 ORDER BY item',
        [requestId],
      );
      return rows.map(toRecord);
    },

    /** The latest step for a number (a card: its id at Telegent, and whether its plan is still being set up). */
    async latestForNumber(phoneNumber: string): Promise<LineSubscriptionRecord | null> {
      const { rows } = await db.query(
        'SELECT * FROM line_subscriptions WHERE phone_number = $1 ORDER BY created_at DESC LIMIT 1',
        [phoneNumber],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },

    /**
     * Steps due now, leased to one caller (`FOR UPDATE SKIP LOCKED`: no step goes to two workers): pending ones
     * whose time came, waiting ones whose order has closed, and claimed ones whose worker's lease ran out (it
     * died or hung; `attempts` tells the next worker whether a create may have been sent).
     */
    async claimDue(limit: number, lease: Lease): Promise<ClaimedLineSubscription[]> {
      const token = randomUUID();
      const { rows } = await db.query(
        `WITH due AS (
           SELECT s.request_id, s.item FROM line_subscriptions s
           WHERE (s.status = 'pending' AND s.next_attempt_at <= $1)
              OR (s.status = 'claimed' AND s.claimed_until <= now())
              OR (s.status = 'waiting' AND s.next_attempt_at <= $1 AND EXISTS (
                    SELECT 1 FROM orders o WHERE o.order_id = s.order_id AND o.closed_at IS NOT NULL))
           ORDER BY s.next_attempt_at
           LIMIT $2
           FOR UPDATE OF s SKIP LOCKED)
         -- One token per row (a request's several lines may be claimed together): the fence names one step.
         UPDATE line_subscriptions s SET status = 'claimed', claim_token = $3 || ':' || s.item::text,
           claimed_until = now() + make_interval(secs => $4), updated_at = $1
         FROM due WHERE s.request_id = due.request_id AND s.item = due.item
         RETURNING s.*`,
        [lease.now, limit, token, lease.leaseSeconds],
      );
      return rows.map((row) => toRecord(row) as ClaimedLineSubscription);
    },

    /** Extends a claim this worker still holds; false when another worker has taken it over. */
    async renew(step: ClaimedLineSubscription, lease: Lease): Promise<boolean> {
      const { rowCount } = await db.query(
        `UPDATE line_subscriptions SET claimed_until = now() + make_interval(secs => $3)
         WHERE request_id = $1 AND claim_token = $2 AND status = 'claimed'`,
        [step.requestId, step.claimToken, lease.leaseSeconds],
      );
      return rowCount === 1;
    },

    /** The number as read back (a port-in's, or a provision answered without its id), while still held. */
    async setNumber(
      step: ClaimedLineSubscription,
      number: { tnid: string; type: string | null; iccid: string | null },
      now: Date,
    ): Promise<boolean> {
      const { rowCount } = await db.query(
        `UPDATE line_subscriptions SET tnid = $3, type = $4, iccid = $5, updated_at = $6
         WHERE request_id = $1 AND claim_token = $2 AND status = 'claimed'`,
        [step.requestId, step.claimToken, number.tnid, number.type, number.iccid, now],
      );
      return rowCount === 1;
    },

    /**
     * Right before the create is sent: counts it (from now on a later worker looks Telegent up first) and
     * fences it (false: this worker no longer holds the step, so it must send nothing).
     */
    async markSending(step: ClaimedLineSubscription, lease: Lease): Promise<boolean> {
      const { rowCount } = await db.query(
        `UPDATE line_subscriptions SET attempts = attempts + 1, updated_at = $3,
           claimed_until = now() + make_interval(secs => $4)
         WHERE request_id = $1 AND claim_token = $2 AND status = 'claimed'`,
        [step.requestId, step.claimToken, lease.now, lease.leaseSeconds],
      );
      return rowCount === 1;
    },

    /** The step's outcome, recorded by the worker that holds it; false when it no longer does. */
    async finish(
      step: ClaimedLineSubscription,
      outcome: LineSubscriptionOutcome,
      now: Date,
    ): Promise<boolean> {
      const { rowCount } = await db.query(
        `UPDATE line_subscriptions SET status = $3, subscription_id = $4, detail = $5, updated_at = $6,
           claim_token = NULL, claimed_until = NULL
         WHERE request_id = $1 AND claim_token = $2 AND status = 'claimed'`,
        [
          step.requestId,
          step.claimToken,
          outcome.status,
          outcome.status === 'done' ? outcome.subscriptionId : null,
          outcome.detail ?? null,
          now,
        ],
      );
      return rowCount === 1;
    },

    /** A transient failure: back to pending until `at`; returns the failures so far (null: no longer held). */
    async retryLater(
      step: ClaimedLineSubscription,
      at: Date,
      detail: string,
      now: Date,
    ): Promise<number | null> {
      const { rows } = await db.query<{ failures: number }>(
        `UPDATE line_subscriptions SET status = 'pending', failures = failures + 1, next_attempt_at = $3,
           detail = $4, updated_at = $5, claim_token = NULL, claimed_until = NULL
         WHERE request_id = $1 AND claim_token = $2 AND status = 'claimed'
         RETURNING failures`,
        [step.requestId, step.claimToken, at, detail, now],
      );
      return rows[0] ? Number(rows[0].failures) : null;
    },
  };
}

export type LineSubscriptionsRepo = ReturnType<typeof createLineSubscriptionsRepo>;
