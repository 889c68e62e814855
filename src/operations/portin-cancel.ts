import { z } from 'zod';
import type { PortInAck } from '../telegent/response-schemas.js';
import { orderIdSchema } from './fields/order-id.js';
import { shortId, statusWords } from './glossary.js';
import { defineOperation, type PreconditionContext } from './operation.js';
import { readBackOrder } from './read-back.js';
import { trackedPortInProblem } from './tracked-portin.js';

function cancelSchema() {
  return z.object({ orderId: orderIdSchema });
}

export type PortInCancelInput = z.output<ReturnType<typeof cancelSchema>>;
export interface PortInCancelRequest {
  OrderId: string;
}

/** Two cancels of one port-in (two people, or one twice) would each need approving: the second is refused. */
async function cancelAlreadyFiled(
  ctx: PreconditionContext,
  orderId: string,
): Promise<{ orderId: string } | null> {
  const open = await ctx.requests.listOpenForOrder(orderId);
  const filed = open.find((r) => r.kind === 'portin-cancel' && r.id !== ctx.currentRequestId);
  return filed
    ? {
        orderId: `Order ID: a cancel of ${shortId(orderId)} was already requested and is ${filed.status.replaceAll('_', ' ')}; approvers decide that one.`,
      }
    : null;
}

export const portInCancel = defineOperation<PortInCancelInput, PortInAck, PortInCancelRequest>({
  kind: 'portin-cancel',
  title: 'Port-in cancel',
  mutates: true,
  needsApproval: true,
  confirmApproval:
    'Cancelling a port-in is final: it cannot be resumed, and the number stays with the current carrier.',
  secretFields: [],
  schema: cancelSchema,
  summary: (input) =>
    `Cancel port-in ${shortId(input.orderId)} (final: a cancelled port-in cannot be resumed)`,
  facts: (input) => [['Order', input.orderId]],
  toTelegent: (input) => ({ OrderId: input.orderId }),
  preconditions: async (ctx, input) =>
    (await trackedPortInProblem(ctx, input.orderId, 'cancelled')) ??
    (await cancelAlreadyFiled(ctx, input.orderId)),
  execute: (ctx, input) => ctx.telegent.cancelPortIn(input.orderId, ctx.callOptions),
  // The order goes to Cancelled: the poller tells its thread soon.
  outcome: (input) => ({ recheckOrderId: input.orderId }),
  reconcile: (ctx, input) =>
    readBackOrder(ctx, input.orderId, (status) =>
      /^cancel/i.test(status)
        ? { resolved: true, detail: `${shortId(input.orderId)} is cancelled: the cancel went through.` }
        : {
            resolved: false,
            detail: `${shortId(input.orderId)} is still ${statusWords(status).toLowerCase()}: the cancel did not take effect yet.`,
          },
    ),
});
