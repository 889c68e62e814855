import type { Outcome } from '../operations/operation.js';
import type { OrderRecord, OrdersRepo } from '../store/orders-repo.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { isTerminalOrderStatus } from '../telegent/order-status.js';

/**
 * Starts watching the order a request created, in the requester's channel. An order that is already final
 * (provisioning is often `Complete` at once) is stored closed, so the poller never asks about it.
 */
export async function trackOrder(
  orders: OrdersRepo,
  request: RequestRecord,
  created: NonNullable<Outcome['order']>,
  options: { now: Date; firstCheckSeconds: number },
): Promise<OrderRecord> {
  const nextCheckAt = new Date(options.now.getTime() + options.firstCheckSeconds * 1000);
  const order = await orders.insert({
    orderId: created.orderId,
    kind: request.kind,
    numbers: created.numbers,
    status: created.status,
    channelId: request.channelId,
    // The request's message in the channel is the order's root: its thread carries every status change.
    threadTs: request.storyTs,
    requestId: request.id,
    requestedBy: request.requestedBy,
    portInDate: created.portInDate ?? null,
    accountId: request.accountId,
    nextCheckAt,
  });
  if (!isTerminalOrderStatus(created.status)) return order;
  const closed = await orders.recordStatus(order.orderId, created.status, null, nextCheckAt, true, {
    now: options.now,
  });
  return closed.order;
}
