import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARRIER_CODES } from '../../src/sandbox/magic.js';
import { SEED_NUMBERS, SEED_USAGE_NUMBERS } from '../../src/sandbox/seed.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/server.js';
import { capturedLogger } from '../support/captured-log.js';
import { PORTIN_BODY, sandboxClient } from './client.js';

let sandbox: Sandbox;
let client: ReturnType<typeof sandboxClient>;
const log = capturedLogger('debug');

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 0, rateLimitPerMinute: 10_000, logger: log.logger });
  client = sandboxClient(sandbox);
});
afterAll(() => sandbox.close());

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

describe('journal', () => {
  it('records every request with secrets masked and never logs them', async () => {
    sandbox.clearJournal();
    await client.post('/v1.0/numbers/portin', {
      ...PORTIN_BODY,
      PortInNumber: '+14155550444',
      CurrentAccountNumber: 'ACCT-SECRET-1',
      CurrentAccountPassword: 'PASS-SECRET-2',
    });
    await client.post('/v1.0/numbers/portout', { PortOutNumber: SEED_NUMBERS[5], PortOutPIN: '9081726354' });
    await client.get('/v1.0/numbers/inventory?PageNumber=1');
    const entries = sandbox.journal();
    const token = entries.find((e) => e.path === '/v1.0/oauth2/tokens');
    expect(token).toMatchObject({
      method: 'POST',
      status: 200,
      scope: 'https://api.telegent.com/v1.0/numbers/portin',
      body: { AccountSecret: '***', AccountKey: sandbox.accountKey },
    });
    const portin = entries.find((e) => e.path === '/v1.0/numbers/portin');
    expect(portin?.body).toMatchObject({
      CurrentAccountNumber: '***',
      CurrentAccountPassword: '***',
      PortInNumber: '+14155550444',
    });
    const portout = entries.find((e) => e.path === '/v1.0/numbers/portout');
    expect(portout?.body).toMatchObject({ PortOutPIN: '***' });
    expect(entries.at(-1)).toMatchObject({
      method: 'GET',
      query: { PageNumber: '1' },
      status: 200,
      body: null,
    });

    const everything = JSON.stringify(entries) + log.text();
    for (const secret of [sandbox.accountSecret, 'ACCT-SECRET-1', 'PASS-SECRET-2', '9081726354'])
      expect(everything).not.toContain(secret);
    expect(log.lines.length).toBeGreaterThan(0);
  });

  it('mutations() lists only the mutating POSTs', async () => {
    sandbox.clearJournal();
    await client.post('/v1.0/numbers/data-usage', {
      ValueUnit: 'MB',
      LimitValue: 30,
      PhoneNumbers: [{ Number: SEED_USAGE_NUMBERS.active }],
    });
    await client.post('/v1.0/numbers/data-usage/info', {
      PhoneNumbers: [{ Number: SEED_USAGE_NUMBERS.active }],
    });
    expect(sandbox.mutations().map((e) => e.path)).toEqual(['/v1.0/numbers/data-usage']);
  });
});

describe('admin endpoints', () => {
  it('advance the clock, force an order, read state', async () => {
    const submit = await client.post('/v1.0/numbers/portin', {
      ...PORTIN_BODY,
      PortInNumber: '+12125550455',
    });
    const id = submit.json.OrderId;
    const before = sandbox.clock.now().getTime();
    const advanced = await admin('POST', '/clock/advance', { seconds: 3600 });
    expect(advanced.status).toBe(200);
    expect(Date.parse(advanced.json.now) - before).toBe(3_600_000);
    expect((await client.get(`/v1.0/numbers/order?OrderId=${id}`)).json.OrderStatus).toBe(
      'Pending Carrier Approval',
    );

    const forced = await admin('POST', '/orders/force', {
      OrderId: id,
      OrderStatus: 'Error',
      OrderStatusMessage: CARRIER_CODES.accountNumber,
    });
    expect(forced.json).toMatchObject({ OrderId: id, OrderStatus: 'Error' });
    expect((await client.get(`/v1.0/numbers/order?OrderId=${id}`)).json.OrderStatusMessage).toBe(
      CARRIER_CODES.accountNumber,
    );
    expect(
      (await admin('POST', '/orders/force', { OrderId: 'JNUOID-nope', OrderStatus: 'Error' })).status,
    ).toBe(404);

    const state = await admin('GET', '/state/orders');
    const order = state.json.orders.find((o: { OrderId: string }) => o.OrderId === id);
    expect(order).toMatchObject({
      OrderStatus: 'Error',
      PortIn: { CurrentAccountNumber: '***', CurrentAccountPassword: '***' },
    });
  });

  it('faults over HTTP', async () => {
    expect(
      (await admin('POST', '/faults', { endpoint: '/v1.0/numbers/inventory', kind: '502', count: 1 })).status,
    ).toBe(200);
    expect((await client.get('/v1.0/numbers/inventory')).status).toBe(502);
    await admin('POST', '/faults', { kind: '503' });
    expect((await client.get('/v1.0/numbers/inventory')).status).toBe(503);
    expect((await admin('DELETE', '/faults')).status).toBe(200);
    expect((await client.get('/v1.0/numbers/inventory')).status).toBe(200);
    expect((await admin('POST', '/faults', { kind: 'nope' })).status).toBe(400);
  });

  it('journal over HTTP with since, and clearing; admin calls are not journaled', async () => {
    const all = await admin('GET', '/journal');
    const last = all.json.entries.at(-1).index;
    await client.get('/v1.0/numbers/inventory');
    const since = await admin('GET', `/journal?since=${last + 1}`);
    expect(since.json.entries.map((e: { path: string }) => e.path)).toEqual(['/v1.0/numbers/inventory']);
    expect((await admin('DELETE', '/journal')).status).toBe(200);
    expect((await admin('GET', '/journal')).json.entries).toEqual([]);
    expect(sandbox.journal()).toEqual([]);
  });

  it('config changes rate limit, token TTL and speed', async () => {
    const config = await admin('POST', '/config', { rateLimitPerMinute: 77, tokenTtlSeconds: 120, speed: 0 });
    expect(config.json).toMatchObject({ rateLimitPerMinute: 77, tokenTtlSeconds: 120, speed: 0 });
    const token = await client.requestToken('/v1.0/numbers/inventory');
    const expiry = Date.parse(`${token.json.tokenExpiry.replace(/(\d+)\/(\d+)\/(\d+) /, '$3-$1-$2 ')} UTC`);
    expect(Number.isNaN(expiry)).toBe(false);
    expect((await admin('POST', '/config', { rateLimitPerMinute: 0 })).status).toBe(400);
  });

  it('sets data usage for drills', async () => {
    const number = SEED_NUMBERS[10] as string;
    expect((await admin('POST', '/usage', { Number: number, UsedMB: 19.5 })).status).toBe(200);
    const info = await client.post('/v1.0/numbers/data-usage/info', { PhoneNumbers: [{ Number: number }] });
    expect(info.json.PhoneNumbers[0]).toMatchObject({ Used: '19.5 MB', Remaining: '512 KB' });
  });

  it('unknown admin route is a 404', async () => {
    expect((await admin('GET', '/nothing')).status).toBe(404);
  });
});
