import { isTelegentError } from '../telegent/errors.js';
import type { NumberRecord } from '../telegent/response-schemas.js';
import type { OpContext, Reconciliation } from './operation.js';

/** How a read-back speaks of a number it found, or did not find, on the account. */
export interface NumberReadBackWords {
  found(number: string, status: string): string;
  missing(number: string): string;
}

/** Reads a number's details back after an ambiguous port-in or port-out (never a mutation). */
export async function readBackNumber(
  ctx: OpContext,
  phoneNumber: string,
  words: NumberReadBackWords,
): Promise<Reconciliation> {
  try {
    const record = await ctx.telegent.getNumber({ Number: phoneNumber }, ctx.callOptions);
    return {
      checked: 'number details',
      found: true,
      number: phoneNumber,
      detail: words.found(phoneNumber, record.Status ?? 'unknown'),
    };
  } catch (error) {
    if (isTelegentError(error) && error.status === 404) {
      return {
        checked: 'number details',
        found: false,
        number: phoneNumber,
        detail: words.missing(phoneNumber),
      };
    }
    throw error;
  }
}

/** Reads an order back after an ambiguous update or cancel; `judge` says what its status means. */
export async function readBackOrder(
  ctx: OpContext,
  orderId: string,
  judge: (status: string) => { resolved: boolean; detail: string },
): Promise<Reconciliation> {
  const order = await ctx.telegent.getOrder(orderId, ctx.callOptions);
  return { checked: 'order details', found: true, orderId, ...judge(order.OrderStatus ?? 'unknown') };
}

/**
 * Reads a number back after an ambiguous change of it (line change, update): `judge` says whether the record
 * shows the change and what to tell; a number no longer on the account cannot have changed.
 */
export async function readBackNumberChange(
  ctx: OpContext,
  phoneNumber: string,
  judge: (record: NumberRecord) => { done: boolean; detail: string },
): Promise<Reconciliation> {
  const checked = 'number details';
  let record: NumberRecord;
  try {
    record = await ctx.telegent.getNumber({ Number: phoneNumber }, ctx.callOptions);
  } catch (error) {
    if (!isTelegentError(error) || error.status !== 404) throw error;
    const detail = `${phoneNumber} is not on the account: nothing can have changed.`;
    return { checked, found: false, number: phoneNumber, detail };
  }
  const { done, detail } = judge(record);
  return { checked, found: true, number: phoneNumber, resolved: done, detail };
}
