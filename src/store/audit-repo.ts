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

/** The append-only audit log (the table refuses UPDATE and DELETE). */
export function createAuditRepo(db: Db) {
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
     * The newest entries about a number (E.164): of requests that name it (one number or a list) and of
     * orders that carry it, with the request's kind. Newest first.
     */
    async listForNumber(
      phoneNumber: string,
      limit = 5,
    ): Promise<Array<AuditEntry & { kind: string | null }>> {
      const { rows } = await db.query(
        `SELECT a.*, COALESCE(r.kind, o.kind) AS kind
           FROM audit_log a
           LEFT JOIN requests r ON r.id = a.request_id
           LEFT JOIN orders o ON o.order_id = a.order_id
          WHERE r.input->>'phoneNumber' = $1
             OR r.input->'numbers' @> jsonb_build_array($1::text)
             OR $1 = ANY(o.numbers)
          ORDER BY a.id DESC
          LIMIT $2`,
        [phoneNumber, limit],
      );
      return rows.map((row) => ({ ...toEntry(row), kind: (row.kind as string | null) ?? null }));
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
