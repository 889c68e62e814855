import { EventEmitter } from 'node:events';
import type { Db } from './db.js';

/**
 * A keyv store on the app's own Db: one table (`key`, `value` text, as @keyv/postgres laid it out, so rows
 * written before stay readable). It replaces @keyv/postgres, which kept a second, module-global pg Pool of
 * its own that the app could not reach: nobody listened for that pool's 'error' event, so a Postgres restart
 * ending its idle connections ended the process. On the store's pool, a lost connection is handled once,
 * and the caches fail and come back with the rest of the store.
 */
export class DbKvStore extends EventEmitter {
  /** keyv sets it; keys arrive already prefixed with it. */
  namespace?: string;

  constructor(
    private readonly db: Db,
    private readonly table: string,
  ) {
    super();
  }

  /** The table is the store's (migration 015_kv_cache), made before any cache is used. */
  private async query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return (await this.db.query<T>(sql, params)).rows;
  }

  async get(key: string): Promise<string | undefined> {
    const rows = await this.query<{ value: string }>(`SELECT value FROM ${this.table} WHERE key = $1`, [key]);
    return rows[0]?.value;
  }

  async getMany(keys: string[]): Promise<Array<string | undefined>> {
    const rows = await this.query<{ key: string; value: string }>(
      `SELECT key, value FROM ${this.table} WHERE key = ANY($1)`,
      [keys],
    );
    const byKey = new Map(rows.map((row) => [row.key, row.value]));
    return keys.map((key) => byKey.get(key));
  }

  async set(key: string, value: string): Promise<void> {
    await this.query(
      `INSERT INTO ${this.table} (key, value) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [key, value],
    );
  }

  async delete(key: string): Promise<boolean> {
    const rows = await this.query(`DELETE FROM ${this.table} WHERE key = $1 RETURNING key`, [key]);
    return rows.length > 0;
  }

  async has(key: string): Promise<boolean> {
    const rows = await this.query(`SELECT 1 FROM ${this.table} WHERE key = $1`, [key]);
    return rows.length > 0;
  }

  /** This namespace's rows (`<namespace>:…`), or every row without one. */
  async clear(): Promise<void> {
    const prefix = this.namespace ? `${this.namespace.replace(/[\\%_]/g, '\\$&')}:%` : '%';
    await this.query(`DELETE FROM ${this.table} WHERE key LIKE $1`, [prefix]);
  }

  /** The Db is the store's: it closes with the store. */
  async disconnect(): Promise<void> {}
}
