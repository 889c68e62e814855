import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jobs } from '../../src/jobs/index.js';
import type { Store } from '../../src/store/open-store.js';
import type { TelegentClient } from '../../src/telegent/client.js';
import type { FakeSlackCall } from '../support/fake-slack.js';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';
import { jobsFor, newOrder, secondReplica, startWorld, telegentFor, type World } from './harness.js';

const at = (iso: string) => new Date(iso);

describe.each(storeKinds())('daily digest on %s', (kind) => {
  let world: World;
  let store: TestStore;
  let replica: Store;
  let telegent: TelegentClient;
  const running: Jobs[] = [];
  const start = (s: Store = store) => {
    const jobs = jobsFor(s, telegent, world.sb, world.web);
    running.push(jobs);
    return jobs;
  };

  beforeAll(async () => {
    [world, store] = await Promise.all([startWorld(), openTestStore(kind)]);
    // Another replica: its own pool on the server; on PGlite the same single backend.
    replica = kind === 'postgres' ? await secondReplica(store) : store;
    telegent = telegentFor(world.sb, store);
  });
  afterAll(async () => {
    for (const jobs of running) await jobs.stop();
    await telegent?.close();
    await world?.sb.close();
    await world?.slack.close();
    if (replica !== store) await replica?.close();
    await store?.close();
  });

  const digestPosts = (channel: string) =>
    world.slack
      .callsTo('chat.postMessage')
      .filter(
        (c) => c.body.channel === channel && c.status === 200 && String(c.body.text).includes('digest'),
      );

  it('two channels in different time zones get their digest at their own local time', async () => {
    await store.digests.subscribe({
      channelId: 'C_NY',
      localTime: '09:00',
      timeZone: 'America/New_York',
      createdBy: 'U1',
    });
    await store.digests.subscribe({
      channelId: 'C_TYO',
      localTime: '09:00',
      timeZone: 'Asia/Tokyo',
      createdBy: 'U1',
    });
    const jobs = start();
    // 08:59 in Tokyo (23:59 UTC), 18:59 in New York: nobody yet.
    expect((await jobs.runDigestOnce(at('2030-01-14T23:59:00Z'))).posted).toEqual([]);
    // 09:00 in Tokyo; 19:00 in New York is far past its 09:00 (no evening catch-up of the morning digest).
    expect((await jobs.runDigestOnce(at('2030-01-15T00:00:00Z'))).posted).toEqual(['C_TYO']);
    expect((await jobs.runDigestOnce(at('2030-01-15T13:59:00Z'))).posted).toEqual([]);
    // 09:00 in New York (UTC-5); Tokyo already had its 15 January digest.
    expect((await jobs.runDigestOnce(at('2030-01-15T14:00:00Z'))).posted).toEqual(['C_NY']);
    expect((await jobs.runDigestOnce(at('2030-01-15T14:01:00Z'))).posted).toEqual([]);
    expect(digestPosts('C_TYO')).toHaveLength(1);
    expect(digestPosts('C_NY')).toHaveLength(1);
    expect(String(digestPosts('C_TYO')[0]?.body.text)).toContain('Tue, Jan 15');
  });

  it('two replicas and a restart: one digest per channel per local day', async () => {
    await store.digests.subscribe({
      channelId: 'C_ONCE',
      localTime: '07:30',
      timeZone: 'Europe/Berlin',
      createdBy: 'U1',
    });
    const a = start();
    const b = start(replica);
    const t = at('2030-02-01T06:30:00Z'); // 07:30 in Berlin
    const [ra, rb] = await Promise.all([a.runDigestOnce(t), b.runDigestOnce(t)]);
    expect([...ra.posted, ...rb.posted].filter((c) => c === 'C_ONCE')).toHaveLength(1);
    await a.stop();
    const restarted = start();
    expect((await restarted.runDigestOnce(at('2030-02-01T07:00:00Z'))).posted).not.toContain('C_ONCE');
    expect((await b.runDigestOnce(at('2030-02-01T07:05:00Z'))).posted).not.toContain('C_ONCE');
    expect(digestPosts('C_ONCE')).toHaveLength(1);
    // Next local day: one more.
    const next = at('2030-02-02T06:31:00Z');
    const [r1, r2] = await Promise.all([restarted.runDigestOnce(next), b.runDigestOnce(next)]);
    expect([...r1.posted, ...r2.posted].filter((c) => c === 'C_ONCE')).toHaveLength(1);
    expect(digestPosts('C_ONCE')).toHaveLength(2);
  });

  it('Slack ratelimited: the claim is released and a later tick posts it exactly once', async () => {
    await store.digests.subscribe({
      channelId: 'C_RL',
      localTime: '10:00',
      timeZone: 'UTC',
      createdBy: 'U1',
    });
    const jobs = start();
    world.slack.failNext('chat.postMessage', { status: 429, retryAfter: 5 });
    const first = await jobs.runDigestOnce(at('2030-03-01T10:00:00Z'));
    expect(first).toEqual({ posted: [], failed: ['C_RL'] });
    expect(digestPosts('C_RL')).toHaveLength(0);
    expect((await jobs.runDigestOnce(at('2030-03-01T10:01:00Z'))).posted).toEqual(['C_RL']);
    expect((await jobs.runDigestOnce(at('2030-03-01T10:02:00Z'))).posted).toEqual([]);
    expect(digestPosts('C_RL')).toHaveLength(1);
  });

  it('Slack took the digest but its answer was lost: the next tick finds it by its metadata, no second digest', async () => {
    await store.digests.subscribe({
      channelId: 'C_LOST',
      localTime: '08:00',
      timeZone: 'UTC',
      createdBy: 'U1',
    });
    const jobs = start();
    world.slack.failNext('chat.postMessage', { acceptedThenStatus: 500 });
    const only = (r: { posted: string[]; failed: string[] }) => ({
      posted: r.posted.filter((c) => c === 'C_LOST'),
      failed: r.failed.filter((c) => c === 'C_LOST'),
    });
    expect(only(await jobs.runDigestOnce(at('2030-03-02T08:00:00Z')))).toEqual({
      posted: [],
      failed: ['C_LOST'],
    });
    const stored = () =>
      world.slack.messagesIn('C_LOST').filter((m) => m.metadata?.event_type === 'telegent_digest');
    expect(stored()).toHaveLength(1);
    expect(only(await jobs.runDigestOnce(at('2030-03-02T08:01:00Z'))).posted).toEqual(['C_LOST']);
    expect(only(await jobs.runDigestOnce(at('2030-03-02T08:02:00Z'))).posted).toEqual([]);
    expect(stored()).toHaveLength(1);
    expect(stored()[0]!.metadata?.event_payload).toEqual({ local_date: '2030-03-02' });
    expect(world.slack.callsTo('conversations.history').some((c) => c.body.channel === 'C_LOST')).toBe(true);
    await store.digests.unsubscribe('C_LOST');
  });

  it('a poster that died holding the day’s run: taken over after the lease, posted once', async () => {
    await store.digests.subscribe({
      channelId: 'C_DEAD',
      localTime: '08:00',
      timeZone: 'UTC',
      createdBy: 'U1',
    });
    const jobs = start();
    // The dead poster's claim, made at 08:00 (it never reached Slack).
    expect(await store.digests.claimRun('C_DEAD', '2030-03-03', { now: at('2030-03-03T08:00:00Z') })).toBe(1);
    expect((await jobs.runDigestOnce(at('2030-03-03T08:05:00Z'))).posted).not.toContain('C_DEAD');
    expect((await jobs.runDigestOnce(at('2030-03-03T08:10:00Z'))).posted).toContain('C_DEAD');
    expect((await jobs.runDigestOnce(at('2030-03-03T08:11:00Z'))).posted).not.toContain('C_DEAD');
    expect(digestPosts('C_DEAD')).toHaveLength(1);
    await store.digests.unsubscribe('C_DEAD');
  });

  it('500 open orders still fit in one message within Slack limits, action needed first', async () => {
    const now = at('2030-04-01T09:00:00Z');
    const created = new Date(now.getTime() - 3 * 86_400_000);
    const statuses = ['Pending', 'Submitted', 'Pending Carrier Approval', 'Scheduled'];
    for (let i = 0; i < 500; i++) {
      const id = `JNUOID-big-${String(i).padStart(4, '0')}`;
      await store.orders.insert(
        newOrder(id, created, {
          channelId: 'C_BIG',
          numbers: [`+1801555${String(1000 + i).padStart(4, '0')}`],
          status: i % 25 === 0 ? 'Error' : (statuses[i % 4] as string),
          statusMessage: i % 25 === 0 ? '8A-ACCOUNT_NUM_REQ_OR_INCORRECT' : null,
          portInDate: i % 3 === 0 ? '2030-04-10' : null,
        }),
      );
    }
    const yesterday = new Date(now.getTime() - 3_600_000);
    for (let i = 0; i < 40; i++) {
      const id = `JNUOID-closed-${i}`;
      await store.orders.insert(newOrder(id, created, { channelId: 'C_BIG' }));
      const status = ['Completed', 'Cancelled', 'Rejected', 'Completed'][i % 4] as string;
      await store.orders.recordStatus(
        id,
        status,
        status === 'Rejected' ? 'Rejected by losing carrier' : null,
        now,
        true,
        {
          now: yesterday,
        },
      );
    }
    await store.orders.insert(newOrder('JNOID-prov', created, { channelId: 'C_BIG', kind: 'provision' }));
    await store.orders.insert(newOrder('JNOID-out', created, { channelId: 'C_BIG', kind: 'portout' }));
    await store.digests.subscribe({
      channelId: 'C_BIG',
      localTime: '09:00',
      timeZone: 'UTC',
      createdBy: 'U1',
    });

    const jobs = start();
    expect((await jobs.runDigestOnce(now)).posted).toEqual(['C_BIG']);
    const post = digestPosts('C_BIG')[0] as FakeSlackCall;
    const blocks = post.body.blocks as Array<{ type: string; text?: { text: string } }>;
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) {
      if (block.type === 'section') expect(block.text!.text.length).toBeLessThanOrEqual(3000);
      if (block.type === 'header') expect(block.text!.text.length).toBeLessThanOrEqual(150);
    }
    const all = blocks.map((b) => b.text?.text ?? '').join('\n');
    expect(all).toContain('*500 open port-ins*, 30 need action.'); // 20 Error + 10 Rejected
    expect(all).toContain('more');
    expect(all).toContain('/telegent portin update JNUOID-big-0000');
    expect(all).toContain('Other orders: 1 provision open and 1 port-out PIN being issued.');
    expect(all).toContain('Completed in the last 24 h (20)');
    expect(all).toContain('Cancelled in the last 24 h (10)');
    expect(all.indexOf('Needs action')).toBeLessThan(all.indexOf('Open port-ins by status'));
    expect(all).toContain('port date Wed, Apr 10');
    expect(all).toMatch(/· open \d+ days/);
    expect(JSON.stringify(post.body)).toContain('SANDBOX');
  });
});
