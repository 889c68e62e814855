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

export type TrailEntry = AuditEntry & { kind: string | null };

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
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
