import type { LineProtection } from './guardian-line.js';
import { offLists, type ProtectInput, wants } from './protect-input.js';

/** How a reconcile reads the line back: which of the asked numbers show as asked (never a mutation). */
/** Which of the asked numbers the line's lists show as asked (blocked, unblocked, allowed). */
export function settled(
  input: ProtectInput,
  state: LineProtection,
): { done: string[]; notDone: string[]; everyoneElse: boolean } {
  const want = wants(input);
  const numbers = input.callers ?? [];
  const lists = (calls: readonly string[] | undefined, texts: readonly string[] | undefined) => (n: string) =>
    (!want.calls || (calls ?? []).includes(n)) && (!want.texts || (texts ?? []).includes(n));
  const blocked = lists(state.callFilter?.BlockedNumbers, state.messageFilter?.BlockedContacts);
  const allowed = lists(state.callFilter?.AllowedNumbers, state.messageFilter?.AllowedContacts);
  const from = offLists(input);
  const on = (list: readonly string[] | undefined, n: string) => (list ?? []).includes(n);
  const stillListed = (n: string) =>
    (want.calls && from.blocked && on(state.callFilter?.BlockedNumbers, n)) ||
    (want.calls && from.allowed && on(state.callFilter?.AllowedNumbers, n)) ||
    (want.texts && from.blocked && on(state.messageFilter?.BlockedContacts, n)) ||
    (want.texts && from.allowed && on(state.messageFilter?.AllowedContacts, n));
  const ok =
    input.action === 'block' ? blocked : input.action === 'allow' ? allowed : (n: string) => !stillListed(n);
  return {
    done: numbers.filter(ok),
    notDone: numbers.filter((n) => !ok(n)),
    everyoneElse: everyoneElseAsAsked(input, state),
  };
}

/** Allow…'s "everyone else" choice shows on the filters as read (true when none was made). */
function everyoneElseAsAsked(input: ProtectInput, state: LineProtection): boolean {
  const choice = input.everyoneElse ?? 'keep';
  if (input.action !== 'allow' || choice === 'keep') return true;
  const want = wants(input);
  const onlyAllowed = choice === 'blocked';
  const callMode = (state.callFilter?.FilterMode ?? '').toUpperCase();
  const calls = !want.calls || callMode === (onlyAllowed ? 'WHITELIST' : 'BLACKLIST');
  const texts = !want.texts || Boolean(state.messageFilter?.BlockUnknownNumbers) === onlyAllowed;
  return calls && texts;
}
