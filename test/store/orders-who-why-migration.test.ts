import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { MIGRATIONS_DIR, migrate } from '../../src/store/migrate.js';
import { createPgliteDb } from '../../src/store/pglite-db.js';
import { createPostgresDb } from '../../src/store/postgres-db.js';
import { createTestDatabase, storeKinds } from '../support/test-db.js';

/** A database migrated up to (not including) 013, as one deployed before it. */
async function databaseBefore013(kind: string, dir: string): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const db = await createPgliteDb();
    await migrate(db, { dir });
    return { db, drop: () => db.close() };
  }
  const database = await createTestDatabase();
  const db = createPostgresDb({ connectionString: database.url, max: 2 });
  await migrate(db, { dir });
  return {
    db,
    drop: async () => {
      await db.close();
      await database.drop();
    },
  };
}

describe.each(storeKinds())('migration 013 (who and why on orders) on %s', (kind) => {
  let before: string;
  beforeAll(() => {
    before = mkdtempSync(join(tmpdir(), 'tg-before-013-'));
    for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql') && f < '013'))
      copyFileSync(join(MIGRATIONS_DIR, file), join(before, file));
  });
  afterAll(() => rmSync(before, { recursive: true, force: true }));

  it("fills existing orders from their request's input and the channel's binding to the same account", async () => {
    const { db, drop } = await databaseBefore013(kind, before);
    try {
      await db.query(
        `INSERT INTO requests (id, kind, status, input, requested_by, channel_id, account_id) VALUES
           ('req_jane', 'portin', 'succeeded', $1, 'U1', 'C_BOUND', 'AID-1'),
           ('req_bare', 'portin', 'succeeded', '{"phoneNumber":"+18015550100"}', 'U1', 'C_OTHER', NULL)`,
        [
          JSON.stringify({
            phoneNumber: '+14155550142',
            customerName: ' Jane Doe ',
            requestReason: 'ZD-4821',
          }),
        ],
      );
      await db.query(
        `INSERT INTO channel_accounts (channel_id, account_id, account_name, bound_by)
         VALUES ('C_BOUND', 'AID-1', 'Acme', 'U2')`,
      );
      await db.query(
        `INSERT INTO orders (order_id, kind, status, channel_id, request_id, requested_by, account_id) VALUES
           ('JNUOID-jane', 'portin', 'Submitted', 'C_BOUND', 'req_jane', 'U1', 'AID-1'),
           ('JNUOID-bare', 'portin', 'Submitted', 'C_OTHER', 'req_bare', 'U1', NULL),
           ('JNUOID-none', 'portin', 'Submitted', 'C_BOUND', NULL, 'U1', 'AID-9')`,
      );
      expect(await migrate(db)).toContain(13);
      const { rows } = await db.query<Record<string, string | null>>(
        'SELECT order_id, customer_name, account_name, request_reason FROM orders ORDER BY order_id',
      );
      expect(rows).toEqual([
        { order_id: 'JNUOID-bare', customer_name: null, account_name: null, request_reason: null },
        {
          order_id: 'JNUOID-jane',
          customer_name: 'Jane Doe',
          account_name: 'Acme',
          request_reason: 'ZD-4821',
        },
        // Filed under another account than the channel's binding: that name would be wrong.
        { order_id: 'JNUOID-none', customer_name: null, account_name: null, request_reason: null },
      ]);
    } finally {
      await drop();
    }
  });
});
