import type { CallOptions, TelegentClient } from '../telegent/client.js';
import { isTelegentError } from '../telegent/errors.js';
import type { Reconciliation } from './outcomes.js';

/**
 * After a mutation whose outcome Telegent did not tell us (timeout, 500/502/504), look at what can be
 * read back. Nothing here ever sends a mutation. `resolved` is set only when the read-back proves the
 * change happened; otherwise the request stays `unknown` for a human, with what was found.
 */
export async function reconcile(
  telegent: TelegentClient,
  kind: string,
  input: Record<string, unknown>,
  options: { now: Date; callOptions?: CallOptions },
): Promise<Reconciliation & { resolved?: boolean }> {
  const call = options.callOptions ?? { priority: 'interactive' as const };
  try {
    switch (kind) {
      case 'provision':
        return await reconcileProvision(telegent, input, options.now, call);
      case 'portin':
      case 'portout':
        return await reconcileByNumber(telegent, kind, String(input.phoneNumber), call);
      case 'portin-update':
      case 'portin-cancel':
        return await reconcileByOrder(telegent, kind, String(input.orderId), call);
      case 'limits':
        return await reconcileLimits(telegent, input, call);
      default:
        return { checked: 'nothing', found: false, detail: 'No read-back exists for this operation.' };
    }
  } catch (error) {
    const reason = isTelegentError(error) ? error.message : 'unexpected error';
    return { checked: 'read-back', found: false, detail: `Could not check with Telegent (${reason}).` };
  }
}

function usDate(now: Date): string {
  const [year, month, day] = now.toISOString().slice(0, 10).split('-');
  return `${month}/${day}/${year}`;
}

async function reconcileProvision(
  telegent: TelegentClient,
  input: Record<string, unknown>,
  now: Date,
  call: CallOptions,
): Promise<Reconciliation> {
  const page = await telegent.listInventory(
    { Filter: 'All', PageNumber: 1, TotalNumbersRequested: 500 },
    call,
  );
  const today = usDate(now);
  const candidates = page.PhoneNumbers.filter(
    (record) =>
      record.AssignedSubscriberId === input.assignedSubscriberId &&
      record.OriginalDatePurchased === today &&
      (!input.areaCode || record.Number.startsWith(`+1${input.areaCode}`)),
  );
  const [first] = candidates;
  if (!first) {
    return {
      checked: 'inventory',
      found: false,
      detail: `No number bought today for ${String(input.assignedSubscriberId)} is in the inventory yet: the provision probably did not happen. Check again before retrying.`,
    };
  }
  return {
    checked: 'inventory',
    found: true,
    number: first.Number,
    detail: `${candidates.length === 1 ? first.Number : `${candidates.length} numbers, e.g. ${first.Number},`} bought today for ${String(input.assignedSubscriberId)} appear in the inventory: the provision probably went through. Do not retry; confirm with Telegent.`,
  };
}

async function reconcileByNumber(
  telegent: TelegentClient,
  kind: 'portin' | 'portout',
  phoneNumber: string,
  call: CallOptions,
): Promise<Reconciliation> {
  try {
    const record = await telegent.getNumber({ Number: phoneNumber }, call);
    return {
      checked: 'number details',
      found: true,
      number: phoneNumber,
      detail:
        kind === 'portin'
          ? `${phoneNumber} is already on the account (status ${record.Status ?? 'unknown'}).`
          : `${phoneNumber} is on the account, but whether the new PIN was set cannot be read back. Ask Telegent before issuing another PIN.`,
    };
  } catch (error) {
    if (isTelegentError(error) && error.status === 404) {
      return {
        checked: 'number details',
        found: false,
        number: phoneNumber,
        detail:
          kind === 'portin'
            ? `${phoneNumber} is not on the account yet; Telegent cannot list port-ins by number, so check with Telegent before submitting again (a second port-in would be refused as a duplicate).`
            : `${phoneNumber} is not on the account, so no PIN can have been set.`,
      };
    }
    throw error;
  }
}

async function reconcileByOrder(
  telegent: TelegentClient,
  kind: 'portin-update' | 'portin-cancel',
  orderId: string,
  call: CallOptions,
): Promise<Reconciliation & { resolved?: boolean }> {
  const order = await telegent.getOrder(orderId, call);
  const status = order.OrderStatus ?? 'unknown';
  const cancelled = /^cancel/i.test(status);
  return {
    checked: 'order details',
    found: true,
    orderId,
    resolved: kind === 'portin-cancel' && cancelled,
    detail:
      kind === 'portin-cancel'
        ? cancelled
          ? `${orderId} is Cancelled: the cancel went through.`
          : `${orderId} is still ${status}: the cancel did not take effect yet.`
        : `${orderId} is now ${status}. Check the order's details before sending the update again.`,
  };
}

async function reconcileLimits(
  telegent: TelegentClient,
  input: Record<string, unknown>,
  call: CallOptions,
): Promise<Reconciliation & { resolved?: boolean }> {
  const numbers = input.numbers as string[];
  const settings = await telegent.getDataUsageSettings(numbers, call);
  const applied = numbers.filter((number) => {
    const row = settings.PhoneNumbers.find((item) => item.Number === number);
    return (
      row?.LimitValue === input.limitValue &&
      (input.notifyValue === undefined || row?.NotifyValue === input.notifyValue)
    );
  });
  const all = applied.length === numbers.length;
  return {
    checked: 'data-usage settings',
    found: applied.length > 0,
    resolved: all,
    detail: all
      ? 'Telegent already shows the new limits on every number.'
      : `Telegent shows the new limits on ${applied.length} of ${numbers.length} numbers. Set them again for the rest.`,
  };
}
