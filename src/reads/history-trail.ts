import type { AppContext } from '../app-context.js';
import { HISTORY_PAGE_SIZE } from '../messages/history-message.js';
import { parseEmail } from '../operations/fields/email.js';
import { parseOrderId, typedOrderId } from '../operations/fields/order-id.js';
import { normalisePhoneNumber } from '../operations/fields/phone-number.js';
import { ID_KINDS, parseTelegentId } from '../operations/fields/telegent-ids.js';
import type { HistorySubjectKind } from '../store/history-repo.js';
import { resolveOrderRef } from './order-ref.js';

/** What a history is looked up by, and how its heading names it (a customer's name only in ephemeral answers). */
export interface HistoryTarget {
  subject: string;
  kind: HistorySubjectKind;
  /** How the heading names a customer (their name, or the email typed); numbers and orders name themselves. */
  label?: string;
}

/**
 * A number, an OrderId (any unique start of one of ours, as messages show it) or a customer (TSUID-… or the
 * subscriber's email) → what the history is of; else the sentence to show.
 */
export async function historySubject(
  ctx: AppContext,
  raw: string,
): Promise<HistoryTarget | { error: string }> {
  const number = normalisePhoneNumber(raw);
  if (number.ok) return { subject: number.value, kind: 'number' };
  if (parseOrderId(typedOrderId(raw).value).ok) {
    const ref = await resolveOrderRef(ctx, raw);
    return ref.ok ? { subject: ref.orderId, kind: 'order' } : { error: ref.error };
  }
  const subscriber = parseTelegentId(raw, ID_KINDS.subscriber);
  if (subscriber.ok) return customerTarget(ctx, subscriber.value);
  const email = parseEmail(raw);
  if (email.ok) {
    const found = await ctx.pickers.findSubscriberByEmail(email.value);
    if (!found)
      return {
        error: `No Telegent subscriber has the email ${email.value.slice(0, 80)}. Check it, or give their number or TSUID-….`,
      };
    return { label: email.value, ...(await customerTarget(ctx, found.value)) };
  }
  return {
    error: `"${raw.slice(0, 40)}" is neither a phone number (+18015551234), an OrderId (JNUOID-…) nor a customer (TSUID-… or their email).`,
  };
}

async function customerTarget(ctx: AppContext, subscriberId: string): Promise<HistoryTarget> {
  const name = await ctx.store.history.customerName(subscriberId);
  return { subject: subscriberId, kind: 'customer', ...(name ? { label: name } : {}) };
}

/** One page of a history, newest first (one extra entry tells whether there are older ones). */
export function readTrail(ctx: AppContext, target: HistoryTarget, before?: string) {
  return ctx.store.history.list(target.kind, target.subject, {
    limit: HISTORY_PAGE_SIZE + 1,
    ...(before ? { before } : {}),
  });
}
