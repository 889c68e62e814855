import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimedLineSubscription } from '../../src/store/line-subscriptions-repo.js';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';

const T0 = new Date('2030-01-01T09:00:00Z');
const at = (seconds: number) => ({ now: new Date(T0.getTime() + seconds * 1000), leaseSeconds: 60 });

/** The SQL that works each new line's plan step once: claims, leases, the fence before a create, outcomes. */
describe.each(storeKinds())('line subscriptions repo on %s', (kind) => {
  let store: TestStore;
  let seq = 0;
  const newRequest = async () =>
    (
      await store.requests.insert({
        id: `req_plan_${++seq}_${Date.now()}`,
        kind: 'provision',
        input: {},
        requestedBy: 'U_REQUESTER',
        channelId: 'C_SUPPORT',
      })
    ).request.id;
  const step = (requestId: string, extra: Record<string, unknown> = {}) => ({
    requestId,
    phoneNumber: '+18015551234',
    subscriberId: 'TSUID-1',
    packageId: 'PID-unlimited',
    planName: 'Unlimited Plus',
    type: 'mvno',
    tnid: 'NID-1',
    ...extra,
  });
  /** Claims what is due at `seconds` and keeps only this test's step. */
  const claim = async (requestId: string, seconds: number) =>
    (await store.lineSubscriptions.claimDue(100, at(seconds))).find((s) => s.requestId === requestId);
  /** What the database's clock does once a lease's time is up. */
  const expireLease = (requestId: string) =>
    store.db.query(
      `UPDATE line_subscriptions SET claimed_until = now() - interval '1 minute' WHERE request_id = $1`,
      [requestId],
    );
  beforeAll(async () => {
    store = await openTestStore(kind);
  });

  it('a number’s latest step: the card’s way to its NID- and to whether its plan is being set up', async () => {
    const repo = store.lineSubscriptions;
    const number = `+1801555${String(Date.now()).slice(-4)}`;
    expect(await repo.latestForNumber(number)).toBeNull();
    const older = await newRequest();
    await repo.add(step(older, { phoneNumber: number, tnid: 'NID-old' }), at(0).now);
    const newer = await newRequest();
    await repo.add(step(newer, { phoneNumber: number, tnid: 'NID-new' }), at(5).now);
    expect(await repo.latestForNumber(number)).toMatchObject({
      requestId: newer,
      tnid: 'NID-new',
      status: 'pending',
    });
  });
  afterAll(() => store?.close());

  it('stored once per request; claimed by one worker; fenced once its lease ran out and another took it', async () => {
    const repo = store.lineSubscriptions;
    const id = await newRequest();
    const first = await repo.add(step(id), at(0).now);
    expect(first).toMatchObject({ status: 'pending', attempts: 0, tnid: 'NID-1', orderId: null });
    await repo.add(step(id, { packageId: 'PID-other' }), at(1).now);
    expect((await repo.getByRequest(id))?.packageId).toBe('PID-unlimited');

    const a = (await claim(id, 0))!;
    expect(a.status).toBe('claimed');
    expect(await claim(id, 30)).toBeUndefined(); // held by a
    expect(await repo.markSending(a, at(30))).toBe(true); // a create may go out: counted, lease renewed
    // Leases run on the database's clock: a replica whose clock runs hours ahead does not take a held step.
    expect(await claim(id, 10_000)).toBeUndefined();
    await expireLease(id); // a died: its lease runs out
    const b = (await claim(id, 91))!; // b takes it over, and knows a create may have been sent
    expect(b.attempts).toBe(1);
    expect(await repo.markSending(a, at(92))).toBe(false);
    expect(await repo.finish(a, { status: 'done', subscriptionId: 'SUB-a' }, at(92).now)).toBe(false);
    expect(await repo.renew(a, at(92))).toBe(false);
    expect(await repo.finish(b, { status: 'done', subscriptionId: 'SUB-b' }, at(93).now)).toBe(true);
    expect(await repo.getByRequest(id)).toMatchObject({ status: 'done', subscriptionId: 'SUB-b' });
    expect(await claim(id, 10_000)).toBeUndefined(); // done is done
  });

  it('a port-in step waits for its order to close; the number read back is stored while held', async () => {
    const repo = store.lineSubscriptions;
    const id = await newRequest();
    await store.orders.insert({
      orderId: `ORD-${id}`,
      kind: 'portin',
      numbers: ['+18015551234'],
      status: 'Pending',
      channelId: 'C_SUPPORT',
      requestedBy: 'U_REQUESTER',
      requestId: id,
      nextCheckAt: at(0).now,
    });
    await repo.add(step(id, { waitForOrderId: `ORD-${id}`, tnid: null }), at(0).now);
    expect((await repo.getByRequest(id))?.status).toBe('waiting');
    expect(await claim(id, 5)).toBeUndefined();
    await store.orders.recordStatus(`ORD-${id}`, 'Completed', null, at(10).now, true, { now: at(10).now });
    const held = (await claim(id, 11))!;
    expect(held).toMatchObject({ orderId: `ORD-${id}`, tnid: null });
    expect(await repo.setNumber(held, { tnid: 'TNID-77', type: 'iot', iccid: '8901' }, at(12).now)).toBe(
      true,
    );
    expect(await repo.getByRequest(id)).toMatchObject({ tnid: 'TNID-77', type: 'iot', iccid: '8901' });
  });

  it('a transient failure waits for its time and counts; a refusal keeps its sentence', async () => {
    const repo = store.lineSubscriptions;
    const id = await newRequest();
    await repo.add(step(id), at(0).now);
    const a = (await claim(id, 0)) as ClaimedLineSubscription;
    expect(await repo.retryLater(a, at(60).now, 'network', at(1).now)).toBe(1);
    expect(await repo.retryLater(a, at(60).now, 'network', at(1).now)).toBeNull(); // no longer held
    expect(await claim(id, 59)).toBeUndefined();
    const b = (await claim(id, 60))!;
    expect(b.failures).toBe(1);
    expect(
      await repo.finish(b, { status: 'refused', detail: 'Telegent refused the plan.' }, at(61).now),
    ).toBe(true);
    expect(await repo.getByRequest(id)).toMatchObject({
      status: 'refused',
      detail: 'Telegent refused the plan.',
      subscriptionId: null,
      claimToken: null,
    });
  });

  it('two workers claiming at once never get the same step', async () => {
    const repo = store.lineSubscriptions;
    const ids = await Promise.all([1, 2, 3, 4, 5, 6].map(() => newRequest()));
    for (const id of ids) await repo.add(step(id), at(0).now);
    const [x, y] = await Promise.all([repo.claimDue(3, at(1)), repo.claimDue(100, at(1))]);
    const mine = (list: ClaimedLineSubscription[]) =>
      list.map((s) => s.requestId).filter((id) => ids.includes(id));
    const both = [...mine(x), ...mine(y)];
    expect(new Set(both).size).toBe(both.length);
    expect(both.sort()).toEqual([...ids].sort());
  });
});
