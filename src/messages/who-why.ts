import { shortName } from '../operations/personal-data.js';
import { escapeMrkdwn, oneLine } from './limits.js';

/** Who an order or request is for and why it was asked, as stored (orders keep them from their request). */
export interface WhoWhy {
  /** "Jane Doe", as the request's form named the customer. */
  customerName?: string | null | undefined;
  /** The account it was filed under, by name ("Acme"), when known. */
  accountName?: string | null | undefined;
  /** The reason or ticket typed on the form ("ZD-4821 switching carriers"). */
  requestReason?: string | null | undefined;
}

export interface WhoWhyOptions {
  /** DMs, modals and ephemeral answers: the full name; channels read "J. Doe". */
  full?: boolean | undefined;
  /** The longest reason shown (a line stays a line; the request's card has all of it). */
  reasonMax?: number | undefined;
}

const text = (value: string | null | undefined) => (value?.trim() ? value.trim() : undefined);

/** "J. Doe · Acme" (channels), "Jane Doe · Acme" (`full`), "J. Doe", "Acme", or undefined: plain text. */
export function customerWords(who: WhoWhy, options: WhoWhyOptions = {}): string | undefined {
  const name = text(who.customerName);
  const person = name ? oneLine(options.full ? name : shortName(name), 100) : undefined;
  const account = text(who.accountName);
  const words = [person, account ? oneLine(account, 60) : undefined].filter(Boolean).join(' · ');
  return words || undefined;
}

/** The reason or ticket on one line, cut to `max` characters: plain text. */
export function reasonWords(who: WhoWhy, max = 80): string | undefined {
  const reason = text(who.requestReason);
  return reason ? oneLine(reason, max) : undefined;
}

/**
 * "J. Doe · Acme · ZD-4821" as mrkdwn (escaped): whom and why, for a line that already names the number. Empty
 * when neither is known (orders of requests filed before they were stored, orders made outside the app).
 */
export function whoWhyText(who: WhoWhy, options: WhoWhyOptions = {}): string {
  return [customerWords(who, options), reasonWords(who, options.reasonMax)]
    .filter((part): part is string => part !== undefined)
    .map(escapeMrkdwn)
    .join(' · ');
}

/** " — J. Doe · Acme · ZD-4821" after a number, or "" (see whoWhyText). */
export function whoWhySuffix(who: WhoWhy, options: WhoWhyOptions = {}): string {
  const words = whoWhyText(who, options);
  return words ? ` — ${words}` : '';
}
