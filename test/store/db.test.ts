import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';

describe.each(storeKinds())('Db on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());

  it('returns the same value types on both stores', async () => {
    const { rows } = await store.db.query<Record<string, unknown>>(
      `SELECT 42::bigint AS big, count(*) AS n, '2025-03-04T05:06:07Z'::timestamptz AS at,
         '2025-03-04'::date AS day, $1::jsonb AS doc, $2::text[] AS list, 1.50::numeric AS num`,
      [JSON.stringify([{ a: 1 }]), ['+18015551234', '+18015551235']],
    );
    expect(rows[0]).toEqual({
      big: 42,
      n: 1,
      at: new Date('2025-03-04T05:06:07Z'),
      day: '2025-03-04',
      doc: [{ a: 1 }],
      list: ['+18015551234', '+18015551235'],
      num: '1.50',
    });
  });

  it('reports rowCount for updates', async () => {
    await store.db.exec('CREATE TABLE t_rowcount (x int); INSERT INTO t_rowcount VALUES (1), (2), (3);');
    const result = await store.db.query('UPDATE t_rowcount SET x = x + 1 WHERE x > 1');
    expect(result.rowCount).toBe(2);
  });

  it('commits a transaction and rolls back a failed one', async () => {
    await store.db.exec('CREATE TABLE t_tx (x int PRIMARY KEY)');
    await store.db.transaction(async (tx) => {
      await tx.query('INSERT INTO t_tx VALUES (1)');
      await tx.transaction((inner) => inner.query('INSERT INTO t_tx VALUES (2)'));
    });
    await expect(
      store.db.transaction(async (tx) => {
        await tx.query('INSERT INTO t_tx VALUES (3)');
        await tx.query('INSERT INTO t_tx VALUES (1)');
      }),
    ).rejects.toThrow(/duplicate key/);
    const { rows } = await store.db.query<{ x: number }>('SELECT x FROM t_tx ORDER BY x');
    expect(rows.map((r) => r.x)).toEqual([1, 2]);
  });
});

describe.each(storeKinds())('Db transactions on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());

  it('keeps a query issued outside an open transaction out of it', async () => {
    await store.db.exec('CREATE TABLE t_iso (x int)');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserted!: () => void;
    const firstInsert = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const tx = store.db
      .transaction(async (t) => {
        await t.query('INSERT INTO t_iso VALUES (1)');
        inserted();
        await gate;
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);
    await firstInsert;
    const outside = store.db.query('INSERT INTO t_iso VALUES (2)');
    release();
    expect(await tx).toBe('roll back');
    await outside;
    const { rows } = await store.db.query<{ x: number }>('SELECT x FROM t_iso');
    expect(rows.map((r) => r.x)).toEqual([2]);
  });
});
