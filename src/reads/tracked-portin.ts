import type { AppContext } from '../app-context.js';
import { operations } from '../operations/registry.js';
import { lookupTrackedPortIn } from '../operations/tracked-portin.js';
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
  const checked = checkInput(ctx, operations.status, { orderId: rawOrderId });
  if (!checked.ok) return { ok: false, error: checked.error };
  const orderId = checked.value.orderId;
  const found = await lookupTrackedPortIn(ctx.store, orderId, change);
  return 'problem' in found ? { ok: false, error: found.problem } : { ok: true, order: found.order };
}
