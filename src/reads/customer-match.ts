import type { Subscriber } from '../telegent/response-schemas.js';

/** "José Núñez" → "jose nunez": names compare without case or accents (NFD, then the marks dropped). */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export type CustomerQuery =
  | { kind: 'email'; email: string }
  | { kind: 'subscriberId'; id: string }
  | { kind: 'name'; words: string[] };

/** What `/telegent customer …` was given (a number is recognised before this, by the phone-number field). */
export function customerQuery(raw: string): CustomerQuery {
  const text = raw.trim();
  if (/^TSUID-/i.test(text)) return { kind: 'subscriberId', id: text };
  if (text.includes('@')) return { kind: 'email', email: text.toLowerCase() };
  return { kind: 'name', words: foldForSearch(text).split(' ').filter(Boolean) };
}

/**
 * The subscribers a query names, best first: an email or id matches exactly; a name matches when every word typed
 * starts a word of the name (or of the email before the @), so "jane" and "doe j" find Jane Doe and "jo" finds
 * José, while whole-name matches come first.
 */
export function matchCustomers(subscribers: readonly Subscriber[], query: CustomerQuery): Subscriber[] {
  if (query.kind === 'email') return subscribers.filter((s) => s.Email?.trim().toLowerCase() === query.email);
  if (query.kind === 'subscriberId')
    return subscribers.filter((s) => s.SubscriberId.toLowerCase() === query.id.toLowerCase());
  if (query.words.length === 0) return [];
  const whole = query.words.join(' ');
  const scored = subscribers.flatMap((s) => {
    const name = foldForSearch(s.Name ?? '');
    const mailbox = foldForSearch((s.Email ?? '').split('@')[0] ?? '');
    const words = [...name.split(/[\s'’.-]+/), ...mailbox.split(/[._+-]/)].filter(Boolean);
    if (!query.words.every((w) => words.some((word) => word.startsWith(w)))) return [];
    return [{ s, exact: name === whole }];
  });
  return scored.sort((a, b) => Number(b.exact) - Number(a.exact)).map((x) => x.s);
}
