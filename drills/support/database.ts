/**
 * The store a drill's app processes share: a fresh database on the Postgres server named by DATABASE_URL
 * or TEST_DATABASE_URL (dropped at the end), or, when neither is set, nothing (`serverDatabaseUrl()` is
 * undefined) so the drill can use PGlite or say it is SKIPPED.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DrillRecorder } from './report.js';

/** The Postgres server to create drill databases on, if any. */
export function serverDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.DATABASE_URL || env.TEST_DATABASE_URL || undefined;
}

/** Why a drill asked to run on the server is skipped. */
export const SERVER_NEEDED = 'store "server" needs DATABASE_URL or TEST_DATABASE_URL';

/**
 * `pickStore`, written into the drill's figures ('store'); undefined when the server was asked for and none is
 * configured (the drill returns `recorder.skipped(SERVER_NEEDED)`).
 */
export function storeForDrill(
  recorder: DrillRecorder,
  option: 'auto' | 'server' | 'embedded' | undefined,
): 'server' | 'embedded' | undefined {
  const kind = pickStore(option);
  if (kind === 'server' && !serverDatabaseUrl()) return undefined;
  recorder.figure('store', kind === 'server' ? 'Postgres server' : 'PGlite (embedded)');
  return kind;
}

/** 'auto' (the default) means the server when one is configured, else embedded PGlite. */
export function pickStore(option: 'auto' | 'server' | 'embedded' | undefined): 'server' | 'embedded' {
  return option === 'server' || (option !== 'embedded' && serverDatabaseUrl()) ? 'server' : 'embedded';
}

export interface DrillDatabase {
  url: string;
  /** base64 32 bytes, shared by every replica. */
  encryptionKey: string;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh empty database `tg_drill_<random>` on the server at `serverUrl` (the app migrates it). */
export async function createDrillDatabase(serverUrl: string): Promise<DrillDatabase> {
  const name = `tg_drill_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const parsed = new URL(serverUrl);
  parsed.pathname = `/${name}`;
  return {
    url: parsed.toString(),
    encryptionKey: randomBytes(32).toString('base64'),
    drop: () =>
      withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

/** A temp DATA_DIR for the embedded store (PGlite), removed by `remove()`. */
export function createTempDataDir(prefix = 'telegent-drill-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * What a Postgres restart, a failover or an idle-connection reaper does to the app processes on `database`:
 * `cut()` refuses new connections (ALLOW_CONNECTIONS false) and ends the open ones (pg_terminate_backend);
 * `restore()` lets them in again. Runs as the server's admin, from outside the apps.
 */
export function databaseSwitch(serverUrl: string, database: DrillDatabase) {
  const name = new URL(database.url).pathname.slice(1);
  if (!/^\w+$/.test(name)) throw new Error(`unexpected drill database name ${name}`);
  return {
    cut: () =>
      withClient(serverUrl, async (c) => {
        await c.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
        await c.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [name],
        );
      }),
    /** A read of the drill database from outside the apps (a fresh connection each time). */
    query: <T>(sql: string, params: unknown[] = []) =>
      withClient(database.url, async (c) => (await c.query(sql, params)).rows as T[]),
    restore: () =>
      withClient(serverUrl, (c) => c.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`)).then(() => {}),
  };
}
