import type { AppContext } from '../app-context.js';
import { oneLine } from '../messages/limits.js';
import { planLabel } from '../messages/plan-words.js';
import type { OptionsArgs } from '../slack/listener-args.js';
import { ackTimeLeft, withinAckDeadline } from '../slack/within-ack-deadline.js';
import { PLAN_STILL_LOADING } from '../views/submissions/plan-from-catalogue.js';

const OPTION_TEXT_MAX = 75;

/**
 * The Plan picker of a form opened before the plan list was read: the account's plans whose name contains what
 * was typed, answered inside the ack. Still not read in time → one "still loading" option (the submission refuses
 * it and says to choose again); plans not enabled → none (the field may stay empty).
 */
export function planOptions(ctx: AppContext) {
  return async function onPlanOptions({ ack, options, context }: OptionsArgs): Promise<void> {
    const query = (options.value ?? '').trim().toLowerCase();
    const listing = await withinAckDeadline(
      ctx.plans.list().catch(() => undefined),
      undefined,
      ackTimeLeft(context),
    );
    const found = !listing
      ? [{ label: 'still loading plans — type again in a moment', value: PLAN_STILL_LOADING }]
      : listing.enabled
        ? listing.plans
            .filter((plan) => plan.name.toLowerCase().includes(query))
            .map((plan) => ({ label: planLabel(plan), value: plan.packageId }))
        : [];
    await ack({
      options: found.slice(0, 100).map((item) => ({
        text: { type: 'plain_text' as const, text: oneLine(item.label, OPTION_TEXT_MAX) },
        value: item.value,
      })),
    });
  };
}
