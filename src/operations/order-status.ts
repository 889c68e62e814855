import { z } from 'zod';
import type { OrderDetails } from '../telegent/response-schemas.js';
import { orderIdSchema } from './fields/order-id.js';
import { defineOperation } from './operation.js';

function statusSchema() {
  return z.object({ orderId: orderIdSchema });
}

export type OrderStatusInput = z.output<ReturnType<typeof statusSchema>>;

/** Sent as the query string of `GET /v1.0/numbers/order`. */
export interface OrderStatusQuery {
  OrderId: string;
}

export const orderStatus = defineOperation<OrderStatusInput, OrderDetails, OrderStatusQuery>({
  kind: 'status',
  title: 'Order status',
  mutates: false,
  needsApproval: false,
  secretFields: [],
  schema: statusSchema,
  summary: (input) => `Status of order ${input.orderId}`,
  toTelegent: (input) => ({ OrderId: input.orderId }),
  execute: (ctx, input) => ctx.telegent.getOrder(input.orderId, ctx.callOptions),
});
