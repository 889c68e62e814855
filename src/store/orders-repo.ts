import type { OperationKind } from '../operations/registry.js';
import type { Db } from './db.js';
import { insertOrderEvent, type OrderEvent } from './order-events-repo.js';
import { camelRow } from './rows.js';

/** The operation that created the order (one whose definition has `orders` traits). */
export type OrderKind = OperationKind;

export interface OrderRecord {
  orderId: string;
  kind: OrderKind;
  numbers: string[];
  status: string;
  statusMessage: string | null;
  channelId: string;
  threadTs: string | null;
  requestId: string | null;
  requestedBy: string;
  /** 'YYYY-MM-DD' */
  portInDate: string | null;
  accountId: string | null;
  /** Whom it is for, as the request's form named them ("Jane Doe"; channels shorten it). */
  customerName: string | null;
  /** The account it was filed under, by name (a distributor's bound channel), when known. */
  accountName: string | null;
  /** Why it was asked: the reason or ticket typed on the request's form ("ZD-4821 switching carriers"). */
  requestReason: string | null;
  /** Not before: the poller leaves the order alone until then (minimum interval, retry delay, requested check). */
  nextCheckAt: Date;
  /** When the poller last read it at Telegent (null: never). */
  lastCheckedAt: Date | null;
  /** How many times as often as a quiet order the poller reads it (see jobs/poll-schedule.ts). */
  pollWeight: number;
  /** An update or cancel was sent: read it before anything else once `nextCheckAt` comes. */
  recheckRequested: boolean;
  /** A poller holds it until then (null: nobody). */
  leaseExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export interface NewOrder {
  orderId: string;
  kind: OrderKind;
  numbers: string[];
  status: string;
  statusMessage?: string | null;
  channelId: string;
  threadTs?: string | null;
  requestId?: string | null;
  requestedBy: string;
  portInDate?: string | null;
  /** The account the request was filed under (distributors). */
  accountId?: string | null;
  /** Who and why, from the request (stored so every order surface shows them without reading it again). */
  customerName?: string | null;
  accountName?: string | null;
  requestReason?: string | null;
  /** The poller's first look, not before this. */
  nextCheckAt: Date;
}

const toOrder = (row: Record<string, unknown>) => camelRow<OrderRecord>(row);
export function createOrdersRepo(db: Db) {
  async function list(where: string, params: unknown[], limit: number): Promise<OrderRecord[]> {
    const { rows } = await db.query(
      `SELECT * FROM orders WHERE ${where} ORDER BY created_at DESC LIMIT ${Number(limit)}`,
      params,
    );
    return rows.map(toOrder);
  }

  return {
    /** Inserts; an OrderId we already track returns the stored row. */
    async insert(order: NewOrder): Promise<OrderRecord> {
      const { rows } = await db.query(
        `INSERT INTO orders (order_id, kind, numbers, status, status_message, channel_id, thread_ts, request_id,
           requested_by, port_in_date, next_check_at, account_id, customer_name, account_name, request_reason)
         VALUES ($1, $2, $3::text[], $4, $5, $6, $7, $8, $9, $10::date, $11, $12, $13, $14, $15)
         ON CONFLICT (order_id) DO NOTHING RETURNING *`,
        [
          order.orderId,
          order.kind,
          order.numbers,
          order.status,
          order.statusMessage ?? null,
          order.channelId,
          order.threadTs ?? null,
          order.requestId ?? null,
          order.requestedBy,
          order.portInDate ?? null,
          order.nextCheckAt,
          order.accountId ?? null,
          order.customerName ?? null,
          order.accountName ?? null,
          order.requestReason ?? null,
        ],
      );
      if (rows[0]) return toOrder(rows[0]);
      const existing = await list('order_id = $1', [order.orderId], 1);
      return existing[0]!;
    },

    async get(orderId: string): Promise<OrderRecord | null> {
      return (await list('order_id = $1', [orderId], 1))[0] ?? null;
    },

    /**
     * Orders whose id starts with `prefix` (what a person typed from a message's short id, any case), the
     * exact id first, then the newest; at most `limit`. LIKE's wildcards in the prefix are matched literally.
     */
    async findByIdPrefix(prefix: string, limit: number): Promise<OrderRecord[]> {
      const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const { rows } = await db.query(
        `SELECT * FROM orders WHERE order_id ILIKE $1 ESCAPE '\\'
         ORDER BY (order_id = $2) DESC, created_at DESC LIMIT ${Number(limit)}`,
        [pattern, prefix],
      );
      return rows.map(toOrder);
    },

    /** The order a request created, if any (read only when a late edit must be undone: no index needed). */
    async getByRequest(requestId: string): Promise<OrderRecord | null> {
      return (await list('request_id = $1', [requestId], 1))[0] ?? null;
    },

    /** These orders (by their key): a batch's story reads its items' orders for their status. */
    async getMany(orderIds: readonly string[]): Promise<OrderRecord[]> {
      if (orderIds.length === 0) return [];
      const { rows } = await db.query('SELECT * FROM orders WHERE order_id = ANY($1::text[])', [orderIds]);
      return rows.map(toOrder);
    },

    /** The port date an update changed ('YYYY-MM-DD'): heads-ups, the digest and the poller read it. */
    async setPortInDate(orderId: string, portInDate: string): Promise<void> {
      await db.query('UPDATE orders SET port_in_date = $2::date, updated_at = now() WHERE order_id = $1', [
        orderId,
        portInDate,
      ]);
    },

    async setThread(orderId: string, threadTs: string): Promise<void> {
      await db.query('UPDATE orders SET thread_ts = $2, updated_at = now() WHERE order_id = $1', [
        orderId,
        threadTs,
      ]);
    },

    /**
     * Asks the poller to read an order first once `at` comes (a port-in update or cancel was sent). A read in
     * flight loses its lease, so its older reading is not recorded over the request.
     */
    async scheduleCheck(orderId: string, at: Date): Promise<boolean> {
      const { rowCount } = await db.query(
        `UPDATE orders SET next_check_at = $2, recheck_requested = true, lease_expires_at = NULL, updated_at = now()
         WHERE order_id = $1 AND closed_at IS NULL`,
        [orderId, at],
      );
      return rowCount > 0;
    },

    /** Open orders whose port date falls between two dates ('YYYY-MM-DD', inclusive): port-date heads-ups. */
    listOpenWithPortDate: (from: string, to: string, limit = 1000) =>
      list('closed_at IS NULL AND port_in_date BETWEEN $1::date AND $2::date', [from, to], limit),

    /** Open orders naming a number (line changes are refused while a port of it is open). */
    listOpenForNumber: (phoneNumber: string, limit = 50) =>
      list('closed_at IS NULL AND $1 = ANY(numbers)', [phoneNumber], limit),

    listOpenByChannel: (channelId: string, limit = 100) =>
      list('channel_id = $1 AND closed_at IS NULL', [channelId], limit),

    /** Open orders a user asked for or that live in one of `channelIds` (App Home). */
    listOpenForUser: (userId: string, channelIds: readonly string[], limit = 200) =>
      list(
        'closed_at IS NULL AND (requested_by = $1 OR channel_id = ANY($2::text[]))',
        [userId, channelIds],
        limit,
      ),

    /** Open orders per last known status (the /metrics gauge). */
    async countOpenByStatus(): Promise<Record<string, number>> {
      const { rows } = await db.query<{ status: string; n: number }>(
        'SELECT status, count(*)::int AS n FROM orders WHERE closed_at IS NULL GROUP BY status',
      );
      return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
    },

    /** Orders of a channel closed at or after `since` (digest: completed / cancelled in the last 24 h). */
    listClosedSince: (channelId: string, since: Date, limit = 200) =>
      list('channel_id = $1 AND closed_at >= $2', [channelId, since], limit),

    /**
     * Claims up to `limit` open orders the poller may read at `now` (past their not-before time, not leased),
     * most urgent first: a requested re-check, then the longest unread weighted by `poll_weight` (never read
     * counts from creation). Rows another replica is claiming are skipped; each claimed order is leased until
     * now + leaseSeconds, so a killed poller's orders come back to any replica after that.
     */
    async claimStalest(now: Date, limit: number, leaseSeconds: number): Promise<OrderRecord[]> {
      return db.transaction(async (tx) => {
        const { rows } = await tx.query(
          `WITH pick AS (
             SELECT order_id, recheck_requested AS recheck,
               EXTRACT(EPOCH FROM ($1::timestamptz - COALESCE(last_checked_at, created_at))) * poll_weight
                 AS urgency
             FROM orders
             WHERE closed_at IS NULL AND next_check_at <= $1
               AND (lease_expires_at IS NULL OR lease_expires_at <= $1)
             ORDER BY recheck DESC, urgency DESC, order_id
             LIMIT $2
             FOR UPDATE SKIP LOCKED),
           leased AS (
             UPDATE orders o SET lease_expires_at = $1::timestamptz + make_interval(secs => $3)
             FROM pick WHERE o.order_id = pick.order_id
             RETURNING o.*)
           SELECT leased.* FROM leased JOIN pick USING (order_id)
           ORDER BY pick.recheck DESC, pick.urgency DESC, order_id`,
          [now, limit, leaseSeconds],
        );
        return rows.map(toOrder);
      });
    },

    /**
     * Extends a lease this poller still holds (its expiry is the one it was given). False when it is no longer
     * its own: it ran out and another poller took the order, or the order was recorded meanwhile.
     */
    async renewLease(orderId: string, heldUntil: Date, until: Date): Promise<boolean> {
      const { rowCount } = await db.query(
        'UPDATE orders SET lease_expires_at = $3 WHERE order_id = $1 AND lease_expires_at = $2',
        [orderId, heldUntil, until],
      );
      return rowCount > 0;
    },

    /** The poller's view of the open orders: how many, and the longest any of them has gone unread (seconds). */
    async pollBacklog(now: Date): Promise<{ open: number; stalestSeconds: number }> {
      const { rows } = await db.query<{ open: number; stalest: number | null }>(
        `SELECT count(*)::int AS open,
           max(EXTRACT(EPOCH FROM ($1::timestamptz - COALESCE(last_checked_at, created_at))))::float8 AS stalest
         FROM orders WHERE closed_at IS NULL`,
        [now],
      );
      const row = rows[0];
      return { open: Number(row?.open ?? 0), stalestSeconds: Math.max(0, Number(row?.stalest ?? 0)) };
    },

    /**
     * Stores what the poller read: the status, when it was read, the next not-before time and weight; the
     * lease and any requested re-check end. When status or message changed, writes an order_events row (the
     * outbox) in the same transaction. `closed` marks a terminal status (no more polling).
     */
    async recordStatus(
      orderId: string,
      status: string,
      statusMessage: string | null,
      nextCheckAt: Date,
      closed: boolean,
      options: { pollWeight?: number; now?: Date; heldUntil?: Date } = {},
    ): Promise<{ order: OrderRecord; event: OrderEvent | null; leaseLost?: true }> {
      const now = options.now ?? new Date();
      return db.transaction(async (tx) => {
        const current = await tx.query('SELECT * FROM orders WHERE order_id = $1 FOR UPDATE', [orderId]);
        if (!current.rows[0]) throw new Error(`Order ${orderId} is not tracked.`);
        const before = toOrder(current.rows[0]);
        // A poller whose lease ran out (another took the order, or it was recorded meanwhile) may hold an
        // older reading than what is stored: it records nothing.
        if (options.heldUntil && before.leaseExpiresAt?.getTime() !== options.heldUntil.getTime())
          return { order: before, event: null, leaseLost: true };
        let event: OrderEvent | null = null;
        if (before.status !== status || before.statusMessage !== statusMessage) {
          event = await insertOrderEvent(tx, {
            orderId,
            status,
            statusMessage,
            occurredAt: now,
            noticeDue: closed,
          });
        }
        const { rows } = await tx.query(
          `UPDATE orders SET status = $2, status_message = $3, next_check_at = $4,
             poll_weight = COALESCE($5, poll_weight), updated_at = $6, last_checked_at = $6,
             lease_expires_at = NULL, recheck_requested = false,
             closed_at = CASE WHEN $7::boolean THEN COALESCE(closed_at, $6) ELSE NULL END
           WHERE order_id = $1 RETURNING *`,
          [orderId, status, statusMessage, nextCheckAt, options.pollWeight ?? null, now, closed],
        );
        return { order: toOrder(rows[0]!), event };
      });
    },

    /**
     * Hands a claimed order back without a status: not before `nextCheckAt` (a failed read waits; a poller
     * that is stopping passes now). It stays as stale as it was, so it is first in line when that comes.
     */
    async releaseLease(orderId: string, nextCheckAt: Date, heldUntil?: Date): Promise<void> {
      // With `heldUntil`, only a lease this poller still holds (one that ran out may be another's now).
      await db.query(
        `UPDATE orders SET next_check_at = $2, lease_expires_at = NULL
         WHERE order_id = $1 AND closed_at IS NULL AND ($3::timestamptz IS NULL OR lease_expires_at = $3)`,
        [orderId, nextCheckAt, heldUntil ?? null],
      );
    },
  };
}

export type OrdersRepo = ReturnType<typeof createOrdersRepo>;
