import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jobs } from '../../src/jobs/index.js';
import { shortId } from '../../src/operations/glossary.js';
import type { Store } from '../../src/store/open-store.js';
import type { CallEvent, TelegentClient } from '../../src/telegent/client.js';
import { openTestStore, TEST_DATABASE_URL, type TestStore } from '../support/test-db.js';
import {
  ADDRESS,
  callText,
  jobsFor,
  newOrder,
  secondReplica,
  startWorld,
  telegentFor,
  type World,
} from './harness.js';

const ORDERS = 200;
const CHANNELS = 10;
const LIMIT_PER_MINUTE = 3_000;

// SKIP LOCKED and two pools only mean something on a server: PGlite is one backend that serialises everything.
describe.skipIf(!TEST_DATABASE_URL)(
  'two replicas on one Postgres server database (server only: set TEST_DATABASE_URL)',
  () => {
    let world: World;
    let storeA: TestStore;
    let storeB: Store;
    const clients: TelegentClient[] = [];
    let jobsA: Jobs;
    let jobsB: Jobs;
    const sends: number[] = [];
    const orderIds: string[] = [];

    beforeAll(async () => {
      [world, storeA] = await Promise.all([startWorld(), openTestStore('postgres')]);
      storeB = await secondReplica(storeA);
      const onCall = (e: CallEvent) => sends.push(Date.now() - e.durationMs);
      const a = telegentFor(world.sb, storeA, { perMinute: LIMIT_PER_MINUTE, onCall });
      const b = telegentFor(world.sb, storeB, { perMinute: LIMIT_PER_MINUTE, onCall });
      const setup = telegentFor(world.sb, storeA, { bucket: 'setup' });
      clients.push(a, b, setup);
      jobsA = jobsFor(storeA, a, world.sb, world.web, { poller: { batchSize: 10 } });
      jobsB = jobsFor(storeB, b, world.sb, world.web, { poller: { batchSize: 10 } });

      const now = world.sb.clock.now();
      for (let i = 0; i < ORDERS; i++) {
        const number = `+1512555${3000 + i}`;
        const created = await setup.submitPortIn({
          PortInNumber: number,
          CurrentCarrierName: 'AT&T',
          CurrentAccountNumber: '123456789',
          CurrentAccountPassword: '8642',
          CurrentBillingAddress: ADDRESS,
        });
        orderIds.push(created.OrderId);
        await storeA.orders.insert(
          newOrder(created.OrderId, now, {
            numbers: [number],
            channelId: `C_REPLICA_${i % CHANNELS}`,
            threadTs: `1700000100.${String(i).padStart(6, '0')}`,
          }),
        );
      }
      world.sb.clock.advance(600); // every order is now Submitted on Telegent
      world.sb.clearJournal();
    });
    afterAll(async () => {
      await jobsA?.stop();
      await jobsB?.stop();
      for (const c of clients) await c.close();
      await world?.sb.close();
      await world?.slack.close();
      await storeB?.close();
      await storeA?.close();
    });

    it('two pollers over 200 open orders: each checked once, together within the shared rate limit', async () => {
      const [a, b] = await Promise.all([jobsA.runPollerOnce(), jobsB.runPollerOnce()]);
      expect(a.checked + b.checked).toBe(ORDERS);
      expect(a.checked).toBeGreaterThan(0);
      expect(b.checked).toBeGreaterThan(0);
      expect(a.failed + b.failed).toBe(0);

      const checks = new Map<string, number>();
      for (const entry of world.sb.journal()) {
        if (entry.path.toLowerCase() !== '/v1.0/numbers/order') continue;
        const id = String(Object.values(entry.query ?? {})[0]);
        checks.set(id, (checks.get(id) ?? 0) + 1);
      }
      expect(checks.size).toBe(ORDERS);
      expect([...checks.values()].every((n) => n === 1)).toBe(true);
      expect(world.sb.journal().filter((e) => e.status === 429)).toEqual([]);

      // Any 1 s window holds at most the limit's share (50 at 3000/min) plus one for edge rounding;
      // two unshared limiters would send about twice that.
      sends.sort((x, y) => x - y);
      let worst = 0;
      for (let i = 0, j = 0; i < sends.length; i++) {
        while ((sends[i] as number) - (sends[j] as number) >= 1000) j++;
        worst = Math.max(worst, i - j + 1);
      }
      expect(worst).toBeLessThanOrEqual(LIMIT_PER_MINUTE / 60 + 1);

      // Nothing is due again until its next check.
      const [a2, b2] = await Promise.all([jobsA.runPollerOnce(), jobsB.runPollerOnce()]);
      expect(a2.checked + b2.checked).toBe(0);
    });

    it('two outboxes at once: each change posted exactly once, one message per channel', async () => {
      const [a, b] = await Promise.all([jobsA.runOutboxOnce(), jobsB.runOutboxOnce()]);
      expect(a.posted + b.posted).toBe(ORDERS);
      expect(a.messages + b.messages).toBe(CHANNELS);
      const posts = world.slack.callsTo('chat.postMessage');
      expect(posts).toHaveLength(CHANNELS);
      expect(new Set(posts.map((p) => p.body.channel)).size).toBe(CHANNELS);
      // Lines name an order by its short id (the full one is a click away).
      for (const id of orderIds) {
        expect(
          posts.filter((p) => callText(p).includes(shortId(id))),
          id,
        ).toHaveLength(1);
      }
      const [a2, b2] = await Promise.all([jobsA.runOutboxOnce(), jobsB.runOutboxOnce()]);
      expect(a2.posted + b2.posted).toBe(0);
    });
  },
);
