import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrderPoller } from '../../src/jobs/order-poller.js';
import { createSharedPollBudget } from '../../src/jobs/poll-budget.js';
import { silentLogger } from '../../src/log.js';
import type { Store } from '../../src/store/open-store.js';
import type { TelegentClient } from '../../src/telegent/client.js';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';
import { ADDRESS, newOrder, secondReplica, startWorld, telegentFor, type World } from './harness.js';

// The production loop on real time: 600/min with a 0.5 share = 5 reads per second for all replicas together.
const LIMIT = 600;
const SHARE = 0.5;
const PER_SECOND = (LIMIT * SHARE) / 60;
const POLICY = { minSeconds: 3600, maxSeconds: 21_600 };
const RUN_MS = 2_400;

describe.each(storeKinds())('the poller loop on %s', (kind) => {
  let world: World;
  let store: TestStore;
  let telegent: TelegentClient;
  let orderIds: string[] = [];
  let nextNumber = 6000;

  beforeAll(async () => {
    [world, store] = await Promise.all([startWorld(), openTestStore(kind)]);
    telegent = telegentFor(world.sb, store);
  });
  afterAll(async () => {
    await telegent?.close();
    await world?.sb.close();
    await world?.slack.close();
    await store?.close();
  });

  /** `count` open port-ins, read 10 s, 20 s, … ago (the last is the stalest), plus one urgent order. */
  async function openOrders(count: number): Promise<void> {
    await store.db.query('UPDATE orders SET closed_at = now() WHERE closed_at IS NULL');
    await store.db.query('DELETE FROM rate_limit_buckets');
    orderIds = [];
    const now = Date.now();
    for (let i = 0; i < count; i++) {
      const created = await telegent.submitPortIn({
        PortInNumber: `+1512555${nextNumber++}`,
        CurrentCarrierName: 'AT&T',
        CurrentAccountNumber: '123456789',
        CurrentAccountPassword: '8642',
        CurrentBillingAddress: ADDRESS,
      });
      const readAt = new Date(now - (i + 1) * 10_000);
      await store.orders.insert(
        newOrder(created.OrderId, readAt, { status: created.OrderStatus ?? 'Pending' }),
      );
      // Urgent (a carrier refusal or its port date): read 25 s ago, weighted 4 → as stale as one read 100 s ago.
      const urgent = i === 0;
      await store.orders.recordStatus(
        created.OrderId,
        created.OrderStatus ?? 'Pending',
        null,
        readAt,
        false,
        {
          now: urgent ? new Date(now - 25_000) : readAt,
          pollWeight: urgent ? 4 : 1,
        },
      );
      orderIds.push(created.OrderId);
    }
  }

  /** Orders read since `since`, by when they were read. */
  async function readSince(since: Date): Promise<string[]> {
    const rows = await Promise.all(orderIds.map((id) => store.orders.get(id)));
    return rows
      .filter((o) => o?.lastCheckedAt && o.lastCheckedAt >= since)
      .sort((a, b) => a!.lastCheckedAt!.getTime() - b!.lastCheckedAt!.getTime())
      .map((o) => o!.orderId);
  }

  function pollerOn(replica: Store, leaseSeconds = 20) {
    const budget = createSharedPollBudget({
      rateLimits: replica.rateLimits,
      orders: replica.orders,
      limitPerMinute: LIMIT,
      share: SHARE,
      policy: POLICY,
      logger: silentLogger,
    });
    return createOrderPoller({
      orders: replica.orders,
      telegent,
      logger: silentLogger,
      policy: POLICY,
      budget,
      leaseSeconds,
      idleMs: 100,
    });
  }

  async function runFor(ms: number, ...pollers: ReturnType<typeof pollerOn>[]) {
    const stop = new AbortController();
    const runs = pollers.map((p) => p.run(stop.signal));
    await new Promise((r) => setTimeout(r, ms));
    stop.abort();
    return Promise.all(runs);
  }

  it('spends the share and no more, never idle while orders wait, the most urgent first', async () => {
    await openOrders(40);
    const started = new Date();
    const [result] = await runFor(RUN_MS, pollerOn(store));
    const read = await readSince(started);
    const budget = (RUN_MS / 1000) * PER_SECOND;
    // One slot may be spent at the start (a bucket with a burst of one); a busy machine may lose a few.
    expect(read.length).toBeLessThanOrEqual(Math.ceil(budget) + 1);
    expect(read.length).toBeGreaterThanOrEqual(Math.floor(budget * 0.6));
    expect(result!.checked).toBe(read.length);
    // Urgency order: the stalest by weighted age (the urgent one counts as 100 s: between the 9th and 10th).
    const expected = [
      ...orderIds.slice(10).reverse(),
      orderIds[9],
      orderIds[0],
      ...orderIds.slice(1, 9).reverse(),
    ];
    expect(read).toEqual(expected.slice(0, read.length));
  });

  it('two replicas share one budget: together they read no more than one would', async () => {
    await openOrders(40);
    const other = kind === 'postgres' ? await secondReplica(store) : store;
    try {
      const started = new Date();
      const results = await runFor(RUN_MS, pollerOn(store), pollerOn(other));
      const read = await readSince(started);
      expect(new Set(read).size).toBe(read.length);
      expect(read.length).toBeLessThanOrEqual(Math.ceil((RUN_MS / 1000) * PER_SECOND) + 2);
      expect(results.reduce((n, r) => n + r.checked, 0)).toBe(read.length);
      if (kind === 'postgres') expect(results.every((r) => r.checked > 0)).toBe(true);
    } finally {
      if (other !== store) await other.close();
    }
  });

  it('an order leased by a poller that died is read once its short lease ends', async () => {
    await openOrders(3);
    const [held] = await store.orders.claimStalest(new Date(), 1, 1);
    const claimedAt = Date.now();
    const stop = new AbortController();
    const running = pollerOn(store, 1).run(stop.signal);
    let readAfterMs = Number.NaN;
    for (let i = 0; i < 40 && Number.isNaN(readAfterMs); i++) {
      await new Promise((r) => setTimeout(r, 100));
      const order = await store.orders.get(held!.orderId);
      if (order?.lastCheckedAt && order.lastCheckedAt.getTime() >= claimedAt)
        readAfterMs = Date.now() - claimedAt;
    }
    stop.abort();
    await running;
    expect(readAfterMs).toBeGreaterThanOrEqual(900);
    expect(readAfterMs).toBeLessThan(3_000);
  });
});
