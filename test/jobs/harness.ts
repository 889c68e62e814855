import { webApi } from '@slack/bolt';
import { Keyv } from 'keyv';
import { type Jobs, type StartJobsOptions, startJobs } from '../../src/jobs/index.js';
import { silentLogger } from '../../src/log.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/server.js';
import { migrate } from '../../src/store/migrate.js';
import { type Store, storeOver } from '../../src/store/open-store.js';
import type { NewOrder } from '../../src/store/orders-repo.js';
import { createPostgresDb } from '../../src/store/postgres-db.js';
import { type CallEvent, createTelegentClient, type TelegentClient } from '../../src/telegent/client.js';
import { createPgRateSlots } from '../../src/telegent/pg-rate-slots.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import type { TestStore } from '../support/test-db.js';

export const T0 = new Date('2030-01-14T15:00:00Z');
export const BOT_TOKEN = 'xoxb-test-jobs';
export const ADDRESS = { Street1: '1 Main St', City: 'Austin', State: 'TX', Zip: '78701' };
export const POLL = {
  pollShare: 0.5,
  telegentRateLimitPerMinute: 600,
  orderPollMinSeconds: 300,
  orderPollMaxSeconds: 21_600,
};

export async function startWorld(options: { rateLimitPerMinute?: number } = {}) {
  const sb = await startSandbox({
    speed: 0,
    startTime: T0,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
    seed: 7,
  });
  const slack = await startFakeSlack();
  const web = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
  return { sb, slack, web };
}

/** A Telegent client on the sandbox whose slots come from the store's shared Postgres bucket. */
export function telegentFor(
  sb: Sandbox,
  store: Pick<Store, 'rateLimits'>,
  options: { perMinute?: number; onCall?: (e: CallEvent) => void; bucket?: string } = {},
): TelegentClient {
  return createTelegentClient({
    baseUrl: sb.url,
    accountKey: sb.accountKey,
    accountSecret: sb.accountSecret,
    rateSlots: createPgRateSlots({
      rateLimits: store.rateLimits,
      perMinute: options.perMinute ?? 60_000,
      bucket: options.bucket,
    }),
    tokenCache: new Keyv({ throwOnErrors: true }),
    retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 2_000 },
    timeouts: { connectMs: 500, headersMs: 400, bodyMs: 400 },
    onCall: options.onCall,
  });
}

export function jobsFor(
  store: Store,
  telegent: TelegentClient,
  sb: Sandbox,
  web: StartJobsOptions['slack'],
  extra: Partial<StartJobsOptions> = {},
): Jobs {
  return startJobs({
    store,
    telegent,
    slack: web,
    logger: silentLogger,
    config: POLL,
    sandbox: true,
    schedule: false,
    now: () => sb.clock.now(),
    ...extra,
  });
}

/** A second Store on the same server database (another replica's pool). */
export async function secondReplica(store: TestStore): Promise<Store> {
  if (!store.databaseUrl) throw new Error('second replica needs the Postgres server');
  const db = createPostgresDb({ connectionString: store.databaseUrl, max: 10 });
  await migrate(db, { logger: silentLogger });
  return storeOver(db, store.encryptionKey, () => db.close());
}

export function newOrder(orderId: string, now: Date, overrides: Partial<NewOrder> = {}): NewOrder {
  return {
    orderId,
    kind: 'portin',
    numbers: ['+15125550000'],
    status: 'Pending',
    channelId: 'C_PORTS',
    requestedBy: 'U_REQ',
    nextCheckAt: now,
    ...overrides,
  };
}

/** Text of a recorded Slack call (text + blocks), for assertions. */
export function callText(call: { body: Record<string, unknown> }): string {
  return `${String(call.body.text ?? '')}\n${JSON.stringify(call.body.blocks ?? [])}`;
}

export type World = Awaited<ReturnType<typeof startWorld>>;
export type { FakeSlack, Sandbox };
