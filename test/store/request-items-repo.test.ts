import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';

const T0 = new Date('2030-01-01T09:00:00Z');
/** The worker's clock (updated_at); leases run on the database's clock, aged below in SQL. */
const at = (seconds: number) => ({ now: new Date(T0.getTime() + seconds * 1000), leaseSeconds: 60 });

/** The SQL that works a batch request's items once each: claims, leases, the fence before a send, outcomes. */
describe.each(storeKinds())('request items repo on %s', (kind) => {
  let store: TestStore;
  let seq = 0;
  const newRequest = async () =>
    (
      await store.requests.insert({
        id: `req_items_${++seq}_${Date.now()}`,
        kind: 'provision',
        input: {},
        requestedBy: 'U_REQUESTER',
        channelId: 'C_SUPPORT',
      })
    ).request.id;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());
  /** What the database's clock does in a minute: the lease on this item has run out. */
  const leaseRunsOut = (requestId: string, item: number) =>
    store.db.query(
      `UPDATE request_items SET claimed_until = now() - interval '1 second' WHERE request_id = $1 AND item = $2`,
      [requestId, item],
    );

  it('items stored once; each claimed by one worker; a dead worker fenced out once its lease ran out', async () => {
    const repo = store.requestItems;
    const id = await newRequest();
    await repo.addAll(id, 3, at(0).now);
    await repo.addAll(id, 3, at(1).now); // a second executor adds nothing
    expect((await repo.list(id)).map((i) => [i.item, i.status, i.attempts])).toEqual([
      [0, 'pending', 0],
      [1, 'pending', 0],
      [2, 'pending', 0],
    ]);

    const a = (await repo.claimNext(id, at(0)))!;
    const b = (await repo.claimNext(id, at(0)))!;
    expect([a.item, b.item]).toEqual([0, 1]); // never the same item twice
    expect(await repo.markSending(a, at(10))).toBe(true); // counted before the send; lease to 70
    expect(await repo.finish(b, { status: 'failed', error: 'refused' }, at(11).now)).toBe(true);
    const c = (await repo.claimNext(id, at(12)))!;
    expect(c.item).toBe(2);
    expect(await repo.claimNext(id, at(69))).toBeNull(); // a holds 0; c holds 2 (live leases)
    expect(await repo.anyUnsettled(id)).toBe(true);

    // a died after its send: once its lease ran out the next worker gets item 0 back, knowing it may have been
    // sent. The worker's own clock does not decide it (a replica whose clock runs ahead takes nothing early).
    expect(await repo.claimNext(id, at(10_000))).toBeNull();
    await leaseRunsOut(id, 0);
    const again = (await repo.claimNext(id, at(71)))!;
    expect(again).toMatchObject({ item: 0, attempts: 1 });
    expect(await repo.markSending(a, at(72))).toBe(false); // the dead worker's fence is gone
    expect(await repo.finish(a, { status: 'done', result: { numbers: ['+1'] } }, at(72).now)).toBe(false);
    expect(
      await repo.finish(again, { status: 'done', result: { numbers: ['+18015550101'] } }, at(73).now),
    ).toBe(true);
    expect(await repo.finish(c, { status: 'done', result: { numbers: ['+18015550102'] } }, at(74).now)).toBe(
      true,
    );
    expect(await repo.claimNext(id, at(10_000))).toBeNull(); // settled is settled
    expect(await repo.anyUnsettled(id)).toBe(false);
    expect((await repo.list(id)).map((i) => [i.item, i.status, i.attempts, i.error])).toEqual([
      [0, 'done', 1, null],
      [1, 'failed', 0, 'refused'],
      [2, 'done', 0, null],
    ]);
    expect((await repo.list(id))[0]!.result).toEqual({ numbers: ['+18015550101'] });
  });

  it('a batch whose worker died is listed as stranded once its items are quiet; a live one is not', async () => {
    const repo = store.requestItems;
    const id = await newRequest();
    await store.db.query(`UPDATE requests SET status = 'executing' WHERE id = $1`, [id]);
    await repo.addAll(id, 2, at(0).now);
    const held = (await repo.claimNext(id, at(0)))!;
    const stranded = (quiet: number) => repo.listStranded(at(quiet).now).then((ids) => ids.includes(id));
    expect(await stranded(20)).toBe(false); // held under a live lease
    await leaseRunsOut(id, 0);
    expect(await stranded(20)).toBe(true); // the lease ran out, nothing touched since
    // Taken over: the dead worker's claim is fenced out.
    expect((await repo.claimNext(id, at(62)))?.item).toBe(0);
    expect(await repo.markSending(held, at(63))).toBe(false);
    expect(await stranded(20)).toBe(false); // worked on again
  });

  it('a worker whose call is slow keeps its item by renewing; once taken over, its renewal fails', async () => {
    const repo = store.requestItems;
    const id = await newRequest();
    await repo.addAll(id, 1, at(0).now);
    const slow = (await repo.claimNext(id, at(0)))!;
    expect(await repo.markSending(slow, at(0))).toBe(true); // held for 60 s
    await leaseRunsOut(id, 0);
    expect(await repo.renew(slow, at(50))).toBe(true); // still its own (nobody took it): held for 60 s more
    expect(await repo.claimNext(id, at(100))).toBeNull();
    await leaseRunsOut(id, 0);
    const next = (await repo.claimNext(id, at(111)))!; // it went silent: taken over, read back (attempts 1)
    expect(next.attempts).toBe(1);
    expect(await repo.renew(slow, at(112))).toBe(false);
    expect(await repo.finish(slow, { status: 'done', result: null }, at(112).now)).toBe(false);
  });
});
