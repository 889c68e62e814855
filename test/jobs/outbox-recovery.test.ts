import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jobs } from '../../src/jobs/index.js';
import { EVENT_TYPES } from '../../src/notify/message-metadata.js';
import type { TelegentClient } from '../../src/telegent/client.js';
import { capturedLogger } from '../support/captured-log.js';
import type { FakeSlackCall } from '../support/fake-slack.js';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';
import { jobsFor, newOrder, startWorld, telegentFor, type World } from './harness.js';

/**
 * Effectively-once posts: an event whose earlier poster may have reached Slack (its lease ran out, or Slack's
 * answer was lost) is looked for in Slack by its metadata before it is posted again.
 */
describe.each(storeKinds())('outbox recovery by message metadata on %s', (kind) => {
  let world: World;
  let store: TestStore;
  let telegent: TelegentClient;
  const running: Jobs[] = [];
  const start = (extra: Parameters<typeof jobsFor>[4] = {}) => {
    const jobs = jobsFor(store, telegent, world.sb, world.web, extra);
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
  /** An order with a root message the fake Slack really holds (so its thread exists). */
  async function trackedOrder(orderId: string, channelId: string) {
    const root = await world.web.chat.postMessage({ channel: channelId, text: `root of ${orderId}` });
    await store.orders.insert(newOrder(orderId, world.sb.clock.now(), { channelId, threadTs: root.ts! }));
    return root.ts!;
  }
  const change = (orderId: string, status: string, closed = false) =>
    store.orders.recordStatus(orderId, status, null, later(), closed, { now: world.sb.clock.now() });
  /** Messages in a conversation carrying `eventType` metadata. */
  const stamped = (channel: string, eventType: string) =>
    world.slack.messagesIn(channel).filter((m) => m.metadata?.event_type === eventType);
  const reads = () =>
    world.slack.calls.filter(
      (c) => c.method === 'conversations.replies' || c.method === 'conversations.history',
    );

  it('normal path: one post carrying the event id, no read of the conversation', async () => {
    const jobs = start();
    const thread = await trackedOrder('JNUOID-fresh', 'C_FRESH');
    const { event } = await change('JNUOID-fresh', 'Submitted');
    const readsBefore = reads().length;
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 1, recovered: 0, messages: 1 });
    expect(reads().length).toBe(readsBefore);
    const posts = stamped('C_FRESH', EVENT_TYPES.orderEvent);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      thread_ts: thread,
      metadata: { event_payload: { event_ids: String(event!.id) } },
    });
    const [stored] = await store.orderEvents.listEvents('JNUOID-fresh');
    expect(stored).toMatchObject({ messageTs: posts[0]!.ts, claims: 1 });
  });

  it('Slack took the thread reply but its answer was lost: the next cycle finds it and does not post again', async () => {
    const jobs = start();
    const thread = await trackedOrder('JNUOID-lost', 'C_LOST');
    await change('JNUOID-lost', 'Submitted');
    world.slack.failNext('chat.postMessage', { acceptedThenStatus: 500 });
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 0, deferred: 1 });
    expect(stamped('C_LOST', EVENT_TYPES.orderEvent)).toHaveLength(1); // Slack has it

    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 1, recovered: 1, messages: 0 });
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 0, messages: 0 });
    const posts = stamped('C_LOST', EVENT_TYPES.orderEvent);
    expect(posts).toHaveLength(1);
    const replies = world.slack.callsTo('conversations.replies').filter((c) => c.body.channel === 'C_LOST');
    expect(replies.at(-1)?.body).toMatchObject({ ts: thread });
    expect(String(replies.at(-1)?.body.include_all_metadata)).toBe('true');
    const [stored] = await store.orderEvents.listEvents('JNUOID-lost');
    expect(stored).toMatchObject({ messageTs: posts[0]!.ts, claims: 2 });
    expect(stored!.postedAt).toBeInstanceOf(Date);
  });

  it('a poster whose lease ran out while Slack held its post: the next poster finds the post, the late answer changes nothing', async () => {
    const slow = start();
    const next = start();
    await trackedOrder('JNUOID-slow', 'C_SLOW');
    await change('JNUOID-slow', 'Pending Carrier Approval');
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    let held!: () => void;
    const holding = new Promise<void>((resolve) => {
      held = resolve;
    });
    world.slack.holdNext(
      'chat.postMessage',
      (call: FakeSlackCall) => call.body.channel === 'C_SLOW',
      async () => {
        held();
        await answered;
      },
    );
    const slowFlush = slow.runOutboxOnce();
    await holding; // Slack stored the post; the slow poster has not heard back
    world.sb.clock.advance(121); // its 120 s lease is over
    expect(await next.runOutboxOnce()).toMatchObject({ posted: 1, recovered: 1, messages: 0 });
    answer();
    expect(await slowFlush).toMatchObject({ posted: 1, messages: 1 });
    expect(stamped('C_SLOW', EVENT_TYPES.orderEvent)).toHaveLength(1);
    expect(await next.runOutboxOnce()).toMatchObject({ posted: 0 });
  });

  it('several orders of one channel (one channel message) lost in flight: found in the channel history', async () => {
    const jobs = start();
    for (const id of ['JNUOID-g1', 'JNUOID-g2', 'JNUOID-g3']) {
      await trackedOrder(id, 'C_GROUPED');
      await change(id, 'Submitted');
    }
    world.slack.failNext('chat.postMessage', { acceptedThenStatus: 502 });
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 0, deferred: 3 });
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 3, recovered: 3, messages: 0 });
    const grouped = stamped('C_GROUPED', EVENT_TYPES.orderEvent);
    expect(grouped).toHaveLength(1);
    expect(grouped[0]!.thread_ts).toBeUndefined();
    expect(world.slack.callsTo('conversations.history').some((c) => c.body.channel === 'C_GROUPED')).toBe(
      true,
    );
  });

  it('a retaken event with new changes beside it: the old one is recorded, only the new one is posted', async () => {
    const jobs = start();
    await trackedOrder('JNUOID-mix', 'C_MIX');
    await change('JNUOID-mix', 'Submitted');
    world.slack.failNext('chat.postMessage', { acceptedThenStatus: 504 });
    expect(await jobs.runOutboxOnce()).toMatchObject({ deferred: 1 });
    await change('JNUOID-mix', 'Scheduled');
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 2, recovered: 1, messages: 1 });
    const posts = stamped('C_MIX', EVENT_TYPES.orderEvent);
    expect(posts.map((p) => p.text)).toEqual([
      expect.stringContaining('Submitted'),
      expect.stringContaining('Scheduled'),
    ]);
  });

  it("the requester's DM of a final status: sent once even when Slack's answer to it was lost", async () => {
    const jobs = start();
    await trackedOrder('JNUOID-done', 'C_DONE');
    await change('JNUOID-done', 'Completed', true);
    const dms = () =>
      stamped('DU_REQ', EVENT_TYPES.requesterNotice).filter((m) =>
        JSON.stringify(m.blocks ?? []).includes('JNUOID-done'),
      );
    // The thread reply goes out; the DM waits (Slack rate-limits conversations.open).
    world.slack.failNext('conversations.open', { error: 'ratelimited' });
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 1, messages: 1, notices: 0, deferred: 1 });
    // Next cycle: only the DM is owed. Slack takes it, but the answer is lost.
    world.slack.failNext('chat.postMessage', { acceptedThenStatus: 500 });
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 0, messages: 0, notices: 0, deferred: 1 });
    expect(dms()).toHaveLength(1);
    // Then it is found in the DM and recorded, not sent again.
    expect(await jobs.runOutboxOnce()).toMatchObject({ notices: 1, messages: 0 });
    expect(await jobs.runOutboxOnce()).toMatchObject({ notices: 0, posted: 0 });
    expect(dms()).toHaveLength(1);
    expect(dms()[0]!.metadata?.event_payload).toEqual({ event_ids: expect.any(String) });
    expect(stamped('C_DONE', EVENT_TYPES.orderEvent)).toHaveLength(1);
    const [event] = await store.orderEvents.listEvents('JNUOID-done');
    expect(event!.noticePostedAt).toBeInstanceOf(Date);
  });

  it('a conversation the app may not read: posts anyway and tells the operator how to close the gap', async () => {
    const { logger, text } = capturedLogger('warn');
    const jobs = start({ logger });
    await trackedOrder('JNUOID-blind', 'C_BLIND');
    await change('JNUOID-blind', 'Submitted');
    world.slack.failNext('chat.postMessage', { status: 503 });
    expect(await jobs.runOutboxOnce()).toMatchObject({ deferred: 1 });
    world.slack.failNext('conversations.replies', { error: 'missing_scope' });
    world.slack.failNext('conversations.history', { error: 'not_in_channel' });
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 1, recovered: 0, messages: 1 });
    expect(stamped('C_BLIND', EVENT_TYPES.orderEvent)).toHaveLength(1);
    const warnings = text()
      .split('\n')
      .filter((line) => line.includes('cannot read the channel'));
    expect(warnings.map((line) => JSON.parse(line).reason)).toEqual(['missing_scope', 'not_in_channel']);
    expect(warnings[0]).toContain('grant the history scopes of manifest.yml');
  });

  it('a read that is rate limited gives the events back instead of posting blind', async () => {
    const jobs = start();
    await trackedOrder('JNUOID-rlread', 'C_RLREAD');
    await change('JNUOID-rlread', 'Submitted');
    world.slack.failNext('chat.postMessage', { acceptedThenStatus: 500 });
    expect(await jobs.runOutboxOnce()).toMatchObject({ deferred: 1 });
    world.slack.failNext('conversations.replies', { status: 429, retryAfter: 1 });
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 0, deferred: 1, messages: 0 });
    expect(await jobs.runOutboxOnce()).toMatchObject({ posted: 1, recovered: 1, messages: 0 });
    expect(stamped('C_RLREAD', EVENT_TYPES.orderEvent)).toHaveLength(1);
  });
});
