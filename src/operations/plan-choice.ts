import { optionalField } from './fields/result.js';
import { textSchema } from './fields/text.js';
import type { Outcome } from './operation.js';

/**
 * The plan a provision or port-in form chose for the new line. `packageId` is what Telegent is given (an opaque
 * PID-/PKID- id, never checked by prefix); `planName` and `planPrice` are the words the form read from the plan
 * catalogue when it was submitted, kept so the approval card (pure) names the plan and its price. Neither is sent
 * to Telegent with the provision or port-in: the plan is its own step once the number exists.
 */
export interface PlanChoice {
  packageId?: string | undefined;
  planName?: string | undefined;
  planPrice?: string | undefined;
}

/** The fields a request schema adds for the plan: all optional (the form decides when a plan is required). */
export const planChoiceFields = {
  packageId: optionalField(textSchema({ max: 100, hint: 'choose a plan from the list' })),
  planName: optionalField(textSchema({ max: 120, hint: 'the plan by name' })),
  planPrice: optionalField(textSchema({ max: 60, hint: 'the plan price in words' })),
};

/** The chosen plan as typed in (only its fields, none when no plan was chosen). */
export function planChoiceOf(input: PlanChoice): PlanChoice {
  if (!input.packageId) return {};
  return {
    packageId: input.packageId,
    ...(input.planName ? { planName: input.planName } : {}),
    ...(input.planPrice ? { planPrice: input.planPrice } : {}),
  };
}

/** "Unlimited Plus · $45.00 / month" (the id when the form had no name for it). */
export function planWords(input: PlanChoice): string | undefined {
  if (!input.packageId) return undefined;
  const name = input.planName ?? input.packageId;
  return input.planPrice ? `${name} · ${input.planPrice}` : name;
}

/** The approval card's "Plan" line, when a plan was chosen. */
export function planFacts(input: PlanChoice): Array<[string, string]> {
  const words = planWords(input);
  return words ? [['Plan', words]] : [];
}

/** ", on Unlimited Plus ($45.00 / month)" for a summary line, or nothing. */
export function planSummary(input: PlanChoice): string {
  if (!input.packageId) return '';
  const name = input.planName ?? input.packageId;
  return input.planPrice ? `, on ${name} (${input.planPrice})` : `, on ${name}`;
}

/** What an operation's outcome asks for the plan, when one was chosen (see Outcome.plan). */
export function planStep(
  input: PlanChoice & { assignedSubscriberId: string; iccid?: string | undefined },
  line: Omit<NonNullable<Outcome['plan']>, 'packageId' | 'planName' | 'subscriberId' | 'iccid'>,
): Pick<Outcome, 'plan'> {
  if (!input.packageId) return {};
  return {
    plan: {
      packageId: input.packageId,
      planName: input.planName,
      subscriberId: input.assignedSubscriberId,
      iccid: input.iccid,
      ...line,
    },
  };
}
