import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jobs } from '../../src/jobs/index.js';
import { EVENT_TYPES } from '../../src/notify/message-metadata.js';
import type { Store } from '../../src/store/open-store.js';
import type { TelegentClient } from '../../src/telegent/client.js';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';
import { jobsFor, newOrder, secondReplica, startWorld, telegentFor, type World } from './harness.js';

const at = (iso: string) => new Date(iso);
/** A Monday; the business day before it is Friday 2030-02-01. */
const PORT_DATE = '2030-02-04';

describe.each(storeKinds())('port-date heads-ups on %s', (kind) => {
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

  /** An open port-in with a port date and a root message the fake Slack holds. */
  async function portIn(orderId: string, channelId: string, portInDate = PORT_DATE) {
    const root = await world.web.chat.postMessage({ channel: channelId, text: `root ${orderId}` });
    await store.orders.insert(
      newOrder(orderId, at('2030-01-20T12:00:00Z'), { channelId, threadTs: root.ts!, portInDate }),
    );
    return root.ts!;
  }
  const headsUps = (channel: string) =>
    world.slack.messagesIn(channel).filter((m) => m.metadata?.event_type === EVENT_TYPES.portDateHeadsUp);

  it('the business day before (Friday for a Monday) and on the day, from 08:00, once each, in the thread', async () => {
    const thread = await portIn('JNUOID-heads-1', 'C_HEADS');
    const jobs = start();
    const posted = async (iso: string) => jobs.runHeadsUpsOnce(at(iso));
    expect(await posted('2030-01-31T12:00:00Z')).toBe(0); // Thursday: too early
    expect(await posted('2030-02-01T07:59:00Z')).toBe(0); // Friday before 08:00
    expect(await posted('2030-02-01T09:00:00Z')).toBe(1); // Friday: the business day before
    expect(await posted('2030-02-01T15:00:00Z')).toBe(0); // once
    expect(await posted('2030-02-03T12:00:00Z')).toBe(0); // Sunday
    expect(await posted('2030-02-04T08:30:00Z')).toBe(1); // the day
    expect(await posted('2030-02-04T18:00:00Z')).toBe(0);
    const posts = headsUps('C_HEADS');
    expect(posts.map((m) => m.metadata?.event_payload.kind)).toEqual(['eve', 'day']);
    expect(posts.every((m) => m.thread_ts === thread)).toBe(true);
    expect(posts[0]!.text).toContain('Ports next business day');
    expect(JSON.stringify(posts[0]!.blocks)).toContain('Mon, Feb 4');
    // The number in words a person reads aloud, the order by its short id; no E.164 in the sentence.
    expect(JSON.stringify(posts[0]!.blocks)).toContain('(512) 555-0000');
    expect(JSON.stringify(posts[0]!.blocks)).not.toContain('+15125550000');
  });

  it('a closed order, or one with no port date, gets none', async () => {
    await portIn('JNUOID-heads-closed', 'C_HEADS_CLOSED');
    await store.orders.recordStatus(
      'JNUOID-heads-closed',
      'Cancelled',
      null,
      at('2030-02-05T00:00:00Z'),
      true,
    );
    await store.orders.insert(
      newOrder('JNUOID-heads-nodate', at('2030-01-20T12:00:00Z'), {
        channelId: 'C_HEADS_CLOSED',
        portInDate: null,
      }),
    );
    expect(await start().runHeadsUpsOnce(at('2030-02-01T09:00:00Z'))).toBe(0);
    expect(headsUps('C_HEADS_CLOSED')).toEqual([]);
  });

  it('two replicas at the same moment: one heads-up per order', async () => {
    await portIn('JNUOID-heads-2', 'C_HEADS_2', '2030-03-05');
    const [a, b] = [start(), start(replica)];
    const when = at('2030-03-04T10:00:00Z');
    const counts = await Promise.all([a.runHeadsUpsOnce(when), b.runHeadsUpsOnce(when)]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(1);
    expect(headsUps('C_HEADS_2')).toHaveLength(1);
  });
});
