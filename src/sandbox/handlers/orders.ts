import type { HandlerContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { queryParam, requiredMessage } from '../fields.js';
import { orderKey } from '../state.js';
import { orderView } from '../views.js';

/** GET /v1.0/numbers/order?OrderId= (JNUOID-/JNOID- prefixes and any casing are accepted). */
export function getOrder({ core, now, query }: HandlerContext): unknown {
  const id = queryParam(query, 'OrderId');
  if (!id) throw badRequest(requiredMessage('OrderId'));
  const order = core.data.orders.get(orderKey(id));
  if (!order) throw notFound();
  return orderView(order, now);
}
