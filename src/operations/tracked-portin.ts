import { shortId, statusWords } from './glossary.js';
import type { PreconditionContext } from './operation.js';
import { portIn } from './portin-submit.js';

type TrackedOrder = NonNullable<Awaited<ReturnType<PreconditionContext['orders']['get']>>>;

/**
 * Update and cancel act on an OrderId: only port-ins this app started and still watches, so a typo or
 * another team's order never reaches Telegent. The order (one lookup), or the sentence to show.
 */
export async function lookupTrackedPortIn<O extends TrackedOrder>(
  ctx: { orders: { get(orderId: string): Promise<O | null> } },
  orderId: string,
  change: 'updated' | 'cancelled',
): Promise<{ order: O } | { problem: string }> {
  const order = await ctx.orders.get(orderId);
  if (order?.kind !== portIn.kind) {
    return {
      problem: `${orderId} is not a port-in started from Telegent Ops. \`/telegent orders\` lists this channel's orders.`,
    };
  }
  if (order.closedAt)
    return {
      problem: `${shortId(orderId)} is already ${statusWords(order.status).toLowerCase()}: a finished port-in cannot be ${change}.`,
    };
  return { order };
}

/** The precondition form of `lookupTrackedPortIn`: the field error for the OrderId, or null. */
export async function trackedPortInProblem(
  ctx: PreconditionContext,
  orderId: string,
  change: 'updated' | 'cancelled',
): Promise<{ orderId: string } | null> {
  const found = await lookupTrackedPortIn(ctx, orderId, change);
  return 'problem' in found ? { orderId: `Order ID: ${found.problem}` } : null;
}
