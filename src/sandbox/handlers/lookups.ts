import type { SandboxCore } from '../core.js';
import { badRequest, INVALID_ACCOUNT_MESSAGE } from '../errors.js';
import type { Subscriber } from '../state.js';

/** Distributors may name the (single) sandbox account; anything else is "Invalid AccountId". */
export function checkAccountId(core: SandboxCore, accountId: string | undefined): void {
  if (accountId && accountId.toLowerCase() !== core.data.accountId.toLowerCase())
    throw badRequest(INVALID_ACCOUNT_MESSAGE);
}

export function findSubscriber(core: SandboxCore, id: string): Subscriber | undefined {
  return core.data.subscribers.find((s) => s.SubscriberId.toLowerCase() === id.toLowerCase());
}
