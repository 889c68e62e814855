import { z } from 'zod';
import { findLineSubscriptions } from '../telegent/line-subscriptions.js';
import type {
  Subscription,
  SubscriptionCreateRequest,
  SubscriptionUpdateRequest,
} from '../telegent/plans-api.js';
import { phoneNumberSchema } from './fields/phone-number.js';
import { optionalField } from './fields/result.js';
import { textSchema } from './fields/text.js';
import { formatPhone } from './glossary.js';
import { defineOperation, type OpContext, type Reconciliation } from './operation.js';
import { guardThePlan, planIsFree, samePackage } from './plan-line.js';

/**
 * Change plan… (the line has a subscription: `subscriptions/update` with the new PackageId) or Put on a plan… (it
 * has none: `subscriptions/create` for the number's subscriber, TNID and SIM). The `…Plan` fields are words the
 * form read from the catalogue ("Unlimited Plus · $45.00 / month"), kept so the approver reads names and prices.
 */
export interface PlanChangeInput {
  phoneNumber: string;
  /** The plan (package) the line goes on. */
  packageId: string;
  newPlan?: string | undefined;
  /** Set: the line's subscription, changed in place. Unset: the line gets its first subscription. */
  subscriptionId?: string | undefined;
  currentPackageId?: string | undefined;
  currentPlan?: string | undefined;
  /** A new subscription only: the number's subscriber, TNID, SIM and `mvno` / `iot` (from its classification). */
  subscriberId?: string | undefined;
  tnid?: string | undefined;
  iccid?: string | undefined;
  lineType?: 'mvno' | 'iot' | undefined;
}

/** Telegent's answer, and the subscription as read back right after it (null: the read-back failed). */
export interface PlanChangeResult {
  subscription: Subscription;
  readBack: Subscription | null;
}

type PlanBody = SubscriptionUpdateRequest | SubscriptionCreateRequest;

/** Ids are opaque (PID-/PKID-, SUB-, TSUID-/SID-, NID-/TNID-: §6.1, §6.14): text, never checked by prefix. */
const opaqueId = (what: string) => textSchema({ max: 100, hint: `the ${what} as Telegent gave it` });
const words = textSchema({ max: 200, hint: 'the plan in words' });

const planChangeSchema = (): z.ZodType<PlanChangeInput> =>
  z
    .object({
      phoneNumber: phoneNumberSchema,
      packageId: opaqueId('plan (package) id'),
      newPlan: optionalField(words),
      subscriptionId: optionalField(opaqueId('subscription id')),
      currentPackageId: optionalField(opaqueId('plan (package) id')),
      currentPlan: optionalField(words),
      subscriberId: optionalField(opaqueId('subscriber id')),
      tnid: optionalField(opaqueId('number id (TNID)')),
      iccid: optionalField(opaqueId('SIM (ICCID)')),
      lineType: z.enum(['mvno', 'iot']).optional(),
    })
    .superRefine((v, ctx) => {
      if (v.subscriptionId && v.currentPackageId && v.currentPackageId === v.packageId)
        ctx.addIssue({
          code: 'custom',
          path: ['packageId'],
          message: 'the line is on this plan already; pick another one',
        });
      // A first subscription binds the number's subscriber and number: without them Telegent refuses (§1.1).
      if (!v.subscriptionId) {
        if (!v.subscriberId)
          ctx.addIssue({
            code: 'custom',
            path: ['phoneNumber'],
            message: 'the number has no subscriber: bind one with Update… on its card first',
          });
        if (!v.tnid)
          ctx.addIssue({
            code: 'custom',
            path: ['phoneNumber'],
            message: 'Telegent did not give the number’s id (TNID); open its card again',
          });
      }
    });

const planWords = (id: string | undefined, words: string | undefined) => words ?? id ?? 'none';

export function planChangeToTelegent(input: PlanChangeInput): PlanBody {
  if (input.subscriptionId) return { SubscriptionId: input.subscriptionId, PackageId: input.packageId };
  return {
    SubscriberId: input.subscriberId ?? '',
    PackageId: input.packageId,
    Type: input.lineType ?? 'mvno',
    ...(input.tnid ? { TNID: input.tnid } : {}),
    ...(input.iccid ? { ICCID: input.iccid } : {}),
  };
}

/** The subscription as it is now; a read that fails is no reason to call a change that went through failed. */
async function readBack(ctx: OpContext, subscriptionId: string): Promise<Subscription | null> {
  return ctx.telegent.plans.getSubscription(subscriptionId, ctx.callOptions).catch(() => null);
}

async function execute(ctx: OpContext, input: PlanChangeInput): Promise<PlanChangeResult> {
  const body = planChangeToTelegent(input);
  const subscription =
    'SubscriptionId' in body
      ? await ctx.telegent.plans.updateSubscription(body, ctx.callOptions)
      : await ctx.telegent.plans.createSubscription(body, ctx.callOptions);
  return { subscription, readBack: await readBack(ctx, subscription.SubscriptionId) };
}

/**
 * An unknown outcome is settled by reading back, never by sending again: a change is done when the subscription
 * names the new plan; a first subscription is done when the line (by TNID) has one on the new plan.
 */
async function reconcile(ctx: OpContext, input: PlanChangeInput): Promise<Reconciliation> {
  const number = input.phoneNumber;
  const plan = planWords(input.packageId, input.newPlan);
  if (input.subscriptionId) {
    const now = await ctx.telegent.plans.getSubscription(input.subscriptionId, ctx.callOptions);
    const done = samePackage(now, input.packageId);
    return {
      checked: 'subscription details',
      found: true,
      number,
      resolved: done,
      detail: done
        ? `${number} is on ${plan} now: the plan change went through.`
        : `${number} is still on its old plan. Check \`/telegent number ${number}\` before asking again.`,
    };
  }
  const live = await findLineSubscriptions(
    ctx.telegent,
    { tnid: input.tnid, iccid: input.iccid },
    ctx.callOptions,
  );
  const onPlan = live.find((s) => samePackage(s, input.packageId));
  if (onPlan)
    return {
      checked: 'subscriptions of the line',
      found: true,
      number,
      resolved: true,
      detail: `${number} is on ${plan} now: the subscription was made.`,
    };
  return {
    checked: 'subscriptions of the line',
    found: live.length > 0,
    number,
    resolved: false,
    detail:
      live.length > 0
        ? `${number} has a subscription on another plan. Check \`/telegent number ${number}\` before asking again.`
        : `${number} has no subscription: it was not made. Ask again from \`/telegent number ${number}\`.`,
  };
}

guardThePlan('plan');

export const planChange = defineOperation<PlanChangeInput, PlanChangeResult, PlanBody>({
  kind: 'plan',
  title: 'Change plan',
  mutates: true,
  needsApproval: true,
  confirmApproval:
    'The customer is billed on the new plan from now on (a new subscription starts recurring charges).',
  secretFields: [],
  schema: planChangeSchema,
  summary: (input) =>
    input.subscriptionId
      ? `Change the plan of ${formatPhone(input.phoneNumber)}: ${planWords(input.currentPackageId, input.currentPlan)} → ${planWords(input.packageId, input.newPlan)}`
      : `Put ${formatPhone(input.phoneNumber)} on ${planWords(input.packageId, input.newPlan)}`,
  facts: (input) => [
    ['Number', formatPhone(input.phoneNumber)],
    ['Plan now', input.subscriptionId ? planWords(input.currentPackageId, input.currentPlan) : 'none'],
    ['New plan', planWords(input.packageId, input.newPlan)],
  ],
  preconditions: (ctx, input) => planIsFree(ctx, input.phoneNumber),
  toTelegent: planChangeToTelegent,
  execute,
  reconcile,
});
