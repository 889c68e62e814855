import type { OrderKind, OrderRecord, OrdersRepo } from '../store/orders-repo.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { isTerminalOrderStatus } from '../telegent/order-status.js';

/** What an executed mutation tells us about the order to watch. */
export interface CreatedOrder {
  orderId: string;
  kind: OrderKind;
  numbers: string[];
  status: string;
  portInDate?: string | null;
}

type Response = { OrderId?: string; OrderStatus?: string | null; [key: string]: unknown };

/** The order a successful mutation created, or null for operations that create none. */
export function createdOrder(
  kind: string,
  input: Record<string, unknown>,
  result: unknown,
): CreatedOrder | null {
  const response = result as Response;
  if (!response?.OrderId) return null;
  const status = response.OrderStatus ?? 'Pending';
  switch (kind) {
    case 'provision': {
      const number = response.PhoneNumberAssigned;
      return { orderId: response.OrderId, kind, status, numbers: typeof number === 'string' ? [number] : [] };
    }
    case 'portin':
      return {
        orderId: response.OrderId,
        kind,
        status,
        numbers: [String(input.phoneNumber)],
        portInDate: (input.portInDate as string | undefined) ?? null,
      };
    case 'portout':
      return { orderId: response.OrderId, kind, status, numbers: [String(input.phoneNumber)] };
    default:
      return null;
  }
}

/**
 * Starts watching an order in the requester's channel. An order that is already final (provisioning is
 * often `Complete` at once) is stored closed, so the poller never asks about it.
 */
export async function trackOrder(
  orders: OrdersRepo,
  request: RequestRecord,
  created: CreatedOrder,
  options: { now: Date; firstCheckSeconds: number },
): Promise<OrderRecord> {
  const nextCheckAt = new Date(options.now.getTime() + options.firstCheckSeconds * 1000);
  const order = await orders.insert({
    orderId: created.orderId,
    kind: created.kind,
    numbers: created.numbers,
    status: created.status,
    channelId: request.channelId,
    requestId: request.id,
    requestedBy: request.requestedBy,
    portInDate: created.portInDate ?? null,
    nextCheckAt,
    pollIntervalSeconds: options.firstCheckSeconds,
  });
  if (!isTerminalOrderStatus(created.status)) return order;
  const closed = await orders.recordStatus(order.orderId, created.status, null, nextCheckAt, true, {
    now: options.now,
  });
  return closed.order;
}
