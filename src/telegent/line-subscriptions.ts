import type { CallOptions } from './caller.js';
import type { TelegentClient } from './client.js';
import { isTelegentError } from './errors.js';
import type { Plan, PlanCatalogue } from './plan-catalogue.js';
import type { Subscription, SubscriptionList } from './plans-api.js';
import { isPlansNotEnabled } from './plans-availability.js';

/** How a line is known: its `TNID-` (number record) and, when known, provision's `NID-` and its SIM. */
export interface LineKey {
  tnid?: string | undefined;
  /** Provision's `PhoneNumberId` (`NID-`): Telegent uses both ids for a number, and a subscription holds one. */
  phoneNumberId?: string | undefined;
  iccid?: string | null | undefined;
}

const same = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The subscription is the line's when its TNID is one of the line's ids (any casing), or when it holds the
 * line's SIM: a subscription made with the `NID-` is found from a card that only knows the `TNID-` that way.
 */
export function isLineSubscription(subscription: Subscription, line: LineKey): boolean {
  if (same(subscription.TNID, line.tnid) || same(subscription.TNID, line.phoneNumberId)) return true;
  return same(subscription.ICCID, line.iccid);
}

async function activeSubscriptions(
  telegent: Pick<TelegentClient, 'plans'>,
  options?: CallOptions,
): Promise<SubscriptionList> {
  try {
    return await telegent.plans.listDistributorSubscriptions({ Filter: 'Active' }, options);
  } catch (error) {
    // A direct account's key may not read the distributor's list: its own account's list has its lines.
    const refused = isTelegentError(error) && error.status === 403;
    if (!refused && !isPlansNotEnabled(error)) throw error;
    return telegent.plans.listAccountSubscriptions({ Filter: 'Active' }, options);
  }
}

/**
 * The live subscriptions of a line (normally one; more is a conflict a person must sort out). No Telegent list
 * filters by number (reference §1.5), so the active list is scanned. Used before creating one (after a crash
 * the create may have happened) and by the cards. A plans-not-enabled answer is thrown (`isPlansNotEnabled`).
 */
export async function findLineSubscriptions(
  telegent: Pick<TelegentClient, 'plans'>,
  line: LineKey,
  options?: CallOptions,
): Promise<Subscription[]> {
  const list = await activeSubscriptions(telegent, options);
  return list.Results.filter((s) => s.Active && isLineSubscription(s, line));
}

export interface LinePlan {
  subscription: Subscription;
  /** Undefined when Telegent no longer knows the package. */
  plan: Plan | undefined;
}

/** The line's plan (its first live subscription and that package); undefined when it has none. */
export async function findLinePlan(
  telegent: Pick<TelegentClient, 'plans'>,
  catalogue: PlanCatalogue,
  line: LineKey,
  options?: CallOptions,
): Promise<LinePlan | undefined> {
  const [subscription] = await findLineSubscriptions(telegent, line, options);
  if (!subscription) return undefined;
  const plan = subscription.PackageId ? await catalogue.get(subscription.PackageId, options) : undefined;
  return { subscription, plan };
}
