import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jobs } from '../../src/jobs/index.js';
import { formatPhone } from '../../src/operations/glossary.js';
import type { TelegentClient } from '../../src/telegent/client.js';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';
import { callText, jobsFor, newOrder, startWorld, telegentFor, type World } from './harness.js';

const at = (iso: string) => new Date(iso);
const DIGEST_AT = at('2030-04-02T09:00:00Z');

/**
 * Issue 26: a port-in of several numbers (one request, one order per number) is one line of the digest, counted
 * from every one of its orders (those finished days ago too); a port-in of one number is listed as before.
 */
describe.each(storeKinds())('the digest groups a batch of port-ins, on %s', (kind) => {
  let world: World;
  let store: TestStore;
  let telegent: TelegentClient;
  let jobs: Jobs;

  beforeAll(async () => {
    [world, store] = await Promise.all([startWorld(), openTestStore(kind)]);
    telegent = telegentFor(world.sb, store);
    jobs = jobsFor(store, telegent, world.sb, world.web);
  });
  afterAll(async () => {
    await jobs?.stop();
    await telegent?.close();
    await world?.sb.close();
    await world?.slack.close();
    await store?.close();
  });

  /** A request as filed (the orders' request_id must name one). */
  const request = async (channelId: string, customer: string) =>
    (
      await store.requests.insert({
        kind: 'portin',
        status: 'approved',
        input: { customerName: customer, reason: 'ZD-26 office lines' },
        requestedBy: 'U_MAYA',
        channelId,
      })
    ).request.id;

  async function order(
    orderId: string,
    channelId: string,
    number: string,
    requestId: string,
    status: string,
    closedAt?: Date,
  ) {
    await store.orders.insert(
      newOrder(orderId, at('2030-03-28T12:00:00Z'), {
        channelId,
        numbers: [number],
        requestId,
        threadTs: `17000000${requestId.length}.000100`,
        requestedBy: 'U_MAYA',
        customerName: 'Jane Doe',
        accountName: 'Acme',
        requestReason: 'ZD-26 office lines',
      }),
    );
    if (status === 'Pending') return;
    await store.orders.recordStatus(orderId, status, null, DIGEST_AT, Boolean(closedAt), {
      now: closedAt ?? at('2030-04-01T12:00:00Z'),
    });
  }

  it('"J. Doe · Acme · 6 numbers: 3 complete, 1 pending, 2 need action", its numbers not listed one by one; a single port-in as before', async () => {
    const channel = 'C_DIGEST_BATCH';
    await store.digests.subscribe({
      channelId: channel,
      localTime: '09:00',
      timeZone: 'UTC',
      createdBy: 'U1',
    });
    const batch = await request(channel, 'Jane Doe');
    const numbers = [
      '+15125550101',
      '+15125550102',
      '+15125550103',
      '+15125550104',
      '+15125550105',
      '+15125550106',
    ];
    // Two completed days ago (outside the last 24 h), one yesterday, one waiting, two refused by the carrier.
    await order('JNUOID-bat-0', channel, numbers[0]!, batch, 'Completed', at('2030-03-30T10:00:00Z'));
    await order('JNUOID-bat-1', channel, numbers[1]!, batch, 'Completed', at('2030-03-30T11:00:00Z'));
    await order('JNUOID-bat-2', channel, numbers[2]!, batch, 'Completed', at('2030-04-01T20:00:00Z'));
    await order('JNUOID-bat-3', channel, numbers[3]!, batch, 'Pending');
    await order('JNUOID-bat-4', channel, numbers[4]!, batch, 'Error');
    // Refused and closed two days ago: still the batch line's "need action", and so the header's.
    await order('JNUOID-bat-5', channel, numbers[5]!, batch, 'Rejected', at('2030-03-30T12:00:00Z'));
    const lone = await request(channel, 'Bob Stone');
    await store.orders.insert(
      newOrder('JNUOID-lone-1', at('2030-03-31T12:00:00Z'), {
        channelId: channel,
        numbers: ['+15125550999'],
        requestId: lone,
        customerName: 'Bob Stone',
      }),
    );

    expect((await jobs.runDigestOnce(DIGEST_AT)).posted).toEqual([channel]);
    const post = world.slack
      .callsTo('chat.postMessage')
      .find((c) => c.body.channel === channel && c.status === 200)!;
    const text = callText(post);
    expect(text).toContain('J. Doe · Acme · 6 numbers');
    expect(text).toContain('3 complete, 1 pending, *2 need action*');
    expect(text).toContain('Port-ins of several numbers (1)');
    // The batch's numbers are its line, not lines of their own (not in Needs action, not by status).
    for (const n of numbers) expect(text).not.toContain(formatPhone(n));
    expect(text).not.toContain('Needs action (');
    // The single port-in is listed as before, by its number and customer.
    expect(text).toContain(formatPhone('+15125550999'));
    expect(text).toContain('B. Stone');
    // The counts are of every open port-in and what changed in the last 24 h; "need action" counts what the lines
    // say needs action.
    expect(text).toContain('*3 open port-ins*, 2 need action. In the last 24 h: 1 completed, 0 cancelled.');
  });
});
