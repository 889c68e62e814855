import type { TrailEntry } from './audit-repo.js';
import type { Db } from './db.js';
import { camelRow } from './rows.js';

/** What a history is of: a number (E.164), one of our orders, or a customer (their TSUID). */
export type HistorySubjectKind = 'number' | 'order' | 'customer';

interface StepBase {
  /** Where this entry sits in the newest-first list: pass it as `before` for the entries older than it. */
  cursor: string;
  at: Date;
  /** The operation the step belongs to (its request's or order's kind), when known. */
  kind: string | null;
  requestId: string | null;
  orderId: string | null;
}

/**
 * One line of a history: a step of ours from the audit log (filed, approved, executed…), a status change the
 * poller read from Telegent (order_events), or a reminder sent to the approvers.
 */
export type HistoryEntry =
  | (StepBase & { source: 'app'; entry: TrailEntry })
  | (StepBase & { source: 'carrier'; status: string; statusMessage: string | null })
  | (StepBase & { source: 'reminder'; targets: string[] });

export interface HistoryPage {
  limit?: number;
  /** A cursor of an entry already shown: only older ones. */
  before?: string;
}

/**
 * Which requests and orders are about the subject. `named`: requests whose input names it; `ordered`: orders
 * that carry it. The subject's orders are those and the orders of named requests; its requests are the named
 * ones, those that made its orders and those that acted on them (update, cancel).
 */
const SUBJECT_SQL: Record<HistorySubjectKind, { named: string; ordered: string }> = {
  number: {
    // A list (park several, port in several) names every number in `phoneNumbers`, not only its first.
    named: `r.input->>'phoneNumber' = $1 OR r.input->'numbers' @> jsonb_build_array($1::text)
      OR r.input->'phoneNumbers' @> jsonb_build_array($1::text)`,
    ordered: '$1 = ANY(o.numbers)',
  },
  order: { named: 'false', ordered: 'o.order_id = $1' },
  customer: { named: `r.input->>'assignedSubscriberId' = $1`, ordered: 'false' },
};

const micros = (column: string) => `(extract(epoch FROM ${column}) * 1000000)::bigint`;
const CURSOR = /^(\d{1,19})\.([aer])\.([A-Za-z0-9_:-]{1,120})$/;
/** Newer than anything: the first page. */
const FIRST = { us: '9223372036854775807', src: 'z', key: '' };

/** The merged history (ours, the carrier's, reminders) of a number, an order or a customer, newest first. */
export function createHistoryRepo(db: Db) {
  return {
    async list(kind: HistorySubjectKind, subject: string, page: HistoryPage = {}): Promise<HistoryEntry[]> {
      const { named, ordered } = SUBJECT_SQL[kind];
      const cursor = CURSOR.exec(page.before ?? '');
      const before = cursor ? { us: cursor[1]!, src: cursor[2]!, key: cursor[3]! } : FIRST;
      const { rows } = await db.query(
        `WITH named AS (SELECT r.id FROM requests r WHERE ${named}),
         subject_orders AS (
           SELECT o.order_id, o.request_id FROM orders o
            WHERE ${ordered} OR o.request_id IN (SELECT id FROM named)),
         subject_requests AS (
           SELECT id FROM named
           UNION SELECT request_id FROM subject_orders WHERE request_id IS NOT NULL
           UNION SELECT r.id FROM requests r WHERE r.input->>'orderId' IN (SELECT order_id FROM subject_orders)),
         steps AS (
           SELECT ${micros('a.at')} AS us, 'a' AS src, lpad(a.id::text, 20, '0') AS key, a.at, a.id, a.actor,
                  a.action, a.request_id, a.order_id, a.details, NULL::text AS status,
                  NULL::text AS status_message, NULL::text AS targets
             FROM audit_log a
            WHERE a.request_id IN (SELECT id FROM subject_requests)
               OR a.order_id IN (SELECT order_id FROM subject_orders)
           UNION ALL
           SELECT ${micros('e.occurred_at')}, 'e', lpad(e.id::text, 20, '0'), e.occurred_at, e.id, 'telegent',
                  'carrier_status', NULL, e.order_id, '{}'::jsonb, e.status, e.status_message, NULL
             FROM order_events e
            WHERE e.order_id IN (SELECT order_id FROM subject_orders)
           UNION ALL
           SELECT ${micros('min(m.sent_at)')}, 'r', m.request_id || ':' || lpad(m.step::text, 4, '0'),
                  min(m.sent_at), 0, 'system', 'reminded', m.request_id, NULL, '{}'::jsonb, NULL, NULL,
                  string_agg(m.target, ',' ORDER BY m.target)
             FROM approval_reminders m
            WHERE m.request_id IN (SELECT id FROM subject_requests)
            GROUP BY m.request_id, m.step)
         SELECT s.*, COALESCE(r.kind, o.kind) AS kind
           FROM steps s
           LEFT JOIN requests r ON r.id = s.request_id
           LEFT JOIN orders o ON o.order_id = s.order_id
          WHERE (s.us, s.src, s.key) < ($2::bigint, $3::text, $4::text)
          ORDER BY s.us DESC, s.src DESC, s.key DESC
          LIMIT $5`,
        [subject, before.us, before.src, before.key, page.limit ?? 10],
      );
      return rows.map((row) => toEntry(row));
    },

    /** The customer's name as the newest request for them stored it (ephemeral answers only). */
    async customerName(subscriberId: string): Promise<string | undefined> {
      const { rows } = await db.query(
        `SELECT input->>'customerName' AS name FROM requests
          WHERE input->>'assignedSubscriberId' = $1 AND input ? 'customerName'
          ORDER BY created_at DESC LIMIT 1`,
        [subscriberId],
      );
      const name = rows[0]?.name;
      return typeof name === 'string' && name.trim() ? name.trim() : undefined;
    },
  };
}

function toEntry(row: Record<string, unknown>): HistoryEntry {
  const base: StepBase = {
    cursor: `${String(row.us)}.${String(row.src)}.${String(row.key)}`,
    at: row.at as Date,
    kind: (row.kind as string | null) ?? null,
    requestId: (row.request_id as string | null) ?? null,
    orderId: (row.order_id as string | null) ?? null,
  };
  if (row.src === 'e')
    return {
      ...base,
      source: 'carrier',
      status: String(row.status),
      statusMessage: (row.status_message as string | null) ?? null,
    };
  if (row.src === 'r') return { ...base, source: 'reminder', targets: String(row.targets ?? '').split(',') };
  const { us: _us, src: _src, key: _key, status: _s, status_message: _m, targets: _t, kind, ...audit } = row;
  return { ...base, source: 'app', entry: { ...camelRow<Omit<TrailEntry, 'kind'>>(audit), kind: base.kind } };
}

export type HistoryRepo = ReturnType<typeof createHistoryRepo>;
