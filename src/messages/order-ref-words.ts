import { formatPhones, shortId } from '../operations/glossary.js';
import { operationTitle } from './request-line.js';

/** An order a typed prefix could mean: its id, what it is and which numbers. */
export interface OrderCandidate {
  orderId: string;
  kind: string;
  numbers: string[];
}

/** Candidates named in the "which one?" sentence; more are counted. */
export const MAX_CANDIDATES_SHOWN = 5;

/**
 * "`JNUOID-85f7` could be 2 of our orders: `JNUOID-85f74761…` (Port-in of (415) 555-0142) or …": each by the
 * short id messages show, or in full where two short ids would read the same.
 */
export function ambiguousOrderSentence(typed: string, candidates: OrderCandidate[]): string {
  const shown = candidates.slice(0, MAX_CANDIDATES_SHOWN);
  const more = candidates.length > shown.length;
  const shorts = shown.map((c) => shortId(c.orderId));
  const names = shown.map((c, i) => {
    const id = shorts.indexOf(shorts[i]!) === shorts.lastIndexOf(shorts[i]!) ? shorts[i]! : c.orderId;
    const numbers = c.numbers.length > 0 ? ` of ${formatPhones(c.numbers, 2)}` : '';
    return `\`${id}\` (${operationTitle(c.kind)}${numbers})`;
  });
  const list = more
    ? `${names.join(', ')} and others`
    : names.length > 1
      ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`
      : (names[0] ?? '');
  const count = more ? 'several' : String(shown.length);
  return `\`${typed}\` could be ${count} of our orders: ${list}. Which one? Type more of its id.`;
}

/** A prefix that names none of our orders (it is never sent to Telegent: it is not a whole id). */
export function unknownOrderPrefixSentence(typed: string): string {
  return `No order of ours starts with \`${typed}\`. Copy the id from the order's message, or \`/telegent orders\` lists this channel's open orders.`;
}
