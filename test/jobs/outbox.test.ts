import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jobs } from '../../src/jobs/index.js';
import { isStoreUnavailable } from '../../src/store/store-unavailable.js';
import type { TelegentClient } from '../../src/telegent/client.js';
import { connectionCutter } from '../support/cut-connections.js';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';
import { callText, jobsFor, newOrder, startWorld, telegentFor, type World } from './harness.js';

describe.each(storeKinds())('order outbox on %s', (kind) => {
  let world: World;
  let store: TestStore;
  let telegent: TelegentClient;
  const running: Jobs[] = [];
  const start = () => {
    const jobs = jobsFor(store, telegent, world.sb, world.web);
    running.push(jobs);
    return jobs;
  };

  beforeAll(async () => {
    [world, store] = await Promise.all([startWorld(), openTestStore(kind)]);
    telegent = telegentFor(world.sb, store);
  });
  afterAll(async () => {
    for (const jobs of running) await jobs.stop();
    await telegent?.close();
    await world?.sb.close();
    await world?.slack.close();
    await store?.close();
  });

  const postsMentioning = (orderId: string) =>
    world.slack.callsTo('chat.postMessage').filter((c) => c.status === 200 && callText(c).includes(orderId));

  it.skipIf(kind !== 'postgres')(
    'the database cut between the post and its record: once back, the same process hands its claim back and records the post, not posted again (server only)',
    async () => {
      const now = world.sb.clock.now();
      await store.orders.insert(
        newOrder('JNUOID-cut-1', now, { channelId: 'C_CUT', threadTs: '1700000000.000009' }),
      );
      await store.orders.recordStatus(
        'JNUOID-cut-1',
        'Submitted',
        null,
        new Date(now.getTime() + 300_000),
        false,
        {
          now,
        },
      );
      const cutter = connectionCutter(store.databaseUrl!);
      // Slack takes the post; the database goes away before the outbox can record it.
      world.slack.holdNext(
        'chat.postMessage',
        (c) => c.body.channel === 'C_CUT',
        () => cutter.cut(),
      );
      const jobs = start();
      await expect(jobs.runOutboxOnce()).rejects.toSatisfy(isStoreUnavailable);
      await cutter.restore();
      // Same clock: without handing the claim back, the event would wait out its 120 s lease.
      expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 1, recovered: 1, messages: 0 });
      expect(postsMentioning('JNUOID-cut-1')).toHaveLength(1);
    },
  );

  it('a crash between recording an event and posting it: posted once after the restart', async () => {
    const now = world.sb.clock.now();
    await store.orders.insert(
      newOrder('JNUOID-crash-1', now, { channelId: 'C_CRASH', threadTs: '1700000000.000001' }),
    );
    await store.orders.recordStatus(
      'JNUOID-crash-1',
      'Submitted',
      null,
      new Date(now.getTime() + 300_000),
      false,
      {
        now,
      },
    );
    // The replica claims the event, then dies before posting (it never calls Slack).
    const crashed = start();
    const { events: claimed } = await store.orderEvents.claimUndeliveredByChannel(100, {
      leaseSeconds: 120,
      now,
    });
    expect(claimed.map((e) => e.orderId)).toEqual(['JNUOID-crash-1']);
    await crashed.stop();

    const restarted = start();
    expect((await restarted.runOutboxOnce()).posted).toBe(0); // still leased to the dead replica
    world.sb.clock.advance(121);
    expect(await restarted.runOutboxOnce()).toMatchObject({ posted: 1, messages: 1 });
    expect(await restarted.runOutboxOnce()).toMatchObject({ posted: 0, messages: 0 });
    world.sb.clock.advance(3600);
    expect((await restarted.runOutboxOnce()).posted).toBe(0);
    const posts = postsMentioning('JNUOID-crash-1');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.thread_ts).toBe('1700000000.000001');
  });

  it('Slack ratelimited on chat.postMessage: left unposted, posted next cycle exactly once', async () => {
    const jobs = start();
    const now = world.sb.clock.now();
    await store.orders.insert(
      newOrder('JNUOID-rl-1', now, { channelId: 'C_RL', threadTs: '1700000000.000002' }),
    );
    await store.orders.recordStatus(
      'JNUOID-rl-1',
      'Submitted',
      null,
      new Date(now.getTime() + 300_000),
      false,
      { now },
    );
    world.slack.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 0, deferred: 1 });
    expect(world.slack.callsTo('chat.postMessage').filter((c) => c.status === 429)).toHaveLength(1);
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 1, deferred: 0 });
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 0 });
    expect(postsMentioning('JNUOID-rl-1')).toHaveLength(1);
  });

  it('many changes for one channel in one cycle become one channel message; other channels get their own', async () => {
    const jobs = start();
    const now = world.sb.clock.now();
    const next = new Date(now.getTime() + 300_000);
    for (let i = 0; i < 6; i++) {
      const id = `JNUOID-group-${i}`;
      await store.orders.insert(
        newOrder(id, now, { channelId: 'C_GROUP', threadTs: `1700000001.00000${i}` }),
      );
      await store.orders.recordStatus(id, 'Submitted', null, next, false, { now });
      await store.orders.recordStatus(id, 'Error', '6P-REMOVE NUMBER LOCK ON VERIZON ACCOUNT', next, false, {
        now,
      });
    }
    await store.orders.insert(
      newOrder('JNUOID-alone', now, { channelId: 'C_ALONE', threadTs: '1700000002.000001' }),
    );
    await store.orders.recordStatus('JNUOID-alone', 'Submitted', null, next, false, { now });
    await store.orders.recordStatus('JNUOID-alone', 'Pending Carrier Approval', null, next, false, { now });

    const before = world.slack.callsTo('chat.postMessage').length;
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 14, messages: 2 });
    const posts = world.slack.callsTo('chat.postMessage').slice(before);
    expect(posts).toHaveLength(2);
    const group = posts.find((p) => p.body.channel === 'C_GROUP')!;
    expect(group.body.thread_ts).toBeUndefined();
    const text = callText(group);
    for (let i = 0; i < 6; i++) expect(text).toContain(`/telegent portin update JNUOID-group-${i}`);
    expect(text).toContain('number lock');
    const alone = posts.find((p) => p.body.channel === 'C_ALONE')!;
    expect(alone.body.thread_ts).toBe('1700000002.000001');
    expect(callText(alone)).toContain('Pending Carrier Approval');
    // Every root message's status line was edited.
    const edited = new Set(world.slack.callsTo('chat.update').map((c) => c.body.ts));
    for (let i = 0; i < 6; i++) expect(edited.has(`1700000001.00000${i}`)).toBe(true);
  });
});
