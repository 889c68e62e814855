import type { AppContext } from '../app-context.js';
import {
  ambiguousOrderSentence,
  MAX_CANDIDATES_SHOWN,
  unknownOrderPrefixSentence,
} from '../messages/order-ref-words.js';
import { looksLikeWholeOrderId, typedOrderId } from '../operations/fields/order-id.js';
import { operations } from '../operations/registry.js';
import type { OrderRecord } from '../store/orders-repo.js';
import { checkInput } from './run-read.js';

export type OrderRef =
  /** `order`: ours (null: a whole id we do not store, for Telegent to answer about). */
  { ok: true; orderId: string; order: OrderRecord | null } | { ok: false; error: string };

/**
 * An order id as typed or pasted from a message ("JNUOID-85f74761…", with or without the "…", or whole) →
 * the order it names among ours: exactly one starts with it → that one; several → a sentence naming them;
 * none → a whole-looking id goes on to Telegent as typed, a prefix gets a sentence (it would only puzzle
 * Telegent).
 */
export async function resolveOrderRef(ctx: AppContext, raw: string): Promise<OrderRef> {
  const typed = typedOrderId(raw);
  const checked = checkInput(ctx, operations.status, { orderId: typed.value });
  if (!checked.ok) return checked;
  const value = checked.value.orderId;
  const found = await ctx.store.orders.findByIdPrefix(value, MAX_CANDIDATES_SHOWN + 1);
  const exact = found.find((o) => o.orderId === value);
  if (exact) return { ok: true, orderId: exact.orderId, order: exact };
  if (found.length === 1) return { ok: true, orderId: found[0]!.orderId, order: found[0]! };
  if (found.length > 1) return { ok: false, error: ambiguousOrderSentence(value, found) };
  if (typed.shortened || !looksLikeWholeOrderId(value))
    return { ok: false, error: unknownOrderPrefixSentence(value) };
  return { ok: true, orderId: value, order: null };
}
