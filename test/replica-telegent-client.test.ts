import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/log.js';
import { createReplicaTelegentClient } from '../src/replica-telegent-client.js';
import { SEED_SUBSCRIBER_IDS } from '../src/sandbox/seed.js';
import { startSandbox } from '../src/sandbox/server.js';
import { CACHE_TABLE } from '../src/store/cache.js';
import { storeOver } from '../src/store/open-store.js';
import { createPostgresDb } from '../src/store/postgres-db.js';
import type { TelegentClient } from '../src/telegent/client.js';
import { callsTo, type Sandbox, TOKEN_PATH } from './support/sandbox-client.js';
import { openTestStore, type TestStore } from './support/test-db.js';

/**
 * Two replicas on one Postgres server, each with its own process memory (its own client, token cache
 * object and pool) but one kv_cache and one ENCRYPTION_KEY, against the sandbox over HTTP. Needs the
 * server: embedded PGlite serves one process, whose tokens never leave it.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)(
  'Telegent tokens shared by two replicas on the Postgres server (needs TEST_DATABASE_URL; skipped without it)',
  () => {
    let sb: Sandbox;
    let store: TestStore;
    let otherReplicaClose: () => Promise<void>;
    const replicas: TelegentClient[] = [];

    beforeAll(async () => {
      sb = await startSandbox({ rateLimitPerMinute: 6_000 });
      store = await openTestStore('postgres');
      const otherDb = createPostgresDb({ connectionString: store.databaseUrl! });
      const otherStore = storeOver(otherDb, store.encryptionKey, () => otherDb.close());
      otherReplicaClose = () => otherStore.close();
      for (const replicaStore of [store, otherStore]) {
        replicas.push(
          createReplicaTelegentClient({
            baseUrl: sb.url,
            accountKey: sb.accountKey,
            accountSecret: sb.accountSecret,
            rateLimitPerMinute: 6_000,
            databaseUrl: store.databaseUrl,
            store: replicaStore,
            logger: silentLogger,
          }),
        );
      }
    });
    afterAll(async () => {
      await Promise.all(replicas.map((client) => client.close()));
      await otherReplicaClose?.();
      await store?.close();
      await sb?.close();
    });

    it('mint one token per scope between them, however many calls each makes, and store none in the clear', async () => {
      sb.clearJournal();
      const callsPerScope = (client: TelegentClient) => [
        ...Array.from({ length: 4 }, () => client.listMessageRoutes()),
        ...Array.from({ length: 4 }, () => client.listVoiceRoutes()),
        ...Array.from({ length: 4 }, (_, i) => client.getSubscriber(SEED_SUBSCRIBER_IDS[i]!)),
      ];
      // Both replicas cold and at once (a deploy starting them together), then again warm.
      await Promise.all(replicas.flatMap(callsPerScope));
      await Promise.all(replicas.flatMap(callsPerScope));

      const mintsPerScope = new Map<string, number>();
      for (const mint of callsTo(sb, TOKEN_PATH)) {
        const scope = new URL(String(mint.scope)).pathname;
        mintsPerScope.set(scope, (mintsPerScope.get(scope) ?? 0) + 1);
      }
      expect(Object.fromEntries(mintsPerScope)).toEqual({
        '/v1.0/account/message/routes': 1,
        '/v1.0/account/voice/routes': 1,
        '/v1.0/subscribers/get': 1,
      });
      expect(callsTo(sb, '/v1.0/subscribers/get')).toHaveLength(16);

      const token = await replicas[1]!.getToken('/v1.0/subscribers/get');
      expect(await replicas[0]!.getToken('/v1.0/subscribers/get')).toBe(token);
      const { rows } = await store.db.query<{ key: string; value: string }>(
        `SELECT key, value FROM ${CACHE_TABLE} WHERE key LIKE 'telegent-token:%'`,
      );
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(row.value).not.toContain(token);
    });
  },
);
