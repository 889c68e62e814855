import type { OperationKind } from '../operations/operation.js';
import type { FieldErrors } from '../operations/validation-errors.js';
import type { OrdersRepo } from '../store/orders-repo.js';

/**
 * Update and cancel act on an OrderId: only port-ins this app started and is still watching, so a typo
 * or another team's order never reaches Telegent.
 */
export async function orderPreconditions(
  orders: OrdersRepo,
  kind: OperationKind,
  input: Record<string, unknown>,
): Promise<FieldErrors | null> {
  if (kind !== 'portin-update' && kind !== 'portin-cancel') return null;
  const orderId = String(input.orderId);
  const order = await orders.get(orderId);
  if (order?.kind !== 'portin') {
    return {
      orderId: `Order ID: ${orderId} is not a port-in started from Telegent Ops. Check the ID with /telegent orders.`,
    };
  }
  if (order.closedAt) {
    return {
      orderId: `Order ID: ${orderId} is already ${order.status}; a finished port-in cannot be ${kind === 'portin-update' ? 'updated' : 'cancelled'}.`,
    };
  }
  return null;
}
