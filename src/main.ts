import { existsSync } from 'node:fs';
import { createTelegentOps } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createLogger, type Logger } from './log.js';
import { createMetrics } from './metrics.js';
import { createReplicaTelegentClient } from './replica-telegent-client.js';
import { CustomerNoticeSenderError, checkNoticeSender } from './requests/notice-sender-check.js';
import type { Sandbox } from './sandbox/server.js';
import { checkSlackConnection, SlackStartupError } from './slack/preflight.js';
import { slackSetupGuide } from './slack/setup-guide.js';
import { createCache } from './store/cache.js';
import { openStore, type Store } from './store/open-store.js';
import type { TelegentClient } from './telegent/client.js';

/** Errors whose message is the whole story for the operator: printed alone, no stack. */
function isOperatorError(error: unknown): error is Error {
  return (
    error instanceof ConfigError ||
    error instanceof SlackStartupError ||
    (error as Error)?.name === 'DataDirLockedError' ||
    error instanceof CustomerNoticeSenderError
  );
}

/**
 * The embedded Telegent sandbox, when no TELEGENT_ACCOUNT_KEY is set. Imported only then: a production
 * process never loads the simulator's code or its seed.
 */
async function startEmbeddedSandbox(config: Config, logger: Logger): Promise<Sandbox> {
  const { startSandbox } = await import('./sandbox/server.js');
  const sandboxLogger = logger.child({ component: 'sandbox' });
  const sandbox = await startSandbox({
    port: config.sandbox.port,
    accountKey: config.sandbox.accountKey,
    accountSecret: config.sandbox.accountSecret,
    rateLimitPerMinute: config.sandbox.rateLimitPerMinute,
    tokenTtlSeconds: config.sandbox.tokenTtlSeconds,
    speed: config.sandbox.speed,
    logger: sandboxLogger,
  }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    logger.warn(
      { port: config.sandbox.port },
      'SANDBOX_PORT is taken; the embedded sandbox uses a random port',
    );
    return startSandbox({ port: 0, speed: config.sandbox.speed, logger: sandboxLogger });
  });
  logger.info(
    { url: sandbox.url },
    'No TELEGENT_ACCOUNT_KEY: using the embedded Telegent SANDBOX (nothing real is ordered)',
  );
  return sandbox;
}

function createTelegent(
  config: Config,
  store: Store,
  sandbox: Sandbox | undefined,
  logger: Logger,
  onCall: (e: { endpoint: string; status: number | string }) => void,
): TelegentClient {
  const connection = sandbox
    ? { baseUrl: sandbox.url, accountKey: sandbox.accountKey, accountSecret: sandbox.accountSecret }
    : {
        baseUrl: config.telegent.baseUrl,
        accountKey: config.telegent.accountKey ?? '',
        accountSecret: config.telegent.accountSecret ?? '',
      };
  return createReplicaTelegentClient({
    ...connection,
    accountId: config.telegent.accountId,
    rateLimitPerMinute: config.telegent.rateLimitPerMinute,
    databaseUrl: config.store.databaseUrl,
    store,
    logger,
    onCall,
  });
}

/**
 * What start-up waits for, side by side rather than one after another: Slack's answer to auth.test (a
 * network round trip), the store (PGlite's open and the migrations) and the embedded sandbox. If one fails,
 * what the others opened is closed again and the first failure is reported.
 */
async function startParts(config: Config, logger: Logger) {
  const parts = await Promise.allSettled([
    checkSlackConnection({
      botToken: config.slack.botToken!,
      appToken: config.slack.appToken,
      slackApiUrl: config.slack.apiUrl,
      timeoutMs: 5_000,
      logger,
    }),
    openStore({
      databaseUrl: config.store.databaseUrl,
      dataDir: config.store.dataDir,
      encryptionKey: config.store.encryptionKey,
      logger,
    }),
    config.telegent.mode === 'sandbox' ? startEmbeddedSandbox(config, logger) : Promise.resolve(undefined),
  ]);
  const [identity, store, sandbox] = parts;
  if (identity.status === 'fulfilled' && store.status === 'fulfilled' && sandbox.status === 'fulfilled') {
    return { identity: identity.value, store: store.value, sandbox: sandbox.value };
  }
  if (store.status === 'fulfilled') await store.value.close().catch(() => {});
  if (sandbox.status === 'fulfilled') await sandbox.value?.close().catch(() => {});
  throw parts.find((part): part is PromiseRejectedResult => part.status === 'rejected')!.reason;
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  if (config.slack.missing.length > 0) {
    process.stderr.write(`${slackSetupGuide(config.slack.missing)}\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel });
  // With its stack (file paths, no values), so a rejection seen once in a drill can be traced.
  process.on('unhandledRejection', (reason) =>
    logger.error(
      { err: { message: (reason as Error)?.message, stack: (reason as Error)?.stack } },
      'unhandled rejection',
    ),
  );

  const { identity, store, sandbox } = await startParts(config, logger);
  logger.info({ team: identity.team, botUserId: identity.botUserId }, 'Slack token accepted');
  const metrics = createMetrics();
  const telegent = createTelegent(config, store, sandbox, logger, (e) =>
    metrics.telegentCalls.inc({ endpoint: e.endpoint, status: String(e.status) }),
  );
  metrics.setOpenOrdersSource(() => store.orders.countOpenByStatus());
  try {
    await checkNoticeSender(telegent, config.customers.notice);
  } catch (error) {
    await telegent.close().catch(() => {});
    await sandbox?.close().catch(() => {});
    await store.close().catch(() => {});
    throw error;
  }

  const ops = createTelegentOps({
    store,
    telegent,
    logger,
    metrics,
    sandbox: Boolean(sandbox),
    slack: {
      botToken: config.slack.botToken!,
      appToken: config.slack.appToken,
      signingSecret: config.slack.signingSecret,
      apiUrl: config.slack.apiUrl,
      port: config.slack.port,
      identity,
    },
    approvals: config.approvals,
    access: config.access,
    jobs: config.jobs,
    telegentAccountId: config.telegent.accountId,
    verificationMethods: config.customers.verificationMethods,
    customerNotice: config.customers.notice,
    usergroupCache: createCache<string[]>({
      shared: config.store.databaseUrl ? store.db : undefined,
      namespace: 'usergroup-members',
      ttlMs: 300_000,
    }),
  });
  const { port } = await ops.start();
  logger.info(
    {
      mode: ops.slack.mode,
      port,
      telegent: sandbox ? `sandbox at ${sandbox.url}` : config.telegent.baseUrl,
      store: config.store.databaseUrl ? 'postgres' : `embedded (${config.store.dataDir})`,
    },
    ops.slack.mode === 'http'
      ? `Telegent Ops is up: Slack requests at http://localhost:${port}/slack/events`
      : 'Telegent Ops is up (Socket Mode)',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new work, finishing what is running');
    try {
      await ops.stop();
      await telegent.close();
      await sandbox?.close();
      await store.close();
      logger.info('stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error({ err: { message: (error as Error).message } }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (isOperatorError(error)) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Telegent Ops could not start: ${(error as Error)?.message ?? String(error)}\n`);
  }
  process.exit(1);
});
