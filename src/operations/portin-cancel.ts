import { z } from 'zod';
import type { PortInAck } from '../telegent/response-schemas.js';
import { ORDER_ID_HINT, orderIdSchema } from './fields/order-id.js';
import { formatPhone, shortId, statusWords } from './glossary.js';
import { countWords, type LeftOut, leftOutWords, numbersInWords } from './line-change-numbers.js';
import { defineOperation, type PreconditionContext } from './operation.js';
import { readBackOrder } from './read-back.js';
import { trackedPortInProblem } from './tracked-portin.js';

/**
 * One port-in (`orderId`), or several of one batch (Cancel all…): `orderIds`, the first also as `orderId`, with
 * each one's number in `orderNumbers` (same order) for the card. Sent as a batch: one cancel per order.
 */
function cancelSchema() {
  return z
    .object({
      orderId: orderIdSchema.optional(),
      orderIds: z.array(orderIdSchema).min(1).max(100).optional(),
      orderNumbers: z.array(z.string().max(20)).max(100).optional(),
    })
    .transform(({ orderId, orderIds, orderNumbers }, ctx): PortInCancelInput => {
      const first = orderIds?.[0] ?? orderId;
      if (!first) {
        ctx.addIssue({ code: 'custom', path: ['orderId'], message: `required; enter ${ORDER_ID_HINT}` });
        return z.NEVER;
      }
      if (!orderIds) return { orderId: first };
      return { orderId: first, orderIds, ...(orderNumbers ? { orderNumbers } : {}) };
    });
}

export interface PortInCancelInput {
  /** The port-in; for several, the first (what the request's history is filed under). */
  orderId: string;
  /** Cancel all… of a batch: every port-in to cancel, each sent on its own. */
  orderIds?: string[] | undefined;
  /** Each of `orderIds`' number (same order), for people: the card, the story. */
  orderNumbers?: string[] | undefined;
  /** Port-ins of the batch left out when it was filed, with the reason (set by `leaveOut`, never typed). */
  leftOut?: LeftOut[] | undefined;
}
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

/** Why this port-in cannot be cancelled now (not ours, closed, a cancel already filed), as the field error. */
async function cannotCancelOne(ctx: PreconditionContext, orderId: string) {
  return (await trackedPortInProblem(ctx, orderId, 'cancelled')) ?? (await cancelAlreadyFiled(ctx, orderId));
}

/** The same, as a sentence (one of a list), or null. */
async function cannotCancel(ctx: PreconditionContext, orderId: string): Promise<string | null> {
  const problem = await cannotCancelOne(ctx, orderId);
  return problem ? problem.orderId.replace(/^Order ID: /, '') : null;
}

/** Each order with its number (the id when the number is not known): what people read. */
const named = (input: PortInCancelInput) =>
  (input.orderIds ?? [input.orderId]).map((orderId, i) => ({
    orderId,
    // An order without a number is stored with '' in its place: named by its id.
    number: input.orderNumbers?.[i] || shortId(orderId),
  }));

/** Cancel all…: the port-ins that cannot be cancelled now are left out with the reason; the rest go. */
async function leaveOut(ctx: PreconditionContext, input: PortInCancelInput): Promise<PortInCancelInput> {
  if (!input.orderIds) return input;
  const kept: { orderId: string; number: string }[] = [];
  const leftOut: LeftOut[] = [];
  for (const order of named(input)) {
    const reason = await cannotCancel(ctx, order.orderId);
    if (reason) leftOut.push({ number: order.number, reason });
    else kept.push(order);
  }
  // None left: the input stays whole, so the preconditions refuse it with every reason.
  if (kept.length === 0 || leftOut.length === 0) return input;
  return {
    orderId: kept[0]!.orderId,
    orderIds: kept.map((o) => o.orderId),
    orderNumbers: kept.map((o) => o.number),
    leftOut: [...(input.leftOut ?? []), ...leftOut],
  };
}

/**
 * One port-in: it must be ours, open, and not already being cancelled. Several (Cancel all…): refused only when
 * none of them can be cancelled any more; one that closed since it was filed is still sent, and Telegent's
 * refusal of it is that item's outcome (the others are not held back by it).
 */
async function preconditions(ctx: PreconditionContext, input: PortInCancelInput) {
  if (!input.orderIds) return cannotCancelOne(ctx, input.orderId);
  const reasons: string[] = [];
  for (const order of named(input)) {
    const reason = await cannotCancel(ctx, order.orderId);
    if (!reason) return null;
    reasons.push(reason);
  }
  return { orderIds: `None of these port-ins can be cancelled now. ${reasons.join(' ')}` };
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
    input.orderIds
      ? `Cancel the port-ins of ${countWords(input.orderIds.length)}: ${numbersInWords(
          named(input).map((o) => o.number),
          3,
        )} (final: a cancelled port-in cannot be resumed)`
      : `Cancel port-in ${shortId(input.orderId)} (final: a cancelled port-in cannot be resumed)`,
  facts: (input) =>
    input.orderIds
      ? [
          [`Port-ins (${input.orderIds.length})`, numbersInWords(named(input).map((o) => o.number))],
          ...(input.leftOut?.length
            ? [[`Left out (${input.leftOut.length})`, leftOutWords(input.leftOut)] as [string, string]]
            : []),
        ]
      : [['Order', input.orderId]],
  toTelegent: (input) => ({ OrderId: input.orderId }),
  leaveOut,
  preconditions,
  // Cancel all…: one cancel per port-in, each its own claimed step (requests/batch.ts), sent once.
  items: (input) => input.orderIds?.length ?? 1,
  itemInput: (input, item) => ({ orderId: input.orderIds?.[item] ?? input.orderId }),
  // Cancel all…'s story: a line per number ("(415) 555-0171: cancelled"), or per order when its number is unknown.
  itemWords: {
    done: 'Cancelled',
    label: (input, item) => {
      const { number, orderId } = named(input)[item] ?? { number: '', orderId: input.orderId };
      return number === shortId(orderId) ? number : formatPhone(number);
    },
  },
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
