import type { AppContext } from '../app-context.js';
import { errorModal } from '../messages/error-views.js';
import { PLAN_END_STATUSES } from '../operations/plan-end.js';
import { readLinePlan } from '../reads/line-plan.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { PLANS_NOT_ENABLED_HELP } from '../telegent/plans-availability.js';
import { openAfterNumberLookup } from '../views/forms/open-after-number-lookup.js';
import { writeModalMetadata } from '../views/modal-metadata.js';
import { PLAN_END_TITLE, planEndModal } from '../views/modals/plan-end-modal.js';

/**
 * End plan… on the number card of a line that no longer runs: the form opens at once (loading), then the number
 * and its subscription are read again, so a stale card cannot offer to end a plan that is gone, or the plan of a
 * line that was activated meanwhile.
 */
export function numberPlanEndButton(ctx: AppContext) {
  return async function onPlanEnd({ ack, body, action, client }: ButtonArgs): Promise<void> {
    await ack();
    const phoneNumber = action.value ?? '';
    const channelId = body.channel?.id ?? body.user.id;
    await openAfterNumberLookup(
      ctx,
      client,
      {
        triggerId: body.trigger_id,
        title: PLAN_END_TITLE,
        phoneNumber,
        notOnAccount: `${phoneNumber} is not on your Telegent account: it has no plan to end.`,
      },
      async (record, customer) => {
        const read = await readLinePlan(ctx, record);
        if (read.plan.state === 'hidden') return errorModal(PLAN_END_TITLE, PLANS_NOT_ENABLED_HELP);
        if (read.plan.state === 'unreadable')
          return errorModal(
            PLAN_END_TITLE,
            `The plan of ${phoneNumber} could not be read from Telegent just now; nothing was changed. Try again in a minute.`,
          );
        if (read.plan.state !== 'on')
          return errorModal(
            PLAN_END_TITLE,
            `${phoneNumber} has no plan to end any more (it ended or is being set up); nothing was changed. Open \`/telegent number ${phoneNumber}\` again to see it as it is now.`,
          );
        const status = record.Status ?? '';
        if (!PLAN_END_STATUSES.includes(status))
          return errorModal(
            PLAN_END_TITLE,
            `${phoneNumber} is ${status || 'of unknown status'} now, and its plan is ended only once the line no longer runs; nothing was changed. Park it, or use Cancel line… with "also end the plan".`,
          );
        return planEndModal({
          phoneNumber,
          status,
          currentPlan: read.plan.words,
          metadata: writeModalMetadata({
            channelId,
            phoneNumber,
            customer,
            line: { subscriptionId: read.plan.subscriptionId, currentPlan: read.plan.words },
          }),
          sandbox: ctx.sandbox,
        });
      },
    );
  };
}
