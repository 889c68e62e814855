import { z } from 'zod';
import { isTelegentError } from '../telegent/errors.js';
import type { SubscriptionDeleted } from '../telegent/plans-api.js';
import { isPlansNotEnabled } from '../telegent/plans-availability.js';
import { phoneNumberSchema } from './fields/phone-number.js';
import { optionalField } from './fields/result.js';
import { textSchema } from './fields/text.js';
import { formatPhone } from './glossary.js';
import {
  defineOperation,
  type OpContext,
  type PreconditionContext,
  type Reconciliation,
} from './operation.js';
import { guardThePlan, planIsFree } from './plan-line.js';

/**
 * Ending a line's plan (`subscriptions/delete`): permanent, so never a side effect. It is its own request, filed
 * beside a Cancel line… only when the requester ticks "also end the plan", approved on its own card.
 */
export interface PlanEndInput {
  phoneNumber: string;
  subscriptionId: string;
  /** The plan in words, as the form read it ("Unlimited Plus · $45.00 / month"). */
  currentPlan?: string | undefined;
  /** The request it was filed with, in words ("Cancel line (req_…)"): the approver weighs the two together. */
  filedWith?: string | undefined;
  /** That request's id: the plan ends only once it has succeeded (`afterTheCancel`). */
  filedWithId?: string | undefined;
}

/** What the reference says deleting a subscription does (§1.4, §6.4), said wherever it is offered or approved. */
export const PLAN_END_WARNING =
  'Ending a plan deletes its subscription: this is permanent and cannot be undone (a new plan is a new subscription). If the number may be needed again, park it instead.';

/**
 * The statuses where the number card offers End plan… on its own: a line that no longer carries traffic
 * (cancelled, disconnected) or is parked. An Active line is never offered it: the reference says park instead,
 * and Cancel line…'s "also end the plan" is the way from there.
 */
export const PLAN_END_STATUSES: readonly string[] = ['Cancelled', 'Canceled', 'Disconnected', 'Parked'];

const planEndSchema = (): z.ZodType<PlanEndInput> =>
  z.object({
    phoneNumber: phoneNumberSchema,
    subscriptionId: textSchema({ max: 100, hint: 'the subscription id as Telegent gave it' }),
    currentPlan: optionalField(textSchema({ max: 200, hint: 'the plan in words' })),
    filedWith: optionalField(textSchema({ max: 200, hint: 'the request it was filed with' })),
    filedWithId: optionalField(textSchema({ max: 100, hint: 'the id of the request it was filed with' })),
  });

/**
 * Filed with a Cancel line…, the plan ends only after the line was cancelled: ending it is irreversible, and a
 * cancel that was rejected (or has not run yet when this one is approved) must not leave an active line without
 * its plan. Checked when it is filed and again right before it is sent.
 */
async function afterTheCancel(
  ctx: PreconditionContext,
  input: PlanEndInput,
): Promise<{ phoneNumber: string } | null> {
  if (!input.filedWithId) return null;
  const cancel = await ctx.requests.get(input.filedWithId);
  const named = input.filedWith ?? input.filedWithId;
  if (cancel?.status === 'succeeded') return null;
  const open = await ctx.requests.listOpenForNumber(input.phoneNumber);
  if (!cancel || !open.some((request) => request.id === cancel.id))
    return {
      phoneNumber: `Phone number: ${named}, which this was filed with, did not cancel the line (${cancel ? cancel.status.replaceAll('_', ' ') : 'not found'}); the plan stays.`,
    };
  // Filing beside a cancel still waiting is the point; sending before it ran is not.
  if (ctx.currentRequestId === undefined) return null;
  return {
    phoneNumber: `Phone number: ${named} has not cancelled the line yet (${cancel.status.replaceAll('_', ' ')}); the plan ends only after it has. Approve the cancel first; once the line is cancelled, End plan… on its number card ends the plan.`,
  };
}

/** Gone (404) or no longer active: the delete went through. Never sends a second delete. */
async function reconcile(ctx: OpContext, input: PlanEndInput): Promise<Reconciliation> {
  const number = input.phoneNumber;
  const checked = 'subscription details';
  try {
    const now = await ctx.telegent.plans.getSubscription(input.subscriptionId, ctx.callOptions);
    const ended = now.Active === false;
    return {
      checked,
      found: true,
      number,
      resolved: ended,
      detail: ended
        ? `${number}'s subscription is no longer active: the plan ended.`
        : `${number} is still on its plan. Check \`/telegent number ${number}\` before asking again.`,
    };
  } catch (error) {
    // A 404 for the path itself (plans switched off) says nothing about the subscription: still unknown.
    if (!isTelegentError(error) || error.status !== 404 || isPlansNotEnabled(error)) throw error;
    return {
      checked,
      found: false,
      number,
      resolved: true,
      detail: `${number}'s subscription is gone: the plan ended.`,
    };
  }
}

guardThePlan('plan-end');

export const planEnd = defineOperation<PlanEndInput, SubscriptionDeleted, { SubscriptionId: string }>({
  kind: 'plan-end',
  title: 'End plan',
  mutates: true,
  needsApproval: true,
  confirmApproval: PLAN_END_WARNING,
  secretFields: [],
  schema: planEndSchema,
  summary: (input) =>
    `End the plan of ${formatPhone(input.phoneNumber)} (${input.currentPlan ?? 'its plan'}), permanently`,
  facts: (input) => [
    ['Number', formatPhone(input.phoneNumber)],
    ['Plan ending', input.currentPlan ?? input.subscriptionId],
    ...(input.filedWith
      ? [
          [
            'Filed with',
            `${input.filedWith}: approve that one first; the plan ends only after the line is cancelled`,
          ] as [string, string],
        ]
      : []),
    ['This cannot be undone', PLAN_END_WARNING],
  ],
  preconditions: async (ctx, input) =>
    (await planIsFree(ctx, input.phoneNumber)) ?? (await afterTheCancel(ctx, input)),
  toTelegent: (input) => ({ SubscriptionId: input.subscriptionId }),
  execute: (ctx, input) => ctx.telegent.plans.deleteSubscription(input.subscriptionId, ctx.callOptions),
  reconcile,
});
