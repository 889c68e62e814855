import { randomUUID } from 'node:crypto';
import type { OperationKind as OrderKind } from '../operations/registry.js';
import type { Db } from './db.js';
import { camelRow } from './rows.js';

export interface OrderEvent {
  id: number;
  orderId: string;
  status: string;
  statusMessage: string | null;
  occurredAt: Date;
  /** When the change reached the channel (posted, found already posted, or dropped as undeliverable). */
  postedAt: Date | null;
  /** Times a poster was handed this event; above 1, an earlier poster may have reached Slack before dying. */
  claims: number;
  /** The Slack message carrying the change, when known. */
  messageTs: string | null;
  /** A final status: the requester is also told by DM. */
  noticeDue: boolean;
  noticePostedAt: Date | null;
}

/** Who holds a claim: renewing and releasing need it (a poster whose lease ran out holds nothing). */
export interface ClaimToken {
  token: string;
}

/** An unposted event with what the poster needs to find the thread. */
export interface PendingOrderEvent extends OrderEvent {
  kind: OrderKind;
  numbers: string[];
  channelId: string;
  threadTs: string | null;
  requestedBy: string;
  /** Who and why (the order's, from its request): thread lines lead with them. */
  customerName: string | null;
  accountName: string | null;
  requestReason: string | null;
  closed: boolean;
  /**
   * Other orders answer in the same thread (a batch: one request, one order per number): its changes are posted
   * there, each line naming its number, never folded into a channel-wide message.
   */
  sharedThread: boolean;
}

/** Advisory lock key serialising outbox claims (an arbitrary constant of this app). */
const OUTBOX_CLAIM_LOCK = 727_274_001;
const EVENT_COLUMNS =
  'id, order_id, status, status_message, occurred_at, posted_at, claims, message_ts, notice_due, notice_posted_at';
const CLAIMED_COLUMNS = EVENT_COLUMNS.split(', ')
  .map((column) => `e.${column}`)
  .join(', ');
/** An event still owes a delivery: its channel post, or the requester's DM of a final status. */
const UNDELIVERED = '(e.posted_at IS NULL OR (e.notice_due AND e.notice_posted_at IS NULL))';

/**
 * A status change of an order, written by the poller in the same transaction as the order itself (see
 * `recordStatus` in orders-repo.ts): the outbox row the poster delivers.
 */
export async function insertOrderEvent(
  tx: Db,
  event: {
    orderId: string;
    status: string;
    statusMessage: string | null;
    occurredAt: Date;
    noticeDue: boolean;
  },
): Promise<OrderEvent> {
  const inserted = await tx.query(
    `INSERT INTO order_events (order_id, status, status_message, occurred_at, notice_due)
     VALUES ($1, $2, $3, $4, $5) RETURNING ${EVENT_COLUMNS}`,
    [event.orderId, event.status, event.statusMessage, event.occurredAt, event.noticeDue],
  );
  return camelRow<OrderEvent>(inserted.rows[0]!);
}

/** The outbox of order status changes: claimed a channel at a time, posted, marked. */
export function createOrderEventsRepo(db: Db) {
  return {
    /**
     * Events that still owe a delivery (channel post or requester DM), oldest first, leased a whole channel
     * at a time: no channel is handed to two posters at once, so one poster can turn a channel's changes into
     * one message. Each claim counts in `claims` (a second claim means the first poster's lease ran out or it
     * gave the event back, and it may have reached Slack). The claim itself is serialised by a
     * transaction-scoped advisory lock (milliseconds; nothing is held while posting).
     */
    async claimUndeliveredByChannel(
      limit: number,
      options: { leaseSeconds?: number; now?: Date } = {},
    ): Promise<{ claim: ClaimToken; events: PendingOrderEvent[] }> {
      const claim: ClaimToken = { token: randomUUID() };
      const events = await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [OUTBOX_CLAIM_LOCK]);
        const { rows } = await tx.query(
          `WITH busy AS (
             SELECT DISTINCT o.channel_id FROM order_events e JOIN orders o ON o.order_id = e.order_id
             WHERE ${UNDELIVERED} AND e.claim_expires_at > $1),
           pending AS (
             SELECT e.id FROM order_events e JOIN orders o ON o.order_id = e.order_id
             WHERE ${UNDELIVERED} AND (e.claim_expires_at IS NULL OR e.claim_expires_at <= $1)
               AND NOT EXISTS (SELECT 1 FROM busy WHERE busy.channel_id = o.channel_id)
             ORDER BY e.id LIMIT $2),
           claimed AS (
             UPDATE order_events e SET claim_expires_at = $1::timestamptz + make_interval(secs => $3),
               claims = e.claims + 1, claim_token = $4
             FROM pending WHERE e.id = pending.id
             RETURNING ${CLAIMED_COLUMNS})
           SELECT c.*, o.kind, o.numbers, o.channel_id, o.thread_ts, o.requested_by,
             o.customer_name, o.account_name, o.request_reason, o.closed_at IS NOT NULL AS closed,
             o.thread_ts IS NOT NULL AND EXISTS (SELECT 1 FROM orders s WHERE s.channel_id = o.channel_id
               AND s.thread_ts = o.thread_ts AND s.order_id <> o.order_id) AS shared_thread
           FROM claimed c JOIN orders o ON o.order_id = c.order_id
           ORDER BY c.id`,
          [options.now ?? new Date(), limit, options.leaseSeconds ?? 120, claim.token],
        );
        return rows.map((row) => camelRow<PendingOrderEvent>(row));
      });
      return { claim, events };
    },

    /**
     * Extends the lease on events this poster still holds (by its claim token), right before it posts them.
     * False when any of them is no longer its own (its lease ran out and another poster took them): post nothing.
     */
    async renewClaim(
      eventIds: number[],
      claim: ClaimToken,
      options: { leaseSeconds?: number; now?: Date } = {},
    ): Promise<boolean> {
      if (eventIds.length === 0) return true;
      const { rowCount } = await db.query(
        `UPDATE order_events SET claim_expires_at = $3::timestamptz + make_interval(secs => $4)
         WHERE id = ANY($1::bigint[]) AND claim_token = $2`,
        [eventIds, claim.token, options.now ?? new Date(), options.leaseSeconds ?? 120],
      );
      return rowCount === eventIds.length;
    },

    /**
     * Hands claimed events back at once (a delivery failed; the next cycle retries what is still owed).
     * `certainlyNotPosted`: Slack refused the post itself (rate limited), so this claim does not count: the next
     * poster need not look for it in Slack.
     */
    async releaseEvents(
      eventIds: number[],
      claim: ClaimToken,
      options: { certainlyNotPosted?: boolean } = {},
    ): Promise<void> {
      if (eventIds.length === 0) return;
      await db.query(
        `UPDATE order_events SET claim_expires_at = NULL, claim_token = NULL,
           claims = CASE WHEN $3::boolean THEN GREATEST(claims - 1, 0) ELSE claims END
         WHERE id = ANY($1::bigint[]) AND claim_token = $2`,
        [eventIds, claim.token, options.certainlyNotPosted ?? false],
      );
    },

    /** The channel post is done: `messageTs` is the message that carries it (null: dropped, Slack refused). */
    async markPosted(
      eventIds: number[],
      now: Date = new Date(),
      messageTs: string | null = null,
    ): Promise<void> {
      if (eventIds.length === 0) return;
      await db.query(
        `UPDATE order_events SET posted_at = $2, message_ts = $3
         WHERE id = ANY($1::bigint[]) AND posted_at IS NULL`,
        [eventIds, now, messageTs],
      );
    },

    /** The requester's DM of a final status is done (sent, found already sent, or refused for good). */
    async markNoticed(eventIds: number[], now: Date = new Date()): Promise<void> {
      if (eventIds.length === 0) return;
      await db.query(
        'UPDATE order_events SET notice_posted_at = $2 WHERE id = ANY($1::bigint[]) AND notice_posted_at IS NULL',
        [eventIds, now],
      );
    },

    async listEvents(orderId: string): Promise<OrderEvent[]> {
      const { rows } = await db.query(
        `SELECT ${EVENT_COLUMNS} FROM order_events WHERE order_id = $1 ORDER BY id`,
        [orderId],
      );
      return rows.map((row) => camelRow<OrderEvent>(row));
    },
  };
}

export type OrderEventsRepo = ReturnType<typeof createOrderEventsRepo>;
