import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SEED_MESSAGE_ROUTE_IDS, SEED_NUMBERS } from '../../../src/sandbox/seed.js';
import type { FaultSpec } from '../../../src/sandbox/server.js';
import { peopleText, TelegentError, TelegentOutcomeUnknownError } from '../../../src/telegent/errors.js';
import { callsTo, startClientOnSandbox, TOKEN_PATH } from '../../support/sandbox-client.js';

const env = await startClientOnSandbox();
const { sb, client } = env;
afterEach(() => sb.clearFaults());
afterAll(() => env.close());

const PROVISION = '/v1.0/numbers/provision';
const INVENTORY = '/v1.0/numbers/inventory';
const ORDER = '/v1.0/numbers/order';

const provisionRequest = {
  NumberType: 'mvno',
  MessageType: 'p2p',
  MessageEnabled: true,
  VoiceEnabled: false,
  ProductType: 'Sms+Data',
  MessageRouteId: SEED_MESSAGE_ROUTE_IDS[0],
  AreaCode: '385',
} as const;

async function failure(promise: Promise<unknown>): Promise<TelegentError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TelegentError);
  return error as TelegentError;
}

/** Warm the provision token so journals below hold only the calls under test. */
async function warm(path: string) {
  await client.getToken(path);
  sb.clearJournal();
}

describe('reads', () => {
  it('honour 429 + Retry-After', async () => {
    await client.listInventory();
    sb.clearJournal();
    sb.injectFault({ endpoint: INVENTORY, kind: '429', count: 1, retryAfterSeconds: 1 });
    const page = await client.listInventory();
    expect(page.PhoneNumbers.length).toBeGreaterThan(0);
    const calls = callsTo(sb, INVENTORY);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    const gap = Date.parse(calls[1]?.at ?? '') - Date.parse(calls[0]?.at ?? '');
    expect(gap).toBeGreaterThanOrEqual(1_000);
  });

  it('are retried on 503 and then succeed', async () => {
    await warm(INVENTORY);
    sb.injectFault({ endpoint: INVENTORY, kind: '503', count: 2 });
    await client.listInventory();
    expect(callsTo(sb, INVENTORY).map((c) => c.status)).toEqual([503, 503, 200]);
  });

  it('are retried after a connection reset and a timeout', async () => {
    const fast = env.makeClient({ timeouts: { headersMs: 300 } });
    await fast.listInventory();
    sb.clearJournal();
    sb.injectFault({ endpoint: INVENTORY, kind: 'reset', count: 1 });
    sb.injectFault({ endpoint: INVENTORY, kind: 'timeout', count: 1 });
    await fast.listInventory();
    expect(callsTo(sb, INVENTORY).map((c) => c.status)).toEqual([0, 0, 200]);
  });

  it('give up after maxAttempts with a retryable TelegentError', async () => {
    await warm(INVENTORY);
    sb.injectFault({ endpoint: INVENTORY, kind: '500' });
    const error = await failure(client.listInventory({}, { priority: 'background' }));
    expect(error).not.toBeInstanceOf(TelegentOutcomeUnknownError);
    expect(error.status).toBe(500);
    expect(error.retryable).toBe(true);
    expect(error.telegentMessage).toMatch(/Internal server error/);
    expect(error.hint).toMatch(/try again/i);
    // Said once, and whom to tell: not a vendor address a support engineer should not write to.
    expect(peopleText(error, 'abc123')).toBe(
      'Telegent had a server error. Try again in a minute; if it keeps failing, tell whoever runs Telegent Ops (ref abc123).',
    );
    expect(error.hint).not.toMatch(/server error|support@telegent\.com/);
    expect(callsTo(sb, INVENTORY)).toHaveLength(4);
  });

  it('a 404 is a plain TelegentError with Telegent’s message and a hint', async () => {
    const error = await failure(client.getOrder('JNUOID-00000000-0000-0000-0000-000000000000'));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(404);
    expect(error.endpoint).toBe(ORDER);
    expect(error.telegentMessage).toMatch(/^Not found/);
    expect(error.hint).toMatch(/check the order id for a typo/);
    // What a person reads: what happened and what to do, a reference, no endpoint and no raw message; an
    // order id was asked for, so it speaks of an order, not of a number.
    const forPeople = peopleText(error, 'abc123');
    expect(forPeople).toBe(
      "Telegent does not know that order. Check the order id for a typo, and that the order belongs to this channel's Telegent account (ref abc123).",
    );
    expect(forPeople).not.toMatch(/number/);
    expect(error.retryable).toBe(false);
  });

  it.each([
    ['truncated JSON', { kind: 'truncated' }],
    ['a text/plain 200', { kind: 'text', status: 200 }],
  ] as Array<[string, FaultSpec]>)('%s is a typed malformed error, not a crash', async (_name, fault) => {
    await warm(INVENTORY);
    sb.injectFault({ endpoint: INVENTORY, count: 1, ...fault });
    const error = await failure(client.listInventory());
    expect(error.kind).toBe('malformed');
    expect(error.status).toBe(200);
    expect(peopleText(error, 'r1')).toMatch(
      /could not read\. Try again; if it repeats, tell whoever runs Telegent Ops/,
    );
  });

  it('a garbled token answer is asked for again (minting changes nothing at Telegent)', async () => {
    const fresh = env.makeClient();
    sb.clearJournal();
    sb.injectFault({ endpoint: TOKEN_PATH, kind: 'truncated', count: 1 });
    const page = await fresh.listInventory();
    expect(page.PhoneNumbers.length).toBeGreaterThan(0);
    expect(sb.journal().filter((e) => e.path.toLowerCase() === TOKEN_PATH)).toHaveLength(2);
  });

  it('a text/plain 502 error body becomes the message', async () => {
    await warm(INVENTORY);
    sb.injectFault({ endpoint: INVENTORY, kind: 'text' });
    const error = await failure(client.listInventory());
    expect(error.status).toBe(502);
    expect(error.telegentMessage).toMatch(/^Bad Gateway/);
  });
});

describe('mutations', () => {
  it.each([
    ['504', { kind: '504' }],
    ['500', { kind: '500' }],
    ['502', { kind: '502' }],
    ['a timeout', { kind: 'timeout' }],
    ['a reset after sending', { kind: 'reset' }],
    ['a truncated 200', { kind: 'truncated' }],
  ] as Array<[string, FaultSpec]>)(
    'on %s: outcome unknown, exactly one request sent',
    async (_name, fault) => {
      const fast = env.makeClient({ timeouts: { headersMs: 400 } });
      await fast.getToken(PROVISION);
      sb.clearJournal();
      sb.injectFault({ endpoint: PROVISION, count: 1, applyMutation: true, ...fault });
      const error = await failure(fast.provisionNumber(provisionRequest));
      expect(error).toBeInstanceOf(TelegentOutcomeUnknownError);
      expect(error.kind).toBe('outcome-unknown');
      expect(error.retryable).toBe(false);
      expect(error.hint).toMatch(/Do not resubmit/);
      expect(sb.mutations()).toHaveLength(1);
    },
  );

  it('are retried on 503 (not processed) and succeed', async () => {
    await warm(PROVISION);
    sb.injectFault({ endpoint: PROVISION, kind: '503', count: 1 });
    const result = await client.provisionNumber(provisionRequest);
    expect(result.OrderId).toBeTruthy();
    expect(sb.mutations().map((m) => m.status)).toEqual([503, 200]);
  });

  it('are retried on 429', async () => {
    await warm(PROVISION);
    sb.injectFault({ endpoint: PROVISION, kind: '429', count: 1, retryAfterSeconds: 1 });
    const result = await client.provisionNumber(provisionRequest);
    expect(result.OrderId).toBeTruthy();
    expect(sb.mutations().map((m) => m.status)).toEqual([429, 200]);
  });

  it('a 4xx refusal is a definite TelegentError, not an unknown outcome', async () => {
    await warm(PROVISION);
    const error = await failure(
      client.provisionNumber({ ...provisionRequest, NumberType: 'iot', MessageType: 'a2p' }),
    );
    expect(error).not.toBeInstanceOf(TelegentOutcomeUnknownError);
    expect(error.status).toBe(400);
    expect(error.telegentMessage).toMatch(/IOT numbers can only be provisioned with p2p/);
    expect(sb.mutations()).toHaveLength(1);
  });

  it('invalid input is refused before anything is sent', async () => {
    sb.clearJournal();
    const error = await failure(client.setPortOutPin({ PortOutNumber: '801-555-0101', PortOutPIN: '12' }));
    expect(error.kind).toBe('invalid-request');
    expect(error.telegentMessage).toMatch(/PortOutNumber/);
    expect(error.telegentMessage).not.toContain('801-555-0101');
    expect(sb.journal()).toHaveLength(0);
  });

  it('a number not on the account is a 404 with Telegent’s message', async () => {
    const error = await failure(
      client.setDataUsageLimits({ LimitValue: 20, PhoneNumbers: [{ Number: '+19995550100' }] }),
    );
    expect(error.status).toBe(404);
    expect(error.telegentMessage).toBe('Phone number does not belong to account');
    expect(SEED_NUMBERS).not.toContain('+19995550100');
  });
});
