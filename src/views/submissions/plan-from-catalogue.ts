import type { AppContext } from '../../app-context.js';
import { planPriceWords } from '../../messages/plan-words.js';
import type { FieldErrors } from '../../operations/validation-errors.js';
import { withinAckDeadline } from '../../slack/within-ack-deadline.js';

const LIST_WAIT_MAX_MS = 800;

/** The Plan picker's placeholder while the plan list loads (actions/plan-options.ts): never a plan to file. */
export const PLAN_STILL_LOADING = 'still-loading';

/**
 * A provision or port-in form's plan, checked against the cached plan list inside the ack: the plan is required
 * when the account has active plans, must be one of them, and its name and price are added in words for the
 * approval card (`planName`, `planPrice`: never sent to Telegent). Plans not enabled (or none active) → no plan.
 * A list that cannot be read in time never blocks the form: a chosen plan is kept by id, none is required.
 */
export async function planFromCatalogue(
  raw: Record<string, unknown>,
  ctx: Pick<AppContext, 'plans'>,
  timeLeftMs: number,
  inputIds: readonly string[],
): Promise<{ values: Record<string, unknown> } | { errors: FieldErrors }> {
  const { planName: _name, planPrice: _price, ...rest } = raw;
  const chosen = typeof raw.packageId === 'string' ? raw.packageId.trim() : '';
  // A form opened without a Plan field (plans were not enabled then) files without a plan: an error under a
  // field it does not have would leave the person stuck. The line can be put on a plan from its card.
  if (!chosen && !inputIds.includes('packageId')) return { values: rest };
  // Checked before the list: a form filed while the list is unread would otherwise keep it as a PackageId.
  if (chosen === PLAN_STILL_LOADING)
    return { errors: { packageId: 'Plan: the plans were still loading; choose again.' } };
  // The list is normally cached (the form that opened read it): a cold one waits little.
  const listing = await withinAckDeadline(
    ctx.plans.list().catch(() => undefined),
    undefined,
    Math.min(timeLeftMs, LIST_WAIT_MAX_MS),
  );
  if (!listing) return { values: rest };
  if (!listing.enabled || listing.plans.length === 0) {
    const { packageId: _dropped, ...withoutPlan } = rest;
    return { values: withoutPlan };
  }
  if (!chosen) return { errors: { packageId: 'Plan: choose the plan the line is billed on.' } };
  const plan = listing.plans.find((p) => p.packageId.toLowerCase() === chosen.toLowerCase());
  if (!plan) {
    return {
      errors: { packageId: 'Plan: that is not one of the account’s plans now; choose one from the list.' },
    };
  }
  return {
    values: { ...rest, packageId: plan.packageId, planName: plan.name, planPrice: planPriceWords(plan) },
  };
}
