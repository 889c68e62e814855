import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_ACCOUNT_ID } from '../../src/sandbox/seed.js';
import { createPickerSource } from '../../src/telegent/picker-source.js';
import { callsTo, startClientOnSandbox } from '../support/sandbox-client.js';

const SUBSCRIBERS = '/v1.0/distributor/subscribers';

describe('picker lists stay warm: a list once read never makes a person wait again', () => {
  let env: Awaited<ReturnType<typeof startClientOnSandbox>>;
  beforeAll(async () => {
    env = await startClientOnSandbox();
  });
  afterAll(() => env.close());

  it('an old list answers at once while a fresh one is read in the background; a changed one is waited for', async () => {
    let clock = 0;
    const pickers = createPickerSource(env.client, { ttlMs: 1_000, now: () => clock });
    expect(pickers.searchLoaded('subscriber', 'bennet')).toBeUndefined();
    expect((await pickers.search('subscriber', 'bennet')).map((o) => o.label)).toEqual([
      'Bennet Hill — bennet@example.com',
    ]);
    const reads = callsTo(env.sb, SUBSCRIBERS).length;

    // Old, and Telegent slow: the last list answers at once, the fresh read goes on behind it.
    clock = 2_000;
    env.sb.injectFault({ endpoint: SUBSCRIBERS, kind: 'latency', latencyMs: 1_500, count: 1 });
    const started = Date.now();
    expect(await pickers.search('subscriber', 'ana')).toHaveLength(2);
    expect(await pickers.search('subscriber', 'ana')).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(500);
    await expect.poll(() => callsTo(env.sb, SUBSCRIBERS).length, { timeout: 5_000 }).toBe(reads + 1);

    // A new subscriber: forget reads again, and searches wait for that read.
    await env.client.createSubscriber({
      Name: 'Nova Quist',
      Email: 'nova.quist@example.com',
      Role: 'Subscriber',
      Password: 'created-elsewhere-1',
      AccountId: SEED_ACCOUNT_ID,
    });
    pickers.forget('subscriber');
    expect((await pickers.search('subscriber', 'quist')).map((o) => o.label)).toEqual([
      'Nova Quist — nova.quist@example.com',
    ]);
    expect(pickers.searchLoaded('subscriber', 'quist')).toHaveLength(1);
  });
});
