import type { AppContext } from '../app-context.js';
import { trackedPortInProblem } from '../operations/tracked-portin.js';
import type { OrderRecord } from '../store/orders-repo.js';
import { checkInput } from './run-read.js';

/** An OrderId from a command that must name an open port-in this app started (the operations' own rule); else the sentence to show. */
export async function findTrackedPortIn(
  ctx: AppContext,
  rawOrderId: string | undefined,
  usage: string,
  change: 'updated' | 'cancelled',
): Promise<{ ok: true; order: OrderRecord } | { ok: false; error: string }> {
  if (!rawOrderId) return { ok: false, error: `Which order? Type \`${usage}\`.` };
  const checked = checkInput(ctx, 'status', { orderId: rawOrderId });
  if (!checked.ok) return { ok: false, error: checked.error };
  const orderId = String(checked.value.orderId);
  const problem = await trackedPortInProblem(ctx.store, orderId, change);
  if (problem) return { ok: false, error: problem };
  const order = await ctx.store.orders.get(orderId);
  return order ? { ok: true, order } : { ok: false, error: `${orderId} is no longer tracked.` };
}
