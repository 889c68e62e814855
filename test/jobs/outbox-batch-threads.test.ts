import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jobs } from '../../src/jobs/index.js';
import { EVENT_TYPES } from '../../src/notify/message-metadata.js';
import { formatPhone } from '../../src/operations/glossary.js';
import type { TelegentClient } from '../../src/telegent/client.js';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';
import { callText, jobsFor, newOrder, startWorld, telegentFor, type World } from './harness.js';

/**
 * Issue 26: a batch (one request, one port-in order per number) answers in its request's thread. Each number's
 * status change goes there, named by number, one message per thread per cycle, however many other orders of the
 * channel changed in the same cycle; orders of their own threads are posted as before.
 */
describe.each(storeKinds())('order outbox: a batch answers in its thread, on %s', (kind) => {
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

  const later = () => new Date(world.sb.clock.now().getTime() + 3_600_000);
  const change = (orderId: string, status: string, message: string | null = null) =>
    store.orders.recordStatus(orderId, status, message, later(), false, { now: world.sb.clock.now() });
  /** A message the fake Slack really holds (a thread to find earlier posts in). */
  const root = async (channel: string, text: string) =>
    (await world.web.chat.postMessage({ channel, text })).ts!;
  /** A batch's orders: one per number, all answering in one thread (the request's story). */
  async function batch(channel: string, prefix: string, numbers: string[]) {
    const thread = await root(channel, `story of ${prefix}`);
    const ids: string[] = [];
    for (const [i, number] of numbers.entries()) {
      const orderId = `JNUOID-${prefix}-${i}`;
      await store.orders.insert(
        newOrder(orderId, world.sb.clock.now(), {
          channelId: channel,
          threadTs: thread,
          numbers: [number],
          customerName: 'Acme Dental',
          requestReason: 'ZD-26 move the office lines',
        }),
      );
      ids.push(orderId);
    }
    return { thread, ids };
  }
  async function single(channel: string, orderId: string, number: string) {
    const thread = await root(channel, `root of ${orderId}`);
    await store.orders.insert(
      newOrder(orderId, world.sb.clock.now(), { channelId: channel, threadTs: thread, numbers: [number] }),
    );
    return thread;
  }
  const postsIn = (channel: string, from: number) =>
    world.slack
      .callsTo('chat.postMessage')
      .slice(from)
      .filter((c) => c.status === 200 && c.body.channel === channel);

  it("a batch's changes go to its thread, one message naming each number; other orders' changes as before", async () => {
    const jobs = start();
    const numbers = ['+14155550101', '+14155550102', '+14155550103'];
    const { thread, ids } = await batch('C_B1', 'b1', numbers);
    const loneA = await single('C_B1', 'JNUOID-lone-a', '+14155550201');
    await single('C_B1', 'JNUOID-lone-b', '+14155550202');
    await change(ids[0]!, 'Submitted');
    await change(ids[1]!, 'Error', '8A-ACCOUNT NUMBER INCORRECT');
    await change(ids[2]!, 'Submitted');
    await change(ids[2]!, 'Completed');
    await change('JNUOID-lone-a', 'Submitted');
    await change('JNUOID-lone-b', 'Submitted');

    const from = world.slack.callsTo('chat.postMessage').length;
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 6, messages: 2 });
    const posts = postsIn('C_B1', from);
    expect(posts).toHaveLength(2);
    const inThread = posts.filter((p) => p.body.thread_ts === thread);
    expect(inThread).toHaveLength(1);
    const text = callText(inThread[0]!);
    // Every line names its number; whom and why are said once.
    for (const n of numbers) expect(text).toContain(`*${formatPhone(n)}*`);
    expect(text).toContain('4 status updates · 3 numbers');
    expect(text).toContain('ZD-26 move the office lines');
    expect(text).toContain('Completed');
    // The one number the carrier refused: its Fix… is in the post, its line points at it.
    expect(text).toContain('Fix…');
    expect(text).toContain('*Fix…* below opens the form');
    // The two orders of their own threads changed together: one channel message, as before.
    const channelPost = posts.find((p) => p.body.thread_ts === undefined)!;
    expect(callText(channelPost)).toContain('2 orders changed status');
    expect(callText(channelPost)).not.toContain(formatPhone(numbers[0]!));
    expect(posts.some((p) => p.body.thread_ts === loneA)).toBe(false);
    // Nothing is posted twice.
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 0, messages: 0 });
  });

  it('one number of a batch changes beside one order of its own: each in its own thread', async () => {
    const jobs = start();
    const { thread, ids } = await batch('C_B2', 'b2', ['+14155550301', '+14155550302']);
    const lone = await single('C_B2', 'JNUOID-lone-c', '+14155550401');
    await change(ids[1]!, 'Pending Carrier Approval');
    await change('JNUOID-lone-c', 'Submitted');
    const from = world.slack.callsTo('chat.postMessage').length;
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 2, messages: 2 });
    const posts = postsIn('C_B2', from);
    const batchPost = posts.find((p) => p.body.thread_ts === thread)!;
    expect(callText(batchPost)).toContain(`*${formatPhone('+14155550302')}*`);
    expect(callText(batchPost)).not.toContain(formatPhone('+14155550301'));
    expect(posts.find((p) => p.body.thread_ts === lone)).toBeDefined();
    expect(posts.filter((p) => p.body.thread_ts === undefined)).toHaveLength(0);
  });

  it('two batches of one channel: one message in each thread', async () => {
    const jobs = start();
    const first = await batch('C_B3', 'b3x', ['+14155550501', '+14155550502']);
    const second = await batch('C_B3', 'b3y', ['+14155550601', '+14155550602']);
    for (const id of [...first.ids, ...second.ids]) await change(id, 'Submitted');
    const from = world.slack.callsTo('chat.postMessage').length;
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 4, messages: 2 });
    const posts = postsIn('C_B3', from);
    expect(posts.map((p) => p.body.thread_ts).sort()).toEqual([first.thread, second.thread].sort());
    expect(callText(posts.find((p) => p.body.thread_ts === first.thread)!)).toContain(
      formatPhone('+14155550502'),
    );
    expect(callText(posts.find((p) => p.body.thread_ts === first.thread)!)).not.toContain(
      formatPhone('+14155550601'),
    );
  });

  it("Slack took the batch's post but the answer was lost: found in the batch's thread, not posted again", async () => {
    const jobs = start();
    const { thread, ids } = await batch('C_B4', 'b4', ['+14155550701', '+14155550702']);
    await change(ids[0]!, 'Submitted');
    await change(ids[1]!, 'Submitted');
    world.slack.failNext('chat.postMessage', { acceptedThenStatus: 500 });
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 0, deferred: 2 });
    const stamped = () =>
      world.slack.messagesIn('C_B4').filter((m) => m.metadata?.event_type === EVENT_TYPES.orderEvent);
    expect(stamped()).toHaveLength(1); // Slack has it

    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 2, recovered: 2, messages: 0 });
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 0, messages: 0 });
    expect(stamped()).toHaveLength(1);
    expect(stamped()[0]!.thread_ts).toBe(thread);
    const [event] = await store.orderEvents.listEvents(ids[0]!);
    expect(event).toMatchObject({ messageTs: stamped()[0]!.ts, claims: 2 });
  });

  it("rate limited after the batch's thread was posted: that post stays, the other place comes next cycle, once", async () => {
    const jobs = start();
    const { thread, ids } = await batch('C_B5', 'b5', ['+14155550801', '+14155550802']);
    const lone = await single('C_B5', 'JNUOID-lone-d', '+14155550901');
    await change(ids[0]!, 'Submitted');
    await change('JNUOID-lone-d', 'Submitted');
    // Slack takes the batch's post (first), then refuses the next one (rate limited).
    world.slack.holdNext(
      'chat.postMessage',
      (c) => c.body.channel === 'C_B5' && c.body.thread_ts === thread,
      async () => world.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 }),
    );
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 1, messages: 1, deferred: 2 });
    const from = world.slack.callsTo('chat.postMessage').length;
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 1, messages: 1 });
    expect(postsIn('C_B5', from).map((p) => p.body.thread_ts)).toEqual([lone]);
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 0 });
    const inBatchThread = world.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.status === 200 && c.body.channel === 'C_B5' && c.body.thread_ts === thread);
    expect(inBatchThread).toHaveLength(1);
  });
});
