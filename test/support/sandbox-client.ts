import { startSandbox } from '../../src/sandbox/server.js';
import {
  createTelegentClient,
  type TelegentClient,
  type TelegentClientOptions,
} from '../../src/telegent/client.js';
import { capturedLogger } from './captured-log.js';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** A sandbox plus a client on it, a debug logger whose lines are kept, and fast retries. */
export async function startClientOnSandbox(
  sandboxOptions: Parameters<typeof startSandbox>[0] = {},
  clientOptions: Partial<TelegentClientOptions> = {},
): Promise<{
  sb: Sandbox;
  client: TelegentClient;
  log: ReturnType<typeof capturedLogger>;
  makeClient: (extra?: Partial<TelegentClientOptions>) => TelegentClient;
  close: () => Promise<void>;
}> {
  const sb = await startSandbox({ rateLimitPerMinute: 6_000, speed: 1, ...sandboxOptions });
  const log = capturedLogger('debug');
  const clients: TelegentClient[] = [];
  const makeClient = (extra: Partial<TelegentClientOptions> = {}) => {
    const client = createTelegentClient({
      baseUrl: sb.url,
      accountKey: sb.accountKey,
      accountSecret: sb.accountSecret,
      rateLimitPerMinute: 6_000,
      logger: log.logger,
      retry: { baseDelayMs: 20, maxDelayMs: 2_000 },
      timeouts: { connectMs: 1_000, headersMs: 1_500, bodyMs: 1_500 },
      ...clientOptions,
      ...extra,
    });
    clients.push(client);
    return client;
  };
  const client = makeClient();
  return {
    sb,
    client,
    log,
    makeClient,
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await sb.close();
    },
  };
}

/** Journal entries for one API path (token requests excluded unless asked for). */
export function callsTo(sb: Sandbox, path: string) {
  return sb.journal().filter((e) => e.path.toLowerCase() === path.toLowerCase());
}

export const TOKEN_PATH = '/v1.0/oauth2/tokens';
