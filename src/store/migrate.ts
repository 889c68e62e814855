import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../log.js';
import type { Db } from './db.js';

/** The directory holding NNN_name.sql files, resolved next to this module (works under tsx and vitest). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Arbitrary constant shared by every replica: the advisory lock key serialising migrations. */
const MIGRATION_LOCK_KEY = 7_406_211_042;

export interface Migration {
  version: number;
  name: string;
  file: string;
  sql: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = /^(\d+)_([\w-]+)\.sql$/.exec(file);
    if (!match) throw new MigrationError(`Migration file ${file} in ${dir} is not named NNN_name.sql.`);
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) {
      throw new MigrationError(`Two migration files in ${dir} share version ${version} (${file}).`);
    }
    migrations.push({ version, name: match[2]!, file, sql: await readFile(join(dir, file), 'utf8') });
  }
  return migrations;
}

export interface MigrateOptions {
  dir?: string;
  logger?: Logger;
}

/**
 * Applies pending migrations in order, each in its own transaction that first takes a transaction-level
 * advisory lock and re-checks `schema_migrations`: replicas starting together apply each file once.
 * Returns the versions this call applied.
 */
export async function migrate(db: Db, options: MigrateOptions = {}): Promise<number[]> {
  const migrations = await loadMigrations(options.dir);
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const existing = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (existing.rowCount > 0) return false;
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new MigrationError(
          `Migration ${migration.file} failed: ${message}. Nothing of this file was applied; fix it and restart.`,
          { cause: error },
        );
      }
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (done) {
      applied.push(migration.version);
      options.logger?.info({ migration: migration.file }, 'migration applied');
    }
  }
  return applied;
}
