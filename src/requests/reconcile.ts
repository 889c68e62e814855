import type { AnyOperation, OpContext, Reconciliation } from '../operations/operation.js';
import { isTelegentError, whatHappened } from '../telegent/errors.js';

/**
 * After a mutation whose outcome Telegent did not tell us (timeout, 500/502/504), read back what the
 * operation can read. Nothing here ever sends a mutation. `resolved` is set only when the read-back proves
 * the change happened; otherwise the request stays `unknown` for a human, with what was found.
 */
export async function reconcile(
  op: AnyOperation,
  ctx: OpContext,
  input: Record<string, unknown>,
): Promise<Reconciliation> {
  if (!op.reconcile)
    return { checked: 'nothing', found: false, detail: 'No read-back exists for this operation.' };
  try {
    return await op.reconcile(ctx, input);
  } catch (error) {
    const reason = isTelegentError(error) ? whatHappened(error).toLowerCase() : 'unexpected error';
    return { checked: 'read-back', found: false, detail: `Could not check with Telegent (${reason}).` };
  }
}
