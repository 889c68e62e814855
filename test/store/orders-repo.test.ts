import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewOrder } from '../../src/store/orders-repo.js';
import { createOrdersRepo } from '../../src/store/orders-repo.js';
import { createPostgresDb } from '../../src/store/postgres-db.js';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';

const t0 = new Date('2030-01-01T12:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

const newOrder = (orderId: string, overrides: Partial<NewOrder> = {}): NewOrder => ({
  orderId,
  kind: 'portin',
  numbers: ['+18015551234'],
  status: 'Submitted',
  channelId: 'C_SUPPORT',
  threadTs: '1700000000.000100',
  requestedBy: 'U_REQUESTER',
  portInDate: '2030-01-15',
  nextCheckAt: t0,
  ...overrides,
});

describe.each(storeKinds())('orders repo on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());

  it('inserts, returns the stored row for a known OrderId, and lists open orders by channel', async () => {
    const order = await store.orders.insert(newOrder('JNOID-1', { channelId: 'C_LIST' }));
    expect(order).toMatchObject({
      orderId: 'JNOID-1',
      numbers: ['+18015551234'],
      portInDate: '2030-01-15',
      closedAt: null,
    });
    expect(order.nextCheckAt).toEqual(t0);
    expect(await store.orders.insert(newOrder('JNOID-1', { status: 'Other' }))).toEqual(order);
    expect((await store.orders.listOpenByChannel('C_LIST')).map((o) => o.orderId)).toEqual(['JNOID-1']);
    expect(await store.orders.get('JNOID-nope')).toBeNull();
  });

  it("lists a user's open orders: theirs anywhere, and any in the channels they use", async () => {
    await store.orders.insert(
      newOrder('JNOID-home-mine', { channelId: 'C_ELSEWHERE', requestedBy: 'U_HOME' }),
    );
    await store.orders.insert(
      newOrder('JNOID-home-team', { channelId: 'C_HOME_TEAM', requestedBy: 'U_OTHER' }),
    );
    await store.orders.insert(
      newOrder('JNOID-home-none', { channelId: 'C_UNRELATED', requestedBy: 'U_OTHER' }),
    );
    const ids = (await store.orders.listOpenForUser('U_HOME', ['C_HOME_TEAM'])).map((o) => o.orderId).sort();
    expect(ids).toEqual(['JNOID-home-mine', 'JNOID-home-team']);
  });

  it('claims the orders it may read with a short lease: not handed out again until it ends or is released', async () => {
    await store.orders.insert(newOrder('JNOID-due-1', { nextCheckAt: at(-10) }));
    await store.orders.insert(newOrder('JNOID-due-2', { nextCheckAt: at(-5) }));
    await store.orders.insert(newOrder('JNOID-later', { nextCheckAt: at(3600) }));
    const now = at(0);
    const claimed = await store.orders.claimStalest(now, 1000, 20);
    const ids = claimed.map((o) => o.orderId);
    expect(ids).toEqual(expect.arrayContaining(['JNOID-due-1', 'JNOID-due-2']));
    expect(ids).not.toContain('JNOID-later');
    expect(claimed.find((o) => o.orderId === 'JNOID-due-1')).toMatchObject({
      leaseExpiresAt: at(20),
      nextCheckAt: at(-10),
    });
    const again = await store.orders.claimStalest(now, 1000, 20);
    expect(again.map((o) => o.orderId)).not.toContain('JNOID-due-1');
    expect((await store.orders.claimStalest(at(21), 1000, 20)).map((o) => o.orderId)).toContain(
      'JNOID-due-1',
    );
    // Released (a failed read): back after its not-before time, not before.
    await store.orders.releaseLease('JNOID-due-2', at(300));
    expect((await store.orders.claimStalest(at(299), 1000, 20)).map((o) => o.orderId)).not.toContain(
      'JNOID-due-2',
    );
    expect((await store.orders.claimStalest(at(300), 1000, 20)).map((o) => o.orderId)).toContain(
      'JNOID-due-2',
    );
  });

  it('hands out a requested re-check first, then the longest unread weighted by poll_weight', async () => {
    const read = async (orderId: string, secondsAgo: number, pollWeight: number) => {
      await store.orders.insert(newOrder(orderId, { nextCheckAt: at(-3600) }));
      await store.orders.recordStatus(orderId, 'Submitted', null, at(-secondsAgo), false, {
        now: at(-secondsAgo),
        pollWeight,
      });
    };
    await read('JNOID-quiet-100s', 100, 1);
    await read('JNOID-urgent-30s', 30, 4); // 30 s × 4 = 120 s of weighted staleness: ahead of the quiet one
    await read('JNOID-quiet-10s', 10, 1);
    await read('JNOID-rechecked', 5, 1);
    expect(await store.orders.scheduleCheck('JNOID-rechecked', at(-1))).toBe(true);
    const order = (await store.orders.claimStalest(at(0), 1000, 20))
      .map((o) => o.orderId)
      .filter((id) => /quiet|urgent|rechecked/.test(id));
    expect(order).toEqual(['JNOID-rechecked', 'JNOID-urgent-30s', 'JNOID-quiet-100s', 'JNOID-quiet-10s']);
    const rechecked = await store.orders.recordStatus('JNOID-rechecked', 'FOC', null, at(60), false, {
      now: at(0),
    });
    expect(rechecked.order).toMatchObject({
      recheckRequested: false,
      leaseExpiresAt: null,
      lastCheckedAt: at(0),
    });
  });

  it('a reading whose lease ran out or was renewed by someone else records nothing', async () => {
    await store.orders.insert(newOrder('JNOID-lease', { nextCheckAt: at(-1) }));
    const [mine] = (await store.orders.claimStalest(at(0), 1000, 20)).filter(
      (o) => o.orderId === 'JNOID-lease',
    );
    const held = mine!.leaseExpiresAt!;
    expect(await store.orders.renewLease('JNOID-lease', at(99), at(40))).toBe(false);
    expect(await store.orders.renewLease('JNOID-lease', held, at(40))).toBe(true);
    const stale = await store.orders.recordStatus('JNOID-lease', 'FOC', null, at(60), false, {
      now: at(1),
      heldUntil: held,
    });
    expect(stale.leaseLost).toBe(true);
    expect(stale.event).toBeNull();
    expect((await store.orders.get('JNOID-lease'))?.status).toBe('Submitted');
    const fresh = await store.orders.recordStatus('JNOID-lease', 'FOC', null, at(60), false, {
      now: at(1),
      heldUntil: at(40),
    });
    expect(fresh.leaseLost).toBeUndefined();
    expect(fresh.event?.status).toBe('FOC');

    // An update sent while a read is in flight: the read's older answer must not undo the requested re-check.
    const [again] = (await store.orders.claimStalest(at(120), 1000, 20)).filter(
      (o) => o.orderId === 'JNOID-lease',
    );
    expect(await store.orders.scheduleCheck('JNOID-lease', at(121))).toBe(true);
    const overtaken = await store.orders.recordStatus('JNOID-lease', 'FOC', null, at(180), false, {
      now: at(122),
      heldUntil: again!.leaseExpiresAt!,
    });
    expect(overtaken.leaseLost).toBe(true);
    expect(await store.orders.get('JNOID-lease')).toMatchObject({
      recheckRequested: true,
      nextCheckAt: at(121),
    });
    // A failed read whose lease is gone does not release what is no longer its own.
    const [third] = (await store.orders.claimStalest(at(121), 1000, 20)).filter(
      (o) => o.orderId === 'JNOID-lease',
    );
    await store.orders.releaseLease('JNOID-lease', at(999), again!.leaseExpiresAt!);
    expect((await store.orders.get('JNOID-lease'))?.leaseExpiresAt).toEqual(third!.leaseExpiresAt);
  });

  it('writes an outbox event only when the status or message changes', async () => {
    await store.orders.insert(newOrder('JNOID-ev'));
    const same = await store.orders.recordStatus('JNOID-ev', 'Submitted', null, at(600), false, {
      pollWeight: 4,
      now: at(0),
    });
    expect(same.event).toBeNull();
    expect(same.order).toMatchObject({ pollWeight: 4, nextCheckAt: at(600), lastCheckedAt: at(0) });

    const changed = await store.orders.recordStatus(
      'JNOID-ev',
      'FOC',
      'Firm order commitment',
      at(300),
      false,
    );
    expect(changed.event).toMatchObject({
      orderId: 'JNOID-ev',
      status: 'FOC',
      statusMessage: 'Firm order commitment',
    });
    const msgOnly = await store.orders.recordStatus('JNOID-ev', 'FOC', 'FOC date moved', at(300), false);
    expect(msgOnly.event).not.toBeNull();
    const done = await store.orders.recordStatus('JNOID-ev', 'Complete', null, at(300), true);
    expect(done.order.closedAt).toBeInstanceOf(Date);
    expect((await store.orderEvents.listEvents('JNOID-ev')).map((e) => e.status)).toEqual([
      'FOC',
      'FOC',
      'Complete',
    ]);

    const pending = (await store.orderEvents.claimUndeliveredByChannel(100)).events.filter(
      (e) => e.orderId === 'JNOID-ev',
    );
    expect(pending).toHaveLength(3);
    expect(pending[2]).toMatchObject({ channelId: 'C_SUPPORT', threadTs: '1700000000.000100', closed: true });
    // Leased: not handed out again while the poster works on them.
    expect(
      (await store.orderEvents.claimUndeliveredByChannel(100)).events.filter((e) => e.orderId === 'JNOID-ev'),
    ).toHaveLength(0);
    await store.orderEvents.markPosted(pending.slice(0, 2).map((e) => e.id));
    const later = await store.orderEvents.claimUndeliveredByChannel(100, {
      now: new Date(Date.now() + 121_000),
    });
    expect(later.events.filter((e) => e.orderId === 'JNOID-ev').map((e) => e.id)).toEqual([pending[2]!.id]);
  });

  it('claims are fenced: a poster whose lease ran out can neither renew, release nor take back its events', async () => {
    await store.orders.insert(newOrder('JNOID-fence', { channelId: 'C_FENCE' }));
    await store.orders.recordStatus('JNOID-fence', 'FOC', null, at(300), false);
    const mine = (e: { orderId: string }) => e.orderId === 'JNOID-fence';
    const t0 = new Date(Date.now() + 1_000_000);
    const first = await store.orderEvents.claimUndeliveredByChannel(100, { now: t0, leaseSeconds: 120 });
    const ids = first.events.filter(mine).map((e) => e.id);
    expect(ids).toHaveLength(1);
    expect(await store.orderEvents.renewClaim(ids, first.claim, { now: t0, leaseSeconds: 120 })).toBe(true);
    // The first poster stalls past its lease; a second takes the event over (a second claim: look in Slack first).
    const t1 = new Date(t0.getTime() + 121_000);
    const second = await store.orderEvents.claimUndeliveredByChannel(100, { now: t1, leaseSeconds: 120 });
    expect(second.events.filter(mine)).toMatchObject([{ claims: 2 }]);
    expect(await store.orderEvents.renewClaim(ids, first.claim, { now: t1 })).toBe(false);
    await store.orderEvents.releaseEvents(ids, first.claim); // no effect: not its claim any more
    expect((await store.orderEvents.claimUndeliveredByChannel(100, { now: t1 })).events.filter(mine)).toEqual(
      [],
    );
    // A post Slack refused (rate limited) does not count as a possible post.
    await store.orderEvents.releaseEvents(ids, second.claim, { certainlyNotPosted: true });
    const third = await store.orderEvents.claimUndeliveredByChannel(100, { now: t1 });
    expect(third.events.filter(mine)).toMatchObject([{ claims: 2 }]);
  });

  it('finds orders by the start of their id: any case, the exact id first, LIKE wildcards taken literally', async () => {
    await store.orders.insert(newOrder('JNUOID-7e57a000-0000-4000-8000-000000000001'));
    await store.orders.insert(newOrder('JNUOID-7e57a000-0000-4000-8000-000000000002'));
    await store.orders.insert(newOrder('JNUOID-7e57b111-0000-4000-8000-000000000003'));
    await store.orders.insert(newOrder('JNUOID-7e57'));
    const ids = async (prefix: string) =>
      (await store.orders.findByIdPrefix(prefix, 10)).map((o) => o.orderId).sort();
    expect(await ids('JNUOID-7e57b')).toEqual(['JNUOID-7e57b111-0000-4000-8000-000000000003']);
    expect(await ids('jnuoid-7E57B1')).toEqual(['JNUOID-7e57b111-0000-4000-8000-000000000003']);
    expect(await ids('JNUOID-7e57a000')).toHaveLength(2);
    expect((await store.orders.findByIdPrefix('JNUOID-7e57', 10))[0]?.orderId).toBe('JNUOID-7e57');
    expect(await store.orders.findByIdPrefix('JNUOID-7e57', 2)).toHaveLength(2);
    // `%` and `_` are characters to match, not wildcards (no stored id has them).
    expect(await ids('JNUOID-7e57%')).toEqual([]);
    expect(await ids('JNUOID-7e57_111')).toEqual([]);
    expect(await ids('JNUOID-7e57\\')).toEqual([]);
    expect(await ids('JNUOID-0000')).toEqual([]);
  });

  it('refuses a status for an order it does not track', async () => {
    await expect(store.orders.recordStatus('JNOID-ghost', 'Complete', null, at(0), true)).rejects.toThrow(
      /not tracked/,
    );
  });
});

describe('orders claimed by several replicas on the Postgres server', () => {
  let store: TestStore | undefined;
  afterAll(() => store?.close());

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'claimStalest from two pools never hands one order to both (needs TEST_DATABASE_URL; skipped without it)',
    async () => {
      store = await openTestStore('postgres');
      const values = Array.from(
        { length: 200 },
        (_, i) => `('JNOID-r${i}', 'provision', '{}', 'Pending', 'C', 'U', $1::timestamptz)`,
      );
      await store.db.query(
        `INSERT INTO orders (order_id, kind, numbers, status, channel_id, requested_by, next_check_at)
         VALUES ${values.join(',')}`,
        [at(-1)],
      );
      const pools = [1, 2].map(() => createPostgresDb({ connectionString: store!.databaseUrl!, max: 4 }));
      try {
        const repos = pools.map((db) => createOrdersRepo(db));
        const seen: string[][] = [[], []];
        // Rounds in lockstep: in each, two claimers per pool ask at once. Every round hands each claimer its
        // own batch (200 due orders, 4 × 7 per round), so both pools claim whatever the machine's load, and
        // every claim races three others.
        const claimers = [0, 0, 1, 1];
        for (;;) {
          const batches = await Promise.all(claimers.map((i) => repos[i]!.claimStalest(at(0), 7, 600)));
          for (const [k, batch] of batches.entries())
            seen[claimers[k]!]!.push(...batch.map((o) => o.orderId));
          if (batches.every((batch) => batch.length === 0)) break;
        }
        const all = [...seen[0]!, ...seen[1]!];
        expect(all).toHaveLength(200);
        expect(new Set(all).size).toBe(200);
        expect(seen[0]!.length).toBeGreaterThan(0);
        expect(seen[1]!.length).toBeGreaterThan(0);
      } finally {
        await Promise.all(pools.map((db) => db.close()));
      }
    },
  );
});
