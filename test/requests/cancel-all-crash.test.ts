import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ITEM_LEASE_SECONDS } from '../../src/requests/batch.js';
import { storeKinds } from '../support/test-db.js';
import { CHANNEL, leaseRunsOut, REQUESTER, startWorkflowFixture, workflowOnClock } from './fixture.js';

const CANCEL_PATH = '/v1.0/numbers/portin/cancel';

/**
 * kill -9 in the middle of Cancel all…: one port-in's cancel reached Telegent but its answer died with the worker.
 * After the lease the restart reads that port-in back (Cancelled: proof the cancel went through, so it is done,
 * not sent again) and cancels the other once.
 */
describe.each(storeKinds())('Cancel all… taken over after a crash on %s', (kind) => {
  let fx: Awaited<ReturnType<typeof startWorkflowFixture>>;
  beforeAll(async () => {
    fx = await startWorkflowFixture(kind);
  }, 60_000);
  afterAll(() => fx?.close());

  it('the cancel sent before the crash is read back (done, not re-sent); the other is sent once', async () => {
    let clock = new Date();
    const workflow = workflowOnClock(fx, () => clock);
    const orderIds: string[] = [];
    for (const number of ['+14155550191', '+14155550192']) {
      const ack = await fx.telegent.submitPortIn({
        PortInNumber: number,
        CurrentCarrierName: 'Verizon',
        CurrentAccountNumber: '12345678',
        CurrentAccountPassword: 'Crash-Pass-26',
        CurrentBillingAddress: { Street1: '1 Market St', City: 'San Francisco', State: 'CA', Zip: '94105' },
      });
      await fx.store.orders.insert({
        orderId: ack.OrderId,
        kind: 'portin',
        numbers: [number],
        status: ack.OrderStatus ?? 'Pending',
        channelId: CHANNEL,
        requestedBy: REQUESTER,
        nextCheckAt: clock,
      });
      orderIds.push(ack.OrderId);
    }
    const { request } = await fx.store.requests.insert({
      kind: 'portin-cancel',
      status: 'approved',
      input: { orderId: orderIds[0], orderIds },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      now: clock,
    });
    // The dead process: claimed the request, stored the items, sent the first cancel and died before the answer.
    expect(await fx.store.requests.claimExecution(request.id, clock)).not.toBeNull();
    await fx.store.requestItems.addAll(request.id, 2, clock);
    const lease = { now: clock, leaseSeconds: ITEM_LEASE_SECONDS };
    const sent = (await fx.store.requestItems.claimNext(request.id, lease))!;
    expect(await fx.store.requestItems.markSending(sent, lease)).toBe(true);
    await fx.telegent.cancelPortIn(orderIds[0]!);
    expect(fx.mutations(CANCEL_PATH)).toHaveLength(1);

    clock = new Date(clock.getTime() + (ITEM_LEASE_SECONDS + 1) * 1000);
    await leaseRunsOut(fx.store, request.id);
    const outcomes = await workflow.recoverStuckExecutions();
    expect(outcomes.map((o) => o.status)).toEqual(['succeeded']);
    // One cancel per port-in: the first was not sent again.
    expect(fx.mutations(CANCEL_PATH).map((m) => (m.body as { OrderId: string }).OrderId)).toEqual(orderIds);
    const items = await fx.store.requestItems.list(request.id);
    expect(items.map((i) => [i.item, i.status, i.attempts])).toEqual([
      [0, 'done', 1],
      [1, 'done', 1],
    ]);
    expect(JSON.stringify(items[0]!.result)).toContain('the cancel went through');
    // Both are read first by the poller.
    for (const orderId of orderIds.slice(1)) {
      expect((await fx.store.orders.get(orderId))?.recheckRequested).toBe(true);
    }
  });
});
