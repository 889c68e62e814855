import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, MigrationError, migrate } from '../../src/store/migrate.js';
import { createPostgresDb } from '../../src/store/postgres-db.js';
import { createTestDatabase, openTestStore, storeKinds, type TestStore } from '../support/test-db.js';

const SHIPPED = [
  '001_init.sql',
  '002_effectively_once_posts.sql',
  '003_rejected_is_open.sql',
  '004_port_date_headsups.sql',
  '005_order_kinds_from_registry.sql',
  '006_channel_accounts.sql',
  '007_orders_account.sql',
  '008_poll_freshness.sql',
  '009_request_approvals.sql',
  '010_approval_reminders.sql',
  '011_request_story.sql',
  '012_request_messages.sql',
  '013_orders_who_why.sql',
  '014_customer_notices.sql',
  '015_kv_cache.sql',
  '016_line_subscriptions.sql',
  '017_request_items.sql',
  '018_step_requests.sql',
  '020_batch_orders.sql',
];
/** Versions as the file names give them (numbers are assigned per branch, so they may skip). */
const VERSIONS = SHIPPED.map((file) => Number(file.slice(0, 3)));

describe.each(storeKinds())('migrations on %s', (kind) => {
  let store: TestStore;
  let brokenDir: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    brokenDir = mkdtempSync(join(tmpdir(), 'tg-migrations-'));
    for (const file of SHIPPED) copyFileSync(join(MIGRATIONS_DIR, file), join(brokenDir, file));
    writeFileSync(
      join(brokenDir, '999_broken.sql'),
      'CREATE TABLE half_done (x int);\nALTER TABLE no_such_table ADD COLUMN y int;\n',
    );
  });
  afterAll(async () => {
    await store?.close();
    rmSync(brokenDir, { recursive: true, force: true });
  });

  it('records what it applied and applies nothing the second time', async () => {
    const { rows } = await store.db.query<{ version: number; name: string; applied_at: Date }>(
      'SELECT version, name, applied_at FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => [r.version, r.name])).toEqual([
      [1, 'init'],
      [2, 'effectively_once_posts'],
      [3, 'rejected_is_open'],
      [4, 'port_date_headsups'],
      [5, 'order_kinds_from_registry'],
      [6, 'channel_accounts'],
      [7, 'orders_account'],
      [8, 'poll_freshness'],
      [9, 'request_approvals'],
      [10, 'approval_reminders'],
      [11, 'request_story'],
      [12, 'request_messages'],
      [13, 'orders_who_why'],
      [14, 'customer_notices'],
      [15, 'kv_cache'],
      [16, 'line_subscriptions'],
      [17, 'request_items'],
      [18, 'step_requests'],
      [20, 'batch_orders'],
    ]);
    expect(rows[0]!.applied_at).toBeInstanceOf(Date);
    expect(await migrate(store.db)).toEqual([]);
    expect(await migrate(store.db)).toEqual([]);
    const count = await store.db.query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
    expect(Number(count.rows[0]!.n)).toBe(SHIPPED.length);
  });

  it('stops on a failing migration with an error naming the file and the SQL error, applying none of it', async () => {
    const error = await migrate(store.db, { dir: brokenDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(
      /Migration 999_broken\.sql failed: .*no_such_table.*does not exist/,
    );
    const half = await store.db.query<{ t: string | null }>("SELECT to_regclass('half_done')::text AS t");
    expect(half.rows[0]!.t).toBeNull();
    const versions = await store.db.query<{ version: number }>('SELECT version FROM schema_migrations');
    expect(versions.rows.map((r) => r.version)).toEqual(VERSIONS);
  });
});

describe('migrations racing on the Postgres server', () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'two replicas migrating one empty database at once apply each file once (needs TEST_DATABASE_URL; skipped without it)',
    async () => {
      const database = await createTestDatabase();
      const replicas = [1, 2, 3].map(() => createPostgresDb({ connectionString: database.url, max: 2 }));
      try {
        const applied = await Promise.all(replicas.map((db) => migrate(db)));
        expect(applied.flat().sort((a, b) => a - b)).toEqual(VERSIONS);
        const { rows } = await replicas[0]!.query<{ n: number }>(
          'SELECT count(*) AS n FROM schema_migrations',
        );
        expect(Number(rows[0]!.n)).toBe(SHIPPED.length);
      } finally {
        await Promise.all(replicas.map((db) => db.close()));
        await database.drop();
      }
    },
  );
});
