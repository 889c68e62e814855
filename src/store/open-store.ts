import { join, resolve } from 'node:path';
import type { Logger } from '../log.js';
import { createAuditRepo } from './audit-repo.js';
import { createChannelAccountsRepo } from './channel-accounts-repo.js';
import { createCustomerNoticesRepo } from './customer-notices-repo.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import type { Db } from './db.js';
import { createDigestRepo } from './digest-repo.js';
import { loadEncryptionKey } from './encryption-key.js';
import { createHeadsUpsRepo } from './headsups-repo.js';
import { createHistoryRepo } from './history-repo.js';
import { createJobSlotsRepo } from './job-slots-repo.js';
import { createLineSubscriptionsRepo } from './line-subscriptions-repo.js';
import { MigrationError, migrate } from './migrate.js';
import { createOrderEventsRepo } from './order-events-repo.js';
import { createOrdersRepo } from './orders-repo.js';
import { createPostgresDb } from './postgres-db.js';
import { createRateLimitRepo } from './rate-limit-repo.js';
import { createRemindersRepo } from './reminders-repo.js';
import { createRequestItemsRepo } from './request-items-repo.js';
import { createRequestMessagesRepo } from './request-messages-repo.js';
import { createRequestsRepo } from './requests-repo.js';
import { createSecretsCipher, type SecretsCipher } from './secrets-cipher.js';
import { createStepRequestsRepo } from './step-requests-repo.js';

export interface Store {
  db: Db;
  /** AES-256-GCM with the store's key: request secrets, and caches that hold secrets (Telegent tokens). */
  cipher: SecretsCipher;
  requests: ReturnType<typeof createRequestsRepo>;
  orders: ReturnType<typeof createOrdersRepo>;
  /** The outbox of order status changes (written with the order by `orders.recordStatus`). */
  orderEvents: ReturnType<typeof createOrderEventsRepo>;
  audit: ReturnType<typeof createAuditRepo>;
  /** `/telegent history`: our steps and the carrier's, merged. */
  history: ReturnType<typeof createHistoryRepo>;
  digests: ReturnType<typeof createDigestRepo>;
  channelAccounts: ReturnType<typeof createChannelAccountsRepo>;
  headsUps: ReturnType<typeof createHeadsUpsRepo>;
  jobSlots: ReturnType<typeof createJobSlotsRepo>;
  rateLimits: ReturnType<typeof createRateLimitRepo>;
  reminders: ReturnType<typeof createRemindersRepo>;
  /** Redraws of each request's messages and its once-only posts (notify/request-messages.ts). */
  requestMessages: ReturnType<typeof createRequestMessagesRepo>;
  /** The text to a line when a SIM swap or port-out PIN is requested (requests/customer-notice.ts). */
  customerNotices: ReturnType<typeof createCustomerNoticesRepo>;
  /** The step that puts a request's new line on its plan (jobs/line-subscriptions.ts). */
  lineSubscriptions: ReturnType<typeof createLineSubscriptionsRepo>;
  /** The items of a request that does several of one kind (requests/batch.ts). */
  requestItems: ReturnType<typeof createRequestItemsRepo>;
  /** Workflow Builder step runs that filed a request, completed once it is final (notify/step-completion.ts). */
  stepRequests: ReturnType<typeof createStepRequestsRepo>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Postgres server; unset → embedded PGlite in `${dataDir}/pglite`. */
  databaseUrl?: string;
  dataDir: string;
  /** ENCRYPTION_KEY (base64, 32 bytes). Required with databaseUrl; generated into dataDir otherwise. */
  encryptionKey?: string;
  logger: Logger;
}

/** Builds the repositories over an opened, migrated Db. */
export function storeOver(db: Db, encryptionKey: Buffer, close: () => Promise<void>): Store {
  const cipher = createSecretsCipher(encryptionKey);
  return {
    db,
    cipher,
    requests: createRequestsRepo(db, cipher),
    orders: createOrdersRepo(db),
    orderEvents: createOrderEventsRepo(db),
    audit: createAuditRepo(db),
    history: createHistoryRepo(db),
    digests: createDigestRepo(db),
    channelAccounts: createChannelAccountsRepo(db),
    headsUps: createHeadsUpsRepo(db),
    jobSlots: createJobSlotsRepo(db),
    rateLimits: createRateLimitRepo(db),
    reminders: createRemindersRepo(db),
    requestMessages: createRequestMessagesRepo(db),
    customerNotices: createCustomerNoticesRepo(db),
    lineSubscriptions: createLineSubscriptionsRepo(db),
    requestItems: createRequestItemsRepo(db),
    stepRequests: createStepRequestsRepo(db, cipher),
    close,
  };
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** Opens the Postgres server or the embedded database, applies migrations, and returns the repositories. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { logger } = options;
  const embedded = !options.databaseUrl;
  const key = loadEncryptionKey({
    encryptionKey: options.encryptionKey,
    dataDir: options.dataDir,
    embedded,
    logger,
  });

  if (options.databaseUrl) {
    const db = createPostgresDb({ connectionString: options.databaseUrl, logger });
    try {
      await migrate(db, { logger });
    } catch (error) {
      await db.close();
      if (error instanceof MigrationError) throw error;
      throw new Error(
        `Could not open the Postgres database at ${describeUrl(options.databaseUrl)}: ${(error as Error).message}. ` +
          'Check DATABASE_URL and that the server is running.',
        { cause: error },
      );
    }
    logger.info({ store: 'postgres', server: describeUrl(options.databaseUrl) }, 'store opened');
    return storeOver(db, key, () => db.close());
  }

  const dataDir = resolve(options.dataDir);
  const lock: DataDirLock = acquireDataDirLock(dataDir);
  let db: Db | undefined;
  try {
    const started = Date.now();
    // Loaded only here: a process on a Postgres server never loads PGlite.
    const { createPgliteDb } = await import('./pglite-db.js');
    db = await createPgliteDb({ dataDir: join(dataDir, 'pglite') });
    await migrate(db, { logger });
    logger.info({ store: 'pglite', dataDir, ms: Date.now() - started }, 'store opened');
  } catch (error) {
    await db?.close().catch(() => {});
    lock.release();
    throw error;
  }
  const opened = db;
  let closing: Promise<void> | undefined;
  return storeOver(opened, key, () => {
    closing ??= opened.close().finally(() => lock.release());
    return closing;
  });
}
