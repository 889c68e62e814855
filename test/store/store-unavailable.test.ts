import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDb } from '../../src/store/postgres-db.js';
import { isStoreUnavailable } from '../../src/store/store-unavailable.js';
import { capturedLogger } from '../support/captured-log.js';
import { connectionCutter } from '../support/cut-connections.js';
import { openTestStore, TEST_DATABASE_URL, type TestStore } from '../support/test-db.js';

/** The error `work` rejects with (the test fails if it resolves). */
async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

function databaseError(code: string, message: string, severity = 'ERROR'): pg.DatabaseError {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.code = code;
  error.severity = severity;
  return error;
}

describe('isStoreUnavailable', () => {
  it.each([
    ['57P01 terminated by an administrator', databaseError('57P01', 'terminating connection', 'FATAL'), true],
    ['57P02 crash shutdown', databaseError('57P02', 'terminating connection', 'FATAL'), true],
    ['57P03 starting up', databaseError('57P03', 'the database system is starting up', 'FATAL'), true],
    ['08006 connection failure', databaseError('08006', 'connection failure'), true],
    ['08001 could not connect', databaseError('08001', 'could not connect'), true],
    ['53300 too many connections', databaseError('53300', 'sorry, too many clients already', 'FATAL'), true],
    [
      '55000 at connect: ALLOW_CONNECTIONS false',
      databaseError('55000', 'database "x" is not currently accepting connections', 'FATAL'),
      true,
    ],
    ['55000 in a statement', databaseError('55000', 'currval of sequence is not yet defined'), false],
    ['23505 unique violation', databaseError('23505', 'duplicate key value'), false],
    ['42P01 missing table', databaseError('42P01', 'relation "x" does not exist'), false],
    ['a socket reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), true],
    ['a socket timeout', Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }), true],
    ['pg: the socket closed', new Error('Connection terminated unexpectedly'), true],
    ['pg: a connect timeout', new Error('Connection terminated due to connection timeout'), true],
    ['pg-pool: no connection in time', new Error('timeout exceeded when trying to connect'), true],
    ['PGlite closed', new Error('PGlite is closed'), true],
    [
      'wrapped in a cause',
      new Error('could not read', { cause: databaseError('57P01', 'x', 'FATAL') }),
      true,
    ],
    ['our own bug', new TypeError("Cannot read properties of undefined (reading 'id')"), false],
    [
      'a Slack error',
      Object.assign(new Error('An API error occurred: channel_not_found'), {
        code: 'slack_webapi_platform_error',
      }),
      false,
    ],
    ['nothing', undefined, false],
    ['a string', 'Connection terminated', false],
  ])('%s → %s', (_title, error, expected) => {
    expect(isStoreUnavailable(error)).toBe(expected);
  });

  it('is true for what pg really throws when nothing listens at the address (ECONNREFUSED)', async () => {
    const client = new pg.Client({ connectionString: 'postgres://app:pw@127.0.0.1:1/none' });
    const error = await failureOf(() => client.connect());
    expect(isStoreUnavailable(error)).toBe(true);
  });

  it('is true for a closed PGlite and false for a statement PGlite refuses', async () => {
    const { db, close } = await openTestStore('pglite');
    expect(isStoreUnavailable(await failureOf(() => db.query('SELEC 1')))).toBe(false);
    await close();
    expect(isStoreUnavailable(await failureOf(() => db.query('SELECT 1')))).toBe(true);
  });
});

describe.skipIf(!TEST_DATABASE_URL)(
  'the app pool while the server ends its connections (needs TEST_DATABASE_URL; skipped without it)',
  () => {
    let store: TestStore;
    const log = capturedLogger();
    let cutter: ReturnType<typeof connectionCutter>;
    let db: ReturnType<typeof createPostgresDb>;

    beforeAll(async () => {
      store = await openTestStore('postgres');
      const url = new URL(store.databaseUrl!);
      url.password = 'pool-secret-pw'; // trust auth ignores it; it must never reach a log line
      db = createPostgresDb({ connectionString: url.toString(), max: 4, logger: log.logger });
      cutter = connectionCutter(store.databaseUrl!);
    });
    afterAll(async () => {
      await cutter?.restore();
      await db?.close();
      await store?.close();
    });

    it('survives idle connections ended (57P01, told once, no secret), refuses while cut, and serves again after', async () => {
      // Four idle connections in the pool, and a transaction between two statements when the cut comes.
      await Promise.all([1, 2, 3].map(() => db.query('SELECT pg_sleep(0.05)')));
      await db
        .transaction(async (tx) => {
          await tx.query('SELECT 1');
          await cutter.cut();
          await new Promise((resolve) => setTimeout(resolve, 100)); // the terminated socket closes meanwhile
          await tx.query('SELECT 2');
        })
        .then(
          () => expect.fail('the transaction should fail'),
          (error) => expect(isStoreUnavailable(error)).toBe(true),
        );

      const refused = await failureOf(() => db.query('SELECT 1'));
      expect((refused as pg.DatabaseError).code).toBe('55000');
      expect(isStoreUnavailable(refused)).toBe(true);

      await cutter.restore();
      expect((await db.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
      expect((await db.transaction((tx) => tx.query<{ n: number }>('SELECT 2 AS n'))).rows).toEqual([
        { n: 2 },
      ]);

      const told = log.lines.filter((line) => line.includes('database connection lost'));
      expect(told).toHaveLength(1);
      expect(told[0]).toContain('57P01');
      expect(log.text()).not.toContain('pool-secret-pw');
    });
  },
);
