import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { silentLogger } from '../../src/log.js';
import type { Db } from '../../src/store/db.js';
import { loadMigrations, migrate } from '../../src/store/migrate.js';
import { type Store, storeOver } from '../../src/store/open-store.js';
import { createPgliteDb } from '../../src/store/pglite-db.js';
import { createPostgresDb } from '../../src/store/postgres-db.js';

export type StoreKind = 'pglite' | 'postgres';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

/** The stores every store test runs on: PGlite always, the Postgres server when TEST_DATABASE_URL is set. */
export function storeKinds(): StoreKind[] {
  return TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export type TestStore = Store & {
  kind: StoreKind;
  /** The isolated database's URL (postgres only): open more pools on it to play other replicas. */
  databaseUrl?: string;
  encryptionKey: Buffer;
};

let template: Promise<Blob> | undefined;

/**
 * A migrated PGlite data dir as a tarball. Built once (3–4 s) and cached in the OS temp dir keyed by the
 * migrations' content, so each test process only pays the ~0.7 s load.
 */
function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const migrations = await loadMigrations();
    const hash = createHash('sha256');
    for (const m of migrations) hash.update(m.file).update(m.sql);
    const path = join(tmpdir(), `telegent-ops-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
    if (existsSync(path)) return new Blob([readFileSync(path)]);
    const db = await createPgliteDb();
    await migrate(db);
    const dump = await db.pglite.dumpDataDir('none');
    await db.close();
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.from(await dump.arrayBuffer()));
    renameSync(temp, path);
    return dump;
  })();
  return template;
}

/** Opens a pg Pool on `url`'s server but database `name`. */
export function urlForDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh empty database on the test server (`tg_test_<random>`), and a function that drops it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `tg_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    url: urlForDatabase(TEST_DATABASE_URL, name),
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

/** A fresh, isolated, migrated store. Close it in afterAll (postgres: drops the database). */
export async function openTestStore(kind: StoreKind): Promise<TestStore> {
  const encryptionKey = randomBytes(32);
  if (kind === 'pglite') {
    const db = await createPgliteDb({ loadDataDir: await pgliteTemplate() });
    return { ...storeOver(db, encryptionKey, () => db.close()), kind, encryptionKey };
  }
  const database = await createTestDatabase();
  const db: Db = createPostgresDb({ connectionString: database.url, max: 20 });
  await migrate(db, { logger: silentLogger });
  const close = async () => {
    await db.close();
    await database.drop();
  };
  return { ...storeOver(db, encryptionKey, close), kind, databaseUrl: database.url, encryptionKey };
}
