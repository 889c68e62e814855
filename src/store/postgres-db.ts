import pg from 'pg';
import { type Logger, silentLogger } from '../log.js';
import { type Db, PG_TYPE, parseDate, parseInt8, type QueryResult } from './db.js';

export interface PostgresDbOptions {
  connectionString: string;
  /** Pool size; default 10. */
  max?: number;
  applicationName?: string;
  /** Told once when idle connections are lost (a restart, a failover), and never the connection string. */
  logger?: Logger;
}

/**
 * How long getting a connection may take before the query fails: without it a query waits forever while the
 * server is unreachable (a partition drops packets rather than refusing), and so would the person.
 */
export const CONNECT_TIMEOUT_MS = 5_000;

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

/**
 * An idle pooled connection that the server ends (pg_terminate_backend, a restart, a failover, an idle reaper)
 * is an 'error' event on the pool, and an EventEmitter without a listener throws it: the process would exit.
 * pg-pool has already dropped that client, and the next query opens a new connection, so it is only logged:
 * once per outage (each idle client reports it), again after a connection has been opened since.
 */
function handleLostConnections(pool: pg.Pool, logger: Logger): void {
  let told = false;
  pool.on('connect', () => {
    told = false;
  });
  pool.on('error', (error: Error & { code?: string }) => {
    if (told) return;
    told = true;
    logger.warn(
      { err: { code: error.code, message: error.message } },
      'database connection lost; the next query reconnects',
    );
  });
}

/** A Postgres server through a pg Pool. */
export function createPostgresDb(options: PostgresDbOptions): Db & { pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'telegent-ops',
    types: typeParsers,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Notices a dead peer on an idle connection (a failover that never sent a FIN) instead of on the next query.
    keepAlive: true,
  });
  handleLostConnections(pool, options.logger ?? silentLogger);
  const base = clientDb(pool, 'postgres');
  return {
    ...base,
    pool,
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      // A checked-out client has no pool listener: if its connection ends between two statements (or just
      // after one failed with 57P01), 'error' would be emitted on it unheard and end the process. Noted here,
      // the client is destroyed at release; the statement in flight fails on its own.
      const lost = (error: Error) => {
        broken = error;
      };
      client.on('error', lost);
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
        client.off('error', lost);
        // A connection that could not roll back, or was lost, is destroyed rather than reused.
        client.release(broken);
      }
    },
    async close() {
      if (!pool.ended) await pool.end();
    },
  };
}
