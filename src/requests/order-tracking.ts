import type { Outcome } from '../operations/operation.js';
import type { ChannelAccountsRepo } from '../store/channel-accounts-repo.js';
import type { OrderRecord, OrdersRepo } from '../store/orders-repo.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { isTerminalOrderStatus } from '../telegent/order-status.js';
import { customerFullName, requestReason } from './request-context.js';

/**
 * Starts watching the order a request created, in the requester's channel. An order that is already final
 * (provisioning is often `Complete` at once) is stored closed, so the poller never asks about it.
 */
export async function trackOrder(
  orders: OrdersRepo,
  request: RequestRecord,
  created: NonNullable<Outcome['order']>,
  options: {
    now: Date;
    firstCheckSeconds: number;
    /** The channel's bound account by name, when the request was filed under it. */
    accountName?: string | null;
  },
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
    // Who and why go with the order: its messages, lists and the digest lead with them.
    customerName: customerFullName(request.input) ?? null,
    accountName: options.accountName ?? null,
    requestReason: requestReason(request.input) ?? null,
    nextCheckAt,
  });
  if (!isTerminalOrderStatus(created.status)) return order;
  const closed = await orders.recordStatus(order.orderId, created.status, null, nextCheckAt, true, {
    now: options.now,
  });
  return closed.order;
}

/**
 * The account a request was filed under, by name, when its channel is (still) bound to it: the "· Acme" after
 * the customer on the order's surfaces. A failed read only leaves the name out (the order must be recorded).
 */
export async function boundAccountName(
  store: { channelAccounts: Pick<ChannelAccountsRepo, 'get'> },
  request: Pick<RequestRecord, 'channelId' | 'accountId'>,
): Promise<string | null> {
  const bound = await store.channelAccounts.get(request.channelId).catch(() => null);
  return bound && bound.accountId === request.accountId ? bound.accountName : null;
}
