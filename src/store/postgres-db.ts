import pg from 'pg';
import { type Db, PG_TYPE, parseDate, parseInt8, type QueryResult } from './db.js';

export interface PostgresDbOptions {
  connectionString: string;
  /** Pool size; default 10. */
  max?: number;
  applicationName?: string;
}

const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === PG_TYPE.INT8) return parseInt8;
    if (oid === PG_TYPE.DATE) return parseDate;
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

function toResult<T>(result: pg.QueryResult): QueryResult<T> {
  return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
}

function clientDb(client: Queryable, kind: 'postgres'): Db {
  const db: Db = {
    kind,
    async query<T>(sql: string, params?: unknown[]) {
      return toResult<T>(await client.query(sql, params as unknown[]));
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    transaction: (fn) => fn(db),
    async close() {},
  };
  return db;
}

/** A Postgres server through a pg Pool. */
export function createPostgresDb(options: PostgresDbOptions): Db & { pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'telegent-ops',
    types: typeParsers,
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const base = clientDb(pool, 'postgres');
  return {
    ...base,
    pool,
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(clientDb(client, 'postgres'));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        // A connection that could not roll back is destroyed rather than reused.
        client.release(broken);
      }
    },
    async close() {
      if (!pool.ended) await pool.end();
    },
  };
}
