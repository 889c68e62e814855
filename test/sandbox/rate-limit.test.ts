import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/server.js';
import { sandboxClient } from './client.js';

let sandbox: Sandbox;
let client: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 0, rateLimitPerMinute: 4 });
  client = sandboxClient(sandbox);
});
afterAll(() => sandbox.close());

it('counts every API request, token requests included, and answers 429 with Retry-After', async () => {
  const issued = await client.requestToken('/v1.0/numbers/inventory');
  const statuses = [issued.status];
  const token = issued.json.token;
  for (let i = 0; i < 3; i++)
    statuses.push((await client.raw('GET', '/v1.0/numbers/inventory', { token })).status);
  expect(statuses).toEqual([200, 200, 200, 200]);
  const limited = await client.raw('GET', '/v1.0/numbers/inventory', { token });
  expect(limited.status).toBe(429);
  expect(limited.json).toEqual({
    StatusCode: 429,
    Message:
      'Too many requests: rate limit exceeded. Slow your request cadence and retry after a short delay.',
  });
  const retryAfter = Number(limited.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect((await client.requestToken('/v1.0/numbers/order')).status).toBe(429);
});

it('setRateLimit and resetRateLimit take effect at once; admin routes are never limited', async () => {
  for (let i = 0; i < 5; i++) expect((await fetch(`${sandbox.url}/_sandbox/clock`)).status).toBe(200);
  sandbox.setRateLimit(6);
  expect((await client.get('/v1.0/numbers/inventory')).status).toBe(200);
  expect((await client.get('/v1.0/numbers/inventory')).status).toBe(429);
  sandbox.resetRateLimit();
  expect((await client.get('/v1.0/numbers/inventory')).status).toBe(200);
});
