/** `npm run sandbox`: serves the Telegent sandbox alone. The one place the sandbox reads the environment. */
import { createLogger } from '../log.js';
import {
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  DEFAULT_SANDBOX_PORT,
  DEFAULT_TOKEN_TTL_SECONDS,
  startSandbox,
} from './server.js';

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`${name} must be a number ≥ 0 (got "${raw}")`);
    process.exit(2);
  }
  return value;
}

const logger = createLogger({ name: 'telegent-sandbox', level: process.env.LOG_LEVEL ?? 'info' });
const sandbox = await startSandbox({
  port: numberFromEnv('SANDBOX_PORT', DEFAULT_SANDBOX_PORT),
  host: process.env.SANDBOX_HOST || '127.0.0.1',
  accountKey: process.env.SANDBOX_ACCOUNT_KEY || undefined,
  accountSecret: process.env.SANDBOX_ACCOUNT_SECRET || undefined,
  rateLimitPerMinute: numberFromEnv('SANDBOX_RATE_LIMIT_PER_MINUTE', DEFAULT_RATE_LIMIT_PER_MINUTE),
  tokenTtlSeconds: numberFromEnv('SANDBOX_TOKEN_TTL_SECONDS', DEFAULT_TOKEN_TTL_SECONDS),
  speed: numberFromEnv('SANDBOX_SPEED', 1),
  logger,
});

console.log(`Telegent sandbox listening on ${sandbox.url}
  API base:       ${sandbox.url}/v1.0
  AccountKey:     ${sandbox.accountKey}
  AccountSecret:  ${sandbox.accountSecret}
  AccountId:      ${sandbox.accountId}
  Admin:          ${sandbox.url}/_sandbox/  (see docs/sandbox.md)`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the sandbox`);
  sandbox.close().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
