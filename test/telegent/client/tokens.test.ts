import { Keyv } from 'keyv';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_NUMBERS, SEED_SUBSCRIBER_IDS } from '../../../src/sandbox/seed.js';
import { TelegentError } from '../../../src/telegent/errors.js';
import { parseTokenExpiry, refreshMarginMs } from '../../../src/telegent/token-cache.js';
import { callsTo, startClientOnSandbox, TOKEN_PATH } from '../../support/sandbox-client.js';

const env = await startClientOnSandbox();
const { sb } = env;
afterAll(() => env.close());

describe('token expiry format', () => {
  it('parses MM/DD/YYYY hh:mm:ss AM/PM as UTC', () => {
    expect(parseTokenExpiry('05/02/2025 06:36:13 PM')).toBe(Date.UTC(2025, 4, 2, 18, 36, 13));
    expect(parseTokenExpiry('01/15/2026 12:05:00 AM')).toBe(Date.UTC(2026, 0, 15, 0, 5, 0));
    expect(parseTokenExpiry('01/15/2026 12:05:00 PM')).toBe(Date.UTC(2026, 0, 15, 12, 5, 0));
    expect(parseTokenExpiry('nonsense')).toBeUndefined();
    expect(refreshMarginMs(600_000)).toBe(30_000);
    expect(refreshMarginMs(60_000)).toBe(6_000);
  });
});

describe('tokens', () => {
  it('are scoped: a token for one endpoint is refused by another, and each endpoint mints its own', async () => {
    const client = env.makeClient();
    const token = await client.getToken('/v1.0/numbers/inventory');
    const other = await request(`${sb.url}/v1.0/numbers/order?OrderId=JNUOID-x`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await other.body.dump();
    expect(other.statusCode).toBe(403);
    const same = await request(`${sb.url}/v1.0/numbers/inventory`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await same.body.dump();
    expect(same.statusCode).toBe(200);

    await client.listInventory();
    await client.getSubscriber(SEED_SUBSCRIBER_IDS[1]);
    const scopes = callsTo(sb, TOKEN_PATH).map((e) => new URL(String(e.scope)).pathname);
    expect(scopes).toEqual(expect.arrayContaining(['/v1.0/numbers/inventory', '/v1.0/subscribers/get']));
  });

  it('single-flight: 20 concurrent callers on a cold scope cause exactly one token mint', async () => {
    const client = env.makeClient();
    sb.clearJournal();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.getNumber({ Number: SEED_NUMBERS[i % SEED_NUMBERS.length] as string }),
      ),
    );
    expect(results).toHaveLength(20);
    const mints = callsTo(sb, TOKEN_PATH);
    expect(mints).toHaveLength(1);
    expect(callsTo(sb, '/v1.0/numbers')).toHaveLength(20);
  });

  it('are reused until expiry minus the margin, then minted again', async () => {
    let now = Date.now();
    const client = env.makeClient({ now: () => now, tokenCache: new Keyv({ throwOnErrors: true }) });
    sb.clearJournal();
    await client.listMessageRoutes();
    await client.listMessageRoutes();
    expect(callsTo(sb, TOKEN_PATH)).toHaveLength(1);
    now += 600_000 - 31_000; // default sandbox TTL 600 s, margin 30 s
    await client.listMessageRoutes();
    expect(callsTo(sb, TOKEN_PATH)).toHaveLength(1);
    now += 2_000;
    await client.listMessageRoutes();
    expect(callsTo(sb, TOKEN_PATH)).toHaveLength(2);
  });

  it('short-lived tokens from the server are honoured (TTL 2 s)', async () => {
    sb.setTokenTtl(2);
    try {
      let now = Date.now();
      const client = env.makeClient({ now: () => now });
      sb.clearJournal();
      await client.getSubscriber(SEED_SUBSCRIBER_IDS[2]);
      await client.getSubscriber(SEED_SUBSCRIBER_IDS[2]);
      expect(callsTo(sb, TOKEN_PATH)).toHaveLength(1);
      now += 2_100;
      await client.getSubscriber(SEED_SUBSCRIBER_IDS[2]);
      expect(callsTo(sb, TOKEN_PATH)).toHaveLength(2);
    } finally {
      sb.setTokenTtl(600);
    }
  });

  it('a token the server already expired (clock advance) is refreshed once and the call retried', async () => {
    const client = env.makeClient();
    await client.listVoiceRoutes();
    sb.clearJournal();
    sb.clock.advance(3_600);
    const routes = await client.listVoiceRoutes();
    expect(routes.Results.length).toBeGreaterThan(0);
    const statuses = sb.journal().map((e) => `${e.path} ${e.status}`);
    expect(statuses).toEqual([
      '/v1.0/account/voice/routes 401',
      `${TOKEN_PATH} 200`,
      '/v1.0/account/voice/routes 200',
    ]);
  });

  it('bad credentials are an auth error naming the variables to check, without the secret', async () => {
    const client = env.makeClient({ accountSecret: 'wrong-secret-value-123' });
    const error = await client.listInventory().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelegentError);
    const e = error as TelegentError;
    expect(e.kind).toBe('auth');
    expect(e.status).toBe(401);
    expect(e.endpoint).toBe(TOKEN_PATH);
    expect(e.retryable).toBe(false);
    expect(e.hint).toMatch(/TELEGENT_ACCOUNT_SECRET/);
    expect(`${e.message} ${e.hint} ${e.telegentMessage}`).not.toContain('wrong-secret-value-123');
  });
});
