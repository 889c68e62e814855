import { z } from 'zod';
import type { PortInAck } from '../telegent/response-schemas.js';
import { orderIdSchema } from './fields/order-id.js';
import { defineOperation } from './operation.js';

function cancelSchema() {
  return z.object({ orderId: orderIdSchema });
}

export type PortInCancelInput = z.output<ReturnType<typeof cancelSchema>>;
export interface PortInCancelRequest {
  OrderId: string;
}

export const portInCancel = defineOperation<PortInCancelInput, PortInAck, PortInCancelRequest>({
  kind: 'portin-cancel',
  title: 'Port-in cancel',
  mutates: true,
  secretFields: [],
  schema: cancelSchema,
  summary: (input) => `Cancel port-in ${input.orderId} (final: a cancelled port-in cannot be resumed)`,
  toTelegent: (input) => ({ OrderId: input.orderId }),
  execute: (ctx, input) => ctx.telegent.cancelPortIn(input.orderId, ctx.callOptions),
});
