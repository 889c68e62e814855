import type { CallOptions } from './caller.js';
import type { TelegentClient } from './client.js';
import { isTelegentError } from './errors.js';
import type { Subscription, SubscriptionList } from './plans-api.js';
import { isPlansNotEnabled } from './plans-availability.js';

/** How a line is known: its `TNID-` (number record) and, when known, provision's `NID-` and its SIM. */
export interface LineKey {
  tnid?: string | undefined;
  /** Provision's `PhoneNumberId` (`NID-`): Telegent uses both ids for a number, and a subscription holds one. */
  phoneNumberId?: string | undefined;
  iccid?: string | null | undefined;
}

/** Telegent ids are opaque: compared as text, trimmed, without case (§6.1, §6.14). */
export const sameId = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The subscription names the line by one of its ids (any casing). */
const byId = (subscription: Subscription, line: LineKey) =>
  sameId(subscription.TNID, line.tnid) || sameId(subscription.TNID, line.phoneNumberId);

/**
 * The subscription is the line's when its TNID is one of the line's ids (any casing), or when it holds the
 * line's SIM: a subscription made with the `NID-` is found from a card that only knows the `TNID-` that way.
 */
export function isLineSubscription(subscription: Subscription, line: LineKey): boolean {
  return byId(subscription, line) || sameId(subscription.ICCID, line.iccid);
}

/**
 * Strict: by TNID/NID, and by SIM only when the subscription names no number. Before a create, a SIM moved to
 * another line must not make this line look already billed.
 */
export function isLineSubscriptionStrict(subscription: Subscription, line: LineKey): boolean {
  if (byId(subscription, line)) return true;
  return !subscription.TNID?.trim() && sameId(subscription.ICCID, line.iccid);
}

/** The line's subscription in a list read once: by its ids first, else by its SIM (the cards). */
export function lineSubscriptionOf(live: readonly Subscription[], line: LineKey): Subscription | undefined {
  return live.find((s) => byId(s, line)) ?? live.find((s) => isLineSubscription(s, line));
}

async function list(
  telegent: Pick<TelegentClient, 'plans'>,
  filter: 'Active' | 'All',
  options?: CallOptions,
): Promise<SubscriptionList> {
  try {
    return await telegent.plans.listDistributorSubscriptions({ Filter: filter }, options);
  } catch (error) {
    // A direct account's key may not read the distributor's list: its own account's list has its lines.
    const refused = isTelegentError(error) && error.status === 403;
    if (!refused && !isPlansNotEnabled(error)) throw error;
    return telegent.plans.listAccountSubscriptions({ Filter: filter }, options);
  }
}

/**
 * The live subscriptions (no Telegent list filters by number, reference §1.5: one list is read and scanned).
 * `All` then live ones: a subscription Telegent's `Active` filter would miss (it files it oddly) is still seen.
 * A plans-not-enabled answer is thrown (`isPlansNotEnabled`).
 */
export async function liveSubscriptions(
  telegent: Pick<TelegentClient, 'plans'>,
  options?: CallOptions & { filter?: 'Active' | 'All' },
): Promise<Subscription[]> {
  const read = await list(telegent, options?.filter ?? 'Active', options);
  return read.Results.filter((s) => s.Active !== false);
}

/**
 * The live subscriptions of a line (normally one; more is a conflict a person must sort out), by its ids or its
 * SIM (`isLineSubscription`): Change plan…'s read-back, from a card that may know only the `TNID-`.
 */
export async function findLineSubscriptions(
  telegent: Pick<TelegentClient, 'plans'>,
  line: LineKey,
  options?: CallOptions,
): Promise<Subscription[]> {
  const live = await liveSubscriptions(telegent, { ...options, filter: 'All' });
  return live.filter((s) => isLineSubscription(s, line));
}

/**
 * The same, matched strictly (`isLineSubscriptionStrict`): the look-up before a create (after a crash the
 * create may have happened, or a person put the line on a plan meanwhile).
 */
export async function findLineSubscriptionsById(
  telegent: Pick<TelegentClient, 'plans'>,
  line: LineKey,
  options?: CallOptions,
): Promise<Subscription[]> {
  const live = await liveSubscriptions(telegent, { ...options, filter: 'All' });
  return live.filter((s) => isLineSubscriptionStrict(s, line));
}
