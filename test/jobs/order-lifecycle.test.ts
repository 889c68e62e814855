import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jobs } from '../../src/jobs/index.js';
import { orderRootMessage } from '../../src/messages/order-messages.js';
import { PORTIN_BAD_ACCOUNT_NUMBER, PORTIN_REJECTED_ACCOUNT_NUMBER } from '../../src/sandbox/magic.js';
import type { TelegentClient } from '../../src/telegent/client.js';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';
import {
  ADDRESS,
  callText,
  jobsFor,
  newOrder,
  POLL,
  startWorld,
  telegentFor,
  type World,
} from './harness.js';

describe.each(storeKinds())('order poller + outbox on %s', (kind) => {
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

  /** Submits a port-in through the client, posts its root message and tracks it (what the workflow does). */
  async function trackPortIn(number: string, accountNumber = '123456789') {
    const created = await telegent.submitPortIn({
      PortInNumber: number,
      CurrentCarrierName: 'Verizon',
      CurrentAccountNumber: accountNumber,
      CurrentAccountPassword: '8642',
      CurrentBillingAddress: ADDRESS,
    });
    const now = world.sb.clock.now();
    const row = newOrder(created.OrderId, now, {
      numbers: [number],
      status: created.OrderStatus ?? 'Pending',
    });
    const root = orderRootMessage(row, { sandbox: true });
    const posted = await world.web.chat.postMessage({ channel: row.channelId, ...root });
    await store.orders.insert({ ...row, threadTs: posted.ts as string });
    return { orderId: created.OrderId, threadTs: posted.ts as string };
  }

  /**
   * Moves the sandbox clock to the later of the order's next allowed read and the sandbox's next status step
   * (only to the read when a re-check was requested), and runs one read + one outbox cycle, until `until` (the poller reads it at once: nothing else is open).
   */
  async function driveUntil(orderId: string, until: (status: string, closed: boolean) => boolean) {
    for (let i = 0; i < 40; i++) {
      const order = await store.orders.get(orderId);
      if (!order) throw new Error('order missing');
      if (until(order.status, order.closedAt !== null)) return order;
      const now = world.sb.clock.now().getTime();
      const nextStep = world.sb
        .getOrder(orderId)
        ?.Timeline.map((step) => Date.parse(step.At))
        .find((at) => at > now);
      // A requested re-check (after an update) is read first, before the sandbox moves on.
      const target = order.recheckRequested
        ? order.nextCheckAt.getTime()
        : Math.max(order.nextCheckAt.getTime(), nextStep ?? now);
      if (target > now) world.sb.clock.advance(Math.ceil((target - now) / 1000));
      await jobs.runPollerOnce();
      await jobs.runOutboxOnce();
    }
    throw new Error(`order ${orderId} did not get there`);
  }

  const threadPosts = (threadTs: string) =>
    world.slack.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === threadTs);
  const rootEdits = (threadTs: string) =>
    world.slack.callsTo('chat.update').filter((c) => c.body.ts === threadTs);

  it('drives a port-in Pending → … → Completed: one thread reply per change, root edited, requester told', async () => {
    const { orderId, threadTs } = await trackPortIn('+15125550701');
    const order = await driveUntil(orderId, (_, closed) => closed);
    expect(order.status).toBe('Completed');

    const events = await store.orderEvents.listEvents(orderId);
    expect(events.map((e) => e.status)).toEqual([
      'Submitted',
      'Pending Carrier Approval',
      'Scheduled',
      'Completed',
    ]);
    expect(events.every((e) => e.postedAt !== null)).toBe(true);

    const posts = threadPosts(threadTs);
    expect(posts).toHaveLength(4);
    expect(posts.map((p) => p.body.channel)).toEqual(Array(4).fill('C_PORTS'));
    ['Submitted', 'Pending Carrier Approval', 'Scheduled', 'Completed'].forEach((status, i) => {
      expect(posts[i]?.body.text).toContain(status);
      expect(callText(posts[i]!)).toContain('SANDBOX');
    });

    const edits = rootEdits(threadTs);
    expect(edits).toHaveLength(4);
    const last = callText(edits.at(-1)!);
    expect(last).toContain('Completed');
    expect(last).not.toContain('order-actions');

    const opened = world.slack.callsTo('conversations.open').filter((c) => c.body.users === 'U_REQ');
    expect(opened).toHaveLength(1);
    const dms = world.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'DU_REQ');
    expect(dms).toHaveLength(1);
    // The short id in the DM's words (the full one is in the order's thread, one click away).
    const dm = callText(dms[0]!);
    expect(dm).toContain(`(order \`${orderId.slice(0, 15)}…\`) is complete.`);
    expect(dm).not.toContain(orderId);
    expect(dms[0]?.body.text).toContain(': complete');

    // Closed: no more checks, nothing more to post.
    world.sb.clock.advance(7 * 86_400);
    const swept = await jobs.runPollerOnce();
    expect(swept.checked).toBe(0);
    expect((await jobs.runOutboxOnce()).messages).toBe(0);
  });

  it('Error 8A posts the explanation and the fixing command, keeps watching, and completes after an update', async () => {
    const { orderId, threadTs } = await trackPortIn('+15125550702', PORTIN_BAD_ACCOUNT_NUMBER);
    const errored = await driveUntil(orderId, (status) => status === 'Error');
    expect(errored.closedAt).toBeNull();
    expect(errored.statusMessage).toContain('8A');

    const errorPost = threadPosts(threadTs).at(-1)!;
    const text = callText(errorPost);
    // Said once, in words, and the next step points at the Fix… button in the same post.
    expect(text).toContain('Carrier rejected: account number wrong (8A)');
    expect(text).toContain('*Fix…* below opens the form with what to correct');
    expect(text).not.toContain('/telegent portin update');
    expect(text).toContain('<@U_REQ>');

    // Still watched: a check later does not close it and posts nothing new.
    const before = threadPosts(threadTs).length;
    // Read 4× as often as a quiet order while the carrier's refusal waits for a fix.
    expect(errored.pollWeight).toBe(4);
    world.sb.clock.advance(POLL.orderPollMinSeconds + 1);
    expect((await jobs.runPollerOnce()).checked).toBe(1);
    await jobs.runOutboxOnce();
    expect(threadPosts(threadTs)).toHaveLength(before);
    expect((await store.orders.get(orderId))?.closedAt).toBeNull();

    await telegent.updatePortIn({ OrderId: orderId, CurrentAccountNumber: '123456789' });
    await store.orders.scheduleCheck(orderId, world.sb.clock.now());
    const done = await driveUntil(orderId, (_, closed) => closed);
    expect(done.status).toBe('Completed');
    const statuses = (await store.orderEvents.listEvents(orderId)).map((e) => e.status);
    expect(statuses).toEqual([
      'Submitted',
      'Error',
      'Pending',
      'Submitted',
      'Pending Carrier Approval',
      'Scheduled',
      'Completed',
    ]);
    expect(threadPosts(threadTs)).toHaveLength(7);
    expect(world.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'DU_REQ')).toHaveLength(
      2,
    );
  });

  it('Rejected: a port-in stays open (fix or cancel it); any other order that Telegent rejects is closed', async () => {
    const { orderId } = await trackPortIn('+15125550777', PORTIN_REJECTED_ACCOUNT_NUMBER);
    const rejected = await driveUntil(orderId, (status) => status === 'Rejected');
    expect(rejected.closedAt).toBeNull();
    // The same status on an order of another kind (no fix or cancel from Slack) ends it: a rejected order
    // tracked as a provision here.
    const other = await telegent.submitPortIn({
      PortInNumber: '+15125550778',
      CurrentCarrierName: 'Verizon',
      CurrentAccountNumber: PORTIN_REJECTED_ACCOUNT_NUMBER,
      CurrentAccountPassword: '8642',
      CurrentBillingAddress: ADDRESS,
    });
    await store.orders.insert(newOrder(other.OrderId, world.sb.clock.now(), { kind: 'provision' }));
    const closed = await driveUntil(other.OrderId, (status) => status === 'Rejected');
    expect(closed.closedAt).not.toBeNull();
    // Leave no open order behind for the next test's sweep.
    await store.orders.recordStatus(orderId, 'Cancelled', null, world.sb.clock.now(), true);
  });

  it('Telegent 503, 429, timeouts and garbled answers delay the order: no crash, nothing terminal', async () => {
    const { orderId } = await trackPortIn('+15125550703');
    const path = '/v1.0/numbers/order';
    for (const fault of [
      { kind: '503' as const },
      { kind: '429' as const, retryAfterSeconds: 1 },
      { kind: 'timeout' as const, latencyMs: 1_000 },
      { kind: 'truncated' as const },
    ]) {
      world.sb.injectFault({ endpoint: path, ...fault });
      const before = (await store.orders.get(orderId))!;
      world.sb.clock.advance(
        Math.max(0, (before.nextCheckAt.getTime() - world.sb.clock.now().getTime()) / 1000) + 600,
      );
      const now = world.sb.clock.now();
      const swept = await jobs.runPollerOnce();
      world.sb.clearFaults();
      expect(swept, fault.kind).toMatchObject({ checked: 0, failed: 1 });
      const after = (await store.orders.get(orderId))!;
      expect(after.status).toBe(before.status);
      expect(after.closedAt).toBeNull();
      expect(after.nextCheckAt.getTime()).toBeGreaterThanOrEqual(now.getTime() + 300_000);
      expect(after.leaseExpiresAt, 'the lease is handed back with the delay').toBeNull();
    }
    expect(await store.orderEvents.listEvents(orderId)).toEqual([]);
    // Telegent back: the next check records the real status.
    world.sb.clock.advance(6 * 3600);
    expect((await jobs.runPollerOnce()).checked).toBe(1);
    expect((await store.orders.get(orderId))?.status).not.toBe('Pending');
  });
});
