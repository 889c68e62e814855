/**
 * The one SQL interface the rest of the app sees. Two implementations run the same SQL:
 * `postgres-db.ts` (pg Pool) and `pglite-db.ts` (embedded PGlite).
 *
 * Value types are made identical on both:
 * - timestamptz → Date
 * - bigint / bigserial / count(*) → number (ids and counts stay far below 2^53)
 * - date → 'YYYY-MM-DD' string (no time-zone shifting)
 * - numeric → string
 * - jsonb → parsed JSON; pass jsonb parameters as `JSON.stringify(value)` (pg would turn a JS array into a
 *   Postgres array literal)
 * - text[] → string[]
 */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Db {
  readonly kind: 'pglite' | 'postgres';
  /** One statement, with `$1…` parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in one transaction (COMMIT on resolve, ROLLBACK on throw). Inside, `tx.transaction`
   * just joins the outer transaction.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const PG_TYPE = {
  INT8: 20,
  DATE: 1082,
  NUMERIC: 1700,
} as const;

export const parseInt8 = (value: string): number => Number(value);
export const parseDate = (value: string): string => value;
