import { formatPhone } from './glossary.js';

/** How many numbers a card lists before "and N more". */
export const LISTED_NUMBERS = 10;

/** A number a list change leaves out when it is filed, and why (an open port-out, another change). */
export interface LeftOut {
  number: string;
  reason: string;
}

/** "(801) 555-0101, (801) 555-0102 and 38 more": the first `shown`, as people write them. */
export function numbersInWords(numbers: readonly string[], shown = LISTED_NUMBERS): string {
  const listed = numbers.slice(0, shown).map(formatPhone).join(', ');
  const more = numbers.length - shown;
  return more > 0 ? `${listed} and ${more} more` : listed;
}

/** "3 numbers" / "1 number". */
export function countWords(n: number): string {
  return `${n} number${n === 1 ? '' : 's'}`;
}

/** The approval card's lines for what was left out: one per number, the first `shown`, then a count. */
export function leftOutWords(leftOut: readonly LeftOut[], shown = LISTED_NUMBERS): string {
  const lines = leftOut.slice(0, shown).map((l) => `${formatPhone(l.number)}: ${l.reason}`);
  const more = leftOut.length - shown;
  return [...lines, ...(more > 0 ? [`and ${more} more`] : [])].join('\n');
}
