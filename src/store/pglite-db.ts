import { PGlite, type Transaction } from '@electric-sql/pglite';
import { type Db, PG_TYPE, parseDate, parseInt8 } from './db.js';
import { initialiseDataDir, isInitialised } from './pglite-initdb.js';

export interface PgliteDbOptions {
  /** Directory the database persists in; omit for an in-memory database. */
  dataDir?: string;
  /** A `dumpDataDir()` tarball to start from (fast fresh databases for tests). */
  loadDataDir?: Blob | File;
}

const parsers = { [PG_TYPE.INT8]: parseInt8, [PG_TYPE.DATE]: parseDate };

/**
 * PGlite's defaults plus a Postgres sized for one small app. PGlite keeps initdb's shared_buffers = 128MB,
 * and WASM Postgres zeroes its shared memory, so all of it is resident: 16MB took an idle restart from
 * 311 to 175 MiB (our data is far smaller than 16 MB; the OS caches the files under it). One backend
 * serves everything, so a handful of connection slots is plenty (another ~8 MiB).
 * How to pass them: https://github.com/electric-sql/pglite/discussions/912
 */
export const PGLITE_START_PARAMS = [
  ...PGlite.defaultStartParams,
  '-c',
  'shared_buffers=16MB',
  '-c',
  'max_connections=4',
];

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
  if (options.dataDir && !isInitialised(options.dataDir)) {
    await initialiseDataDir(options.dataDir, PGLITE_START_PARAMS);
  }
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    parsers,
    startParams: PGLITE_START_PARAMS,
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
