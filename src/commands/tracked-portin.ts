import type { AppContext } from '../app-context.js';
import type { OrderRecord } from '../store/orders-repo.js';
import { checkInput } from './run-read.js';

/** An OrderId from a command that must name an open port-in this app started; else the sentence to show. */
export async function findTrackedPortIn(
  ctx: AppContext,
  rawOrderId: string | undefined,
  usage: string,
): Promise<{ ok: true; order: OrderRecord } | { ok: false; error: string }> {
  if (!rawOrderId) return { ok: false, error: `Which order? Type \`${usage}\`.` };
  const checked = checkInput(ctx, 'status', { orderId: rawOrderId });
  if (!checked.ok) return { ok: false, error: checked.error };
  const orderId = String(checked.value.orderId);
  const order = await ctx.store.orders.get(orderId);
  if (order?.kind !== 'portin') {
    return {
      ok: false,
      error: `${orderId} is not a port-in started from Telegent Ops. \`/telegent orders\` lists this channel's orders.`,
    };
  }
  if (order.closedAt)
    return {
      ok: false,
      error: `${orderId} is already ${order.status}: a finished port-in cannot be changed.`,
    };
  return { ok: true, order };
}
