import type { PreconditionContext } from './operation.js';
import { portIn } from './portin-submit.js';

/**
 * Update and cancel act on an OrderId: only port-ins this app started and still watches, so a typo or
 * another team's order never reaches Telegent. The sentence to show, or null when the order qualifies.
 */
export async function trackedPortInProblem(
  ctx: PreconditionContext,
  orderId: string,
  change: 'updated' | 'cancelled',
): Promise<string | null> {
  const order = await ctx.orders.get(orderId);
  if (order?.kind !== portIn.kind) {
    return `${orderId} is not a port-in started from Telegent Ops. \`/telegent orders\` lists this channel's orders.`;
  }
  if (order.closedAt) return `${orderId} is already ${order.status}: a finished port-in cannot be ${change}.`;
  return null;
}
