import type { AppContext } from '../app-context.js';
import { HISTORY_PAGE_SIZE } from '../messages/history-message.js';
import { parseOrderId, typedOrderId } from '../operations/fields/order-id.js';
import { normalisePhoneNumber } from '../operations/fields/phone-number.js';
import { resolveOrderRef } from './order-ref.js';

/** A number or an OrderId (any unique start of one of ours, as messages show it), as the trail is looked up by. */
export async function historySubject(
  ctx: AppContext,
  raw: string,
): Promise<{ subject: string; kind: 'number' | 'order' } | { error: string }> {
  const number = normalisePhoneNumber(raw);
  if (number.ok) return { subject: number.value, kind: 'number' };
  if (parseOrderId(typedOrderId(raw).value).ok) {
    const ref = await resolveOrderRef(ctx, raw);
    return ref.ok ? { subject: ref.orderId, kind: 'order' } : { error: ref.error };
  }
  return {
    error: `"${raw.slice(0, 40)}" is neither a phone number (+18015551234) nor an OrderId (JNUOID-…).`,
  };
}

/** One page of a trail, newest first (one extra entry tells whether there are older ones). */
export function readTrail(
  ctx: AppContext,
  target: { subject: string; kind: 'number' | 'order' },
  before?: number,
) {
  const page = { limit: HISTORY_PAGE_SIZE + 1, ...(before ? { before } : {}) };
  return target.kind === 'number'
    ? ctx.store.audit.listForNumber(target.subject, page)
    : ctx.store.audit.listForOrder(target.subject, page);
}
