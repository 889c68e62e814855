import { PGlite, type Transaction } from '@electric-sql/pglite';
import { type Db, PG_TYPE, parseDate, parseInt8 } from './db.js';

export interface PgliteDbOptions {
  /** Directory the database persists in; omit for an in-memory database. */
  dataDir?: string;
  /** A `dumpDataDir()` tarball to start from (fast fresh databases for tests). */
  loadDataDir?: Blob | File;
}

const parsers = { [PG_TYPE.INT8]: parseInt8, [PG_TYPE.DATE]: parseDate };

type Runner = Pick<Transaction, 'query' | 'exec'>;

function runnerDb(runner: Runner): Db {
  const db: Db = {
    kind: 'pglite',
    async query<T>(sql: string, params?: unknown[]) {
      const result = await runner.query<T>(sql, params);
      return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string) {
      await runner.exec(sql);
    },
    transaction: (fn) => fn(db),
    async close() {},
  };
  return db;
}

/**
 * Embedded Postgres (PGlite). It is a single backend: PGlite's own mutex serialises transactions and
 * queries, so a query on the outer Db issued from inside `transaction(fn)` would wait forever — always
 * use the `tx` handed to `fn`.
 */
export async function createPgliteDb(options: PgliteDbOptions = {}): Promise<Db & { pglite: PGlite }> {
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    parsers,
  });
  const base = runnerDb(pglite);
  return {
    ...base,
    pglite,
    transaction: (fn) => pglite.transaction((tx) => fn(runnerDb(tx))),
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}
