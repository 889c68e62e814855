import { trackOrder } from '../../src/requests/order-tracking.js';
import { CHANNEL, type E2E, REQUESTER } from './harness.js';

/**
 * A port-in of several numbers as the batch runner leaves it (one request, one item and one tracked order per
 * number, each order answering in the request's story thread), made directly: each number's port-in is really
 * submitted to the sandbox (so a cancel of it is real), and the story is drawn by the app with what it stored.
 * Port-in batches are filed by their own form (another branch); this stands in for that form and its run.
 */
export async function portInBatch(
  e2e: Pick<E2E, 'store' | 'telegent' | 'ops' | 'sandbox'>,
  numbers: readonly string[],
  options: { customerName?: string; reason?: string } = {},
): Promise<{ requestId: string; orderIds: string[]; storyTs: string }> {
  const { store } = e2e;
  const now = () => e2e.sandbox.clock.now();
  const { request } = await store.requests.insert({
    kind: 'portin',
    status: 'approved',
    input: {
      phoneNumber: numbers[0],
      phoneNumbers: [...numbers],
      currentCarrierName: 'Verizon',
      customerName: options.customerName ?? 'Jane Doe',
      reason: options.reason ?? 'ZD-26 move the office lines',
    },
    requestedBy: REQUESTER,
    channelId: CHANNEL,
    now: now(),
  });
  await store.requests.claimExecution(request.id, now());
  await store.requestItems.addAll(request.id, numbers.length, now());
  // The story is posted first: each order's thread is the request's story message.
  await e2e.ops.ctx.messages.sync(request.id);
  const running = (await store.requests.get(request.id))!;
  if (!running.storyTs) throw new Error('the batch story was not posted');
  const lease = () => ({ now: now(), leaseSeconds: 120 });
  const orderIds: string[] = [];
  for (const number of numbers) {
    const item = (await store.requestItems.claimNext(request.id, lease()))!;
    await store.requestItems.markSending(item, lease());
    const ack = await e2e.telegent.submitPortIn({
      PortInNumber: number,
      CurrentCarrierName: 'Verizon',
      CurrentAccountNumber: '12345678',
      CurrentAccountPassword: 'Batch-Pass-26',
      CurrentBillingAddress: { Street1: '1 Market St', City: 'San Francisco', State: 'CA', Zip: '94105' },
    });
    const order = await trackOrder(
      store.orders,
      running,
      { orderId: ack.OrderId, numbers: [number], status: ack.OrderStatus ?? 'Pending' },
      { now: now(), firstCheckSeconds: 300 },
    );
    await store.requestItems.finish(item, { status: 'done', result: { numbers: [number] } }, now());
    orderIds.push(order.orderId);
  }
  await store.requests.finish(request.id, 'succeeded', { result: { items: numbers.length }, now: now() });
  await e2e.ops.ctx.messages.sync(request.id);
  return { requestId: request.id, orderIds, storyTs: running.storyTs };
}
