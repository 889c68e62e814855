import type { AppContext } from '../app-context.js';
import type { LinePlan } from '../messages/line-plan.js';
import { planLabel } from '../messages/plan-words.js';
import { shortId } from '../operations/glossary.js';
import { withinAckDeadline } from '../slack/within-ack-deadline.js';
import type { LineSubscriptionRecord } from '../store/line-subscriptions-repo.js';
import { lineSubscriptionOf, liveSubscriptions } from '../telegent/line-subscriptions.js';
import type { Plan } from '../telegent/plan-catalogue.js';
import type { Subscription } from '../telegent/plans-api.js';
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

/** A line's plan step not ended yet: the job may still create its subscription. */
const UNFINISHED = new Set(['waiting', 'pending', 'claimed']);

/**
 * The line's latest plan step: its id at Telegent (provision's `NID-`, which the number record does not carry),
 * and, while the step has not ended, the plan it is setting up.
 */
async function stepOf(ctx: AppContext, record: NumberRecord | undefined) {
  if (!record?.Number) return null;
  return ctx.store.lineSubscriptions.latestForNumber(record.Number).catch(() => null);
}

async function settingUp(ctx: AppContext, step: LineSubscriptionRecord): Promise<LinePlanRead> {
  const catalogued = await ctx.plans.get(step.packageId).catch(() => undefined);
  const words = catalogued ? planLabel(catalogued) : (step.planName ?? `plan ${shortId(step.packageId)}`);
  return { plan: { state: 'setting-up', words } };
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
  // Side by side: a card waits for the slowest of the reads, not their sum.
  const [catalogue, subscriptions, steps] = await Promise.all([
    ctx.plans.list().catch(() => undefined),
    liveSubscriptions(ctx.telegent).then(
      (list) => ({ list }),
      (error: unknown) => ({ error }),
    ),
    Promise.all(records.map((record) => stepOf(ctx, record))),
  ]);
  if (catalogue && !catalogue.enabled) return records.map(() => HIDDEN);
  if ('error' in subscriptions) {
    if (isPlansNotEnabled(subscriptions.error)) return records.map(() => HIDDEN);
    ctx.logger.warn({ err: subscriptions.error }, 'subscriptions could not be read for a card');
    return records.map(() => UNREADABLE);
  }
  const live = subscriptions.list;
  return Promise.all(
    records.map(async (record, i): Promise<LinePlanRead> => {
      if (!record) return UNREADABLE;
      const step = steps[i];
      const subscription = lineSubscriptionOf(live, {
        tnid: record.Tnid ?? undefined,
        phoneNumberId: step?.tnid ?? undefined,
        iccid: record.Iccid,
      });
      if (subscription) return describe(ctx, subscription, catalogue !== undefined);
      // Not at Telegent yet, but its step will make it: no Put on a plan… meanwhile (a second subscription).
      if (step && UNFINISHED.has(step.status)) return settingUp(ctx, step);
      return { plan: { state: 'none' } };
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
