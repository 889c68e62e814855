import { z } from 'zod';
import { formatPhone } from './glossary.js';
import { countWords, type LeftOut, leftOutWords, numbersInWords } from './line-change-numbers.js';
import type { PreconditionContext } from './operation.js';
import type { FieldErrors } from './validation-errors.js';

/**
 * A port-in of several numbers (a business moving its lines): one request, one set of carrier-account fields,
 * one port-in order per number. `phoneNumbers` holds every number (the first is also `phoneNumber`, which the
 * request's story and history are filed under); absent, the request is today's single port-in.
 */
export interface PortInNumbers {
  phoneNumber: string;
  phoneNumbers?: string[] | undefined;
  /** Numbers the eligibility check left out before the form, with Telegent's reason (for the card). */
  leftOut?: LeftOut[] | undefined;
}

/** At least this many for a list: one number is a single port-in. */
export const MIN_LISTED_PORTINS = 2;

export const leftOutSchema = z
  .array(z.object({ number: z.string().trim().max(20), reason: z.string().trim().max(300) }))
  .max(100);

/** The list's rules, beside the field schemas: at least two, and the first is `phoneNumber`. */
export function checkPortInList(
  input: PortInNumbers & { iccid?: string | undefined },
  issue: (field: string, message: string) => void,
): void {
  const list = input.phoneNumbers;
  if (!list) return;
  // One SIM cannot be every line's.
  if (input.iccid !== undefined)
    issue(
      'iccid',
      "a SIM belongs to one line: leave it out for several numbers and set each line's SIM later",
    );
  if (list.length < MIN_LISTED_PORTINS)
    issue('phoneNumbers', `a list needs at least ${MIN_LISTED_PORTINS} numbers (one is a single port-in)`);
  else if (list[0] !== input.phoneNumber)
    issue('phoneNumber', `must be the list's first number, ${formatPhone(list[0]!)}`);
}

/** Every number of the port-in: the list, or the one. */
export const portInNumbers = (input: PortInNumbers): string[] => input.phoneNumbers ?? [input.phoneNumber];

/** Why a number cannot be in a new port-in now (an open port-in order or request for it), or null. */
export async function portInBlocked(
  ctx: PreconditionContext,
  kind: string,
  phoneNumber: string,
): Promise<string | null> {
  const number = formatPhone(phoneNumber);
  const order = (await ctx.orders.listOpenForNumber(phoneNumber)).find((o) => o.kind === kind);
  if (order)
    return `${number} already has an open port-in (order ${order.orderId}, ${order.status}); see \`/telegent status ${order.orderId}\`.`;
  const request = (await ctx.requests.listOpenForNumber(phoneNumber)).find(
    (r) => r.kind === kind && r.id !== ctx.currentRequestId,
  );
  if (request)
    return `${number} is already in a port-in request (${request.id}, ${request.status.replaceAll('_', ' ')}); decide or withdraw that one first.`;
  return null;
}

/**
 * A list is filed whole or not at all: every number must be free of another port-in (when filed and again just
 * before it is sent). A single port-in is left as it always was (Telegent refuses its duplicate itself).
 */
export async function portInListIsFree(
  ctx: PreconditionContext,
  kind: string,
  input: PortInNumbers,
): Promise<FieldErrors | null> {
  if (!input.phoneNumbers) return null;
  const reasons: string[] = [];
  for (const number of input.phoneNumbers) {
    const reason = await portInBlocked(ctx, kind, number);
    if (reason) reasons.push(reason);
  }
  return reasons.length > 0 ? { phoneNumbers: reasons.join(' ') } : null;
}

/** The card's facts for a list: the numbers (first 10, "and N more") and what was left out, with why. */
export function portInListFacts(input: PortInNumbers): Array<[string, string]> {
  const list = portInNumbers(input);
  return [
    input.phoneNumbers ? [countWords(list.length), numbersInWords(list)] : ['Number', formatPhone(list[0]!)],
    ...(input.leftOut?.length
      ? [[`Left out (${input.leftOut.length})`, leftOutWords(input.leftOut)] as [string, string]]
      : []),
  ];
}

/** "(313) 555-0701" or "3 numbers ((313) 555-0701, (313) 555-0702, (313) 555-0703)". */
export function portInNumbersInWords(input: PortInNumbers): string {
  return input.phoneNumbers
    ? `${countWords(input.phoneNumbers.length)} (${numbersInWords(input.phoneNumbers, 3)})`
    : formatPhone(input.phoneNumber);
}
