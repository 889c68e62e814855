import type { AppContext } from '../app-context.js';
import { lookupTrackedPortIn } from '../operations/tracked-portin.js';
import type { OrderRecord } from '../store/orders-repo.js';
import { resolveOrderRef } from './order-ref.js';

/** An OrderId (or a unique start of one of ours) from a command that must name an open port-in this app started (the operations' own rule); else the sentence to show. */
export async function findTrackedPortIn(
  ctx: AppContext,
  rawOrderId: string | undefined,
  usage: string,
  change: 'updated' | 'cancelled',
): Promise<{ ok: true; order: OrderRecord } | { ok: false; error: string }> {
  if (!rawOrderId) return { ok: false, error: `Which order? Type \`${usage}\`.` };
  const ref = await resolveOrderRef(ctx, rawOrderId);
  if (!ref.ok) return ref;
  const found = await lookupTrackedPortIn(ctx.store, ref.orderId, change);
  return 'problem' in found ? { ok: false, error: found.problem } : { ok: true, order: found.order };
}
