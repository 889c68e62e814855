import type { AppContext } from '../app-context.js';
import { HISTORY_PAGE_SIZE } from '../messages/history-message.js';
import { parseOrderId } from '../operations/fields/order-id.js';
import { normalisePhoneNumber } from '../operations/fields/phone-number.js';

/** A number or an OrderId, as the trail is looked up by. */
export function historySubject(
  raw: string,
): { subject: string; kind: 'number' | 'order' } | { error: string } {
  const number = normalisePhoneNumber(raw);
  if (number.ok) return { subject: number.value, kind: 'number' };
  const order = parseOrderId(raw);
  if (order.ok) return { subject: order.value, kind: 'order' };
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
