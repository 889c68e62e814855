import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/server.js';
import { PORTIN_BODY, PROVISION_BODY, sandboxClient } from './client.js';

let sandbox: Sandbox;
let client: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 0, rateLimitPerMinute: 10_000, seed: 42 });
  client = sandboxClient(sandbox);
  await client.token('/v1.0/numbers/provision');
  await client.token('/v1.0/numbers/inventory');
  await client.token('/v1.0/numbers/portin');
});
afterEach(() => sandbox.clearFaults());
afterAll(() => sandbox.close());

describe('fault injection', () => {
  it('count-based 503 hits only the next n matching requests', async () => {
    sandbox.injectFault({ endpoint: '/v1.0/numbers/inventory', kind: '503', count: 2, retryAfterSeconds: 3 });
    const first = await client.get('/v1.0/numbers/inventory');
    expect(first.status).toBe(503);
    expect(first.json.Message).toMatch(/^Service unavailable/);
    expect(first.headers.get('retry-after')).toBe('3');
    expect((await client.post('/v1.0/numbers/provision', PROVISION_BODY)).status).toBe(200);
    expect((await client.get('/v1.0/numbers/inventory')).status).toBe(503);
    expect((await client.get('/v1.0/numbers/inventory')).status).toBe(200);
  });

  it('applyMutation 504 creates the order but answers with a gateway timeout', async () => {
    const before = sandbox.listOrders().length;
    sandbox.injectFault({ endpoint: '/V1.0/Numbers/PortIn', kind: '504', count: 1, applyMutation: true });
    const answer = await client.post('/v1.0/numbers/portin', {
      ...PORTIN_BODY,
      PortInNumber: '+12065553001',
    });
    expect(answer.status).toBe(504);
    expect(answer.json.StatusCode).toBe(504);
    const orders = sandbox.listOrders();
    expect(orders).toHaveLength(before + 1);
    expect(orders.at(-1)).toMatchObject({
      OrderType: 'portin',
      Number: '+12065553001',
      OrderStatus: 'Pending',
    });
    expect(sandbox.mutations().at(-1)).toMatchObject({ status: 504, fault: '504' });
  });

  it('a fault without applyMutation does not process the request', async () => {
    const before = sandbox.listOrders().length;
    sandbox.injectFault({ endpoint: '/v1.0/numbers/provision', kind: '500', count: 1 });
    expect((await client.post('/v1.0/numbers/provision', PROVISION_BODY)).status).toBe(500);
    expect(sandbox.listOrders()).toHaveLength(before);
  });

  it('truncated: 200 with cut-off JSON', async () => {
    sandbox.injectFault({ endpoint: '/v1.0/numbers/inventory', kind: 'truncated', count: 1 });
    const answer = await client.get('/v1.0/numbers/inventory');
    expect(answer.status).toBe(200);
    expect(answer.json).toBeUndefined();
    expect(() => JSON.parse(answer.text)).toThrow();
  });

  it('text: a text/plain body', async () => {
    sandbox.injectFault({ kind: 'text', count: 1 });
    const answer = await client.get('/v1.0/numbers/inventory');
    expect(answer.status).toBe(502);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('timeout: the request is accepted and never answered', async () => {
    sandbox.injectFault({ endpoint: '/v1.0/numbers/inventory', kind: 'timeout', count: 1 });
    const token = await client.token('/v1.0/numbers/inventory');
    const started = Date.now();
    await expect(
      fetch(`${sandbox.url}/v1.0/numbers/inventory`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((await client.get('/v1.0/numbers/inventory')).status).toBe(200);
  });

  it('reset: the socket is destroyed', async () => {
    sandbox.injectFault({ endpoint: '/v1.0/numbers/inventory', kind: 'reset', count: 1 });
    await expect(client.get('/v1.0/numbers/inventory')).rejects.toThrow();
    expect(sandbox.journal().at(-1)).toMatchObject({ status: 0, fault: 'reset' });
  });

  it('latency delays the answer, then processes normally', async () => {
    sandbox.injectFault({ endpoint: '/v1.0/numbers/inventory', kind: 'latency', latencyMs: 150, count: 1 });
    const started = Date.now();
    expect((await client.get('/v1.0/numbers/inventory')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('429 fault carries Retry-After; share 0 never fires', async () => {
    sandbox.injectFault({ endpoint: '/v1.0/numbers/inventory', kind: '503', share: 0 });
    sandbox.injectFault({ endpoint: '/v1.0/numbers/inventory', kind: '429', count: 1, retryAfterSeconds: 2 });
    const answer = await client.get('/v1.0/numbers/inventory');
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('2');
    expect((await client.get('/v1.0/numbers/inventory')).status).toBe(200);
  });

  it('rejects an invalid spec', () => {
    // @ts-expect-error unknown kind on purpose
    expect(() => sandbox.injectFault({ kind: 'explode' })).toThrow(/fault kind/);
    expect(() => sandbox.injectFault({ kind: '503', share: 2 })).toThrow(/share/);
  });
});
