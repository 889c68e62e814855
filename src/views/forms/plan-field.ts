import type { AppContext } from '../../app-context.js';
import { planLabel } from '../../messages/plan-words.js';
import { withinAckDeadline } from '../../slack/within-ack-deadline.js';
import type { PlanField } from '../modals/plan-input.js';

/**
 * The Plan field a provision or port-in form opens with, from the cached plan list (telegent/plan-catalogue.ts):
 * a form never waits on a slow Telegent (a trigger_id lives ~3 s), so a list not read within `budgetMs` gives a
 * picker that lists the plans once they are read (the read goes on and warms the cache meanwhile).
 */
export async function planFieldFor(ctx: Pick<AppContext, 'plans'>, budgetMs: number): Promise<PlanField> {
  const listing = await withinAckDeadline(
    ctx.plans.list().catch(() => undefined),
    undefined,
    budgetMs,
  );
  if (!listing) return { ask: 'search' };
  if (!listing.enabled || listing.plans.length === 0) return { ask: 'none' };
  const choices = listing.plans.map((plan) => ({ text: planLabel(plan), value: plan.packageId }));
  const [one] = choices;
  return choices.length === 1 && one ? { ask: 'only', plan: one } : { ask: 'choose', plans: choices };
}

/** The plan a folded field chose, for the form's metadata presets (the submission takes it from there). */
export const planPreset = (field: PlanField): { packageId?: string } =>
  field.ask === 'only' ? { packageId: field.plan.value } : {};
