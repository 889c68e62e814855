import type { Db } from './db.js';
import { camelRow, json } from './rows.js';

export interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  action: string;
  requestId: string | null;
  orderId: string | null;
  /** Redacted details: never a secret. */
  details: Record<string, unknown>;
}

export interface NewAuditEntry {
  actor: string;
  action: string;
  requestId?: string | null;
  orderId?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

const toEntry = (row: Record<string, unknown>) => camelRow<AuditEntry>(row);

/** A page of a trail: at most `limit` entries older than entry `before`. */
export interface AuditPage {
  limit?: number;
  before?: number;
}

export type TrailEntry = AuditEntry & { kind: string | null };

/** The append-only audit log (the table refuses UPDATE and DELETE). */
export function createAuditRepo(db: Db) {
  async function trail(where: string, subject: string, page: AuditPage): Promise<TrailEntry[]> {
    const { rows } = await db.query(
      `SELECT a.*, COALESCE(r.kind, o.kind) AS kind
         FROM audit_log a
         LEFT JOIN requests r ON r.id = a.request_id
         LEFT JOIN orders o ON o.order_id = a.order_id
         LEFT JOIN orders ro ON ro.request_id = a.request_id
        WHERE (${where}) AND a.id < $2
        ORDER BY a.id DESC
        LIMIT $3`,
      [subject, page.before ?? Number.MAX_SAFE_INTEGER, page.limit ?? 10],
    );
    return rows.map((row) => ({ ...toEntry(row), kind: (row.kind as string | null) ?? null }));
  }

  return {
    async append(entry: NewAuditEntry): Promise<AuditEntry> {
      const { rows } = await db.query(
        `INSERT INTO audit_log (at, actor, action, request_id, order_id, details)
         VALUES (COALESCE($1, now()), $2, $3, $4, $5, $6::jsonb) RETURNING *`,
        [
          entry.at ?? null,
          entry.actor,
          entry.action,
          entry.requestId ?? null,
          entry.orderId ?? null,
          json(entry.details ?? {}),
        ],
      );
      return toEntry(rows[0]!);
    },

    async listByRequest(requestId: string): Promise<AuditEntry[]> {
      const { rows } = await db.query('SELECT * FROM audit_log WHERE request_id = $1 ORDER BY id', [
        requestId,
      ]);
      return rows.map(toEntry);
    },

    async listByOrder(orderId: string): Promise<AuditEntry[]> {
      const { rows } = await db.query('SELECT * FROM audit_log WHERE order_id = $1 ORDER BY id', [orderId]);
      return rows.map(toEntry);
    },

    /**
     * Entries about a number (E.164), newest first: of requests that name it (one number or a list), of
     * orders that carry it and of the requests that made those orders (a provision names its number only
     * once Telegent answers), with the request's kind. `before` pages back from an entry id.
     */
    listForNumber(phoneNumber: string, page: AuditPage = {}) {
      return trail(
        `r.input->>'phoneNumber' = $1 OR r.input->'numbers' @> jsonb_build_array($1::text)
           OR $1 = ANY(o.numbers) OR $1 = ANY(ro.numbers)`,
        phoneNumber,
        page,
      );
    },

    /** Entries about requests for this subscriber (a provision or port-in naming them). */
    listForSubscriber(subscriberId: string, page: AuditPage = {}) {
      return trail(`lower(r.input->>'assignedSubscriberId') = lower($1)`, subscriberId, page);
    },

    /** Entries about an order, the request that created it and the requests that acted on it (update, cancel). */
    listForOrder(orderId: string, page: AuditPage = {}) {
      return trail(`a.order_id = $1 OR ro.order_id = $1 OR r.input->>'orderId' = $1`, orderId, page);
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
