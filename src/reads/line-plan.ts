import type { AppContext } from '../app-context.js';
import type { LinePlan } from '../messages/line-plan.js';
import { planLabel } from '../messages/plan-words.js';
import { shortId } from '../operations/glossary.js';
import { withinAckDeadline } from '../slack/within-ack-deadline.js';
import { isLineSubscription } from '../telegent/line-subscriptions.js';
import type { Plan } from '../telegent/plan-catalogue.js';
import type { Subscription, SubscriptionList } from '../telegent/plans-api.js';
import { isPlansNotEnabled } from '../telegent/plans-availability.js';
import type { NumberRecord } from '../telegent/response-schemas.js';

/** A card waits this long for the plans; after it the card says "could not be read" and shows the rest. */
const PLAN_READ_MS = 3_000;

/** A line's plan as read: the card's view of it, and for `on` the subscription and catalogue entry behind it. */
export type LinePlanRead =
  | { plan: Exclude<LinePlan, { state: 'on' }> }
  | { plan: Extract<LinePlan, { state: 'on' }>; subscription: Subscription; catalogued?: Plan | undefined };

const HIDDEN: LinePlanRead = { plan: { state: 'hidden' } };
const UNREADABLE: LinePlanRead = { plan: { state: 'unreadable' } };

/**
 * The live subscriptions (no list filters by number, §6.3: the distributor's is read once per card and matched);
 * an account that is no distributor may be refused that list, so the account's list is tried then. Null: plans
 * are not enabled for the account.
 */
async function liveSubscriptions(ctx: AppContext): Promise<Subscription[] | null> {
  const live = (list: SubscriptionList) => list.Results.filter((s) => s.Active !== false);
  try {
    return live(await ctx.telegent.plans.listDistributorSubscriptions({ Filter: 'Active' }));
  } catch (error) {
    if (!isPlansNotEnabled(error)) throw error;
  }
  try {
    return live(await ctx.telegent.plans.listAccountSubscriptions({ Filter: 'Active' }));
  } catch (error) {
    if (isPlansNotEnabled(error)) return null;
    throw error;
  }
}

/** The line's subscription: by its TNID first (provision's `NID-` or the record's `TNID-`), else by its SIM. */
function subscriptionOf(record: NumberRecord, live: readonly Subscription[]): Subscription | undefined {
  const key = { tnid: record.Tnid ?? '', iccid: record.Iccid };
  return (
    live.find((s) => isLineSubscription(s, { tnid: key.tnid })) ??
    live.find((s) => isLineSubscription(s, key))
  );
}

async function describe(
  ctx: AppContext,
  subscription: Subscription,
  listRead: boolean,
): Promise<LinePlanRead> {
  const packageId = subscription.PackageId ?? undefined;
  const catalogued = packageId ? await ctx.plans.get(packageId).catch(() => undefined) : undefined;
  // Not named: Telegent does not know the package, or the plan list could not be read just now.
  const why = listRead ? "not in the account's plan list" : 'its name could not be read';
  const words = catalogued
    ? planLabel(catalogued)
    : packageId
      ? `plan ${shortId(packageId)} (${why})`
      : 'a plan Telegent does not name';
  return {
    plan: { state: 'on', subscriptionId: subscription.SubscriptionId, packageId, words },
    subscription,
    catalogued,
  };
}

async function readAll(ctx: AppContext, records: ReadonlyArray<NumberRecord | undefined>) {
  // Side by side: a card waits for the slower of the two reads, not their sum.
  const [catalogue, subscriptions] = await Promise.all([
    ctx.plans.list().catch(() => undefined),
    liveSubscriptions(ctx).then(
      (list) => ({ list }),
      (error: unknown) => ({ error }),
    ),
  ]);
  if (catalogue && !catalogue.enabled) return records.map(() => HIDDEN);
  if ('error' in subscriptions) {
    ctx.logger.warn({ err: subscriptions.error }, 'subscriptions could not be read for a card');
    return records.map(() => UNREADABLE);
  }
  const live = subscriptions.list;
  if (live === null) return records.map(() => HIDDEN);
  const found = live;
  return Promise.all(
    records.map(async (record): Promise<LinePlanRead> => {
      if (!record) return UNREADABLE;
      const subscription = subscriptionOf(record, found);
      return subscription
        ? describe(ctx, subscription, catalogue !== undefined)
        : { plan: { state: 'none' } };
    }),
  );
}

/**
 * The plans of several lines (a customer card) with one read of the subscriptions. It never fails a card and never
 * holds it long: plans not enabled → hidden; a failure or a slow Telegent → "could not be read".
 */
export function readLinePlans(
  ctx: AppContext,
  records: ReadonlyArray<NumberRecord | undefined>,
): Promise<LinePlanRead[]> {
  return withinAckDeadline(
    readAll(ctx, records).catch(() => records.map(() => UNREADABLE)),
    records.map(() => UNREADABLE),
    PLAN_READ_MS,
  );
}

/** One line's plan (the number card, the plan form, Cancel line…). */
export async function readLinePlan(ctx: AppContext, record: NumberRecord): Promise<LinePlanRead> {
  const [read] = await readLinePlans(ctx, [record]);
  return read ?? UNREADABLE;
}
