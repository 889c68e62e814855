import type { AppContext } from '../app-context.js';
import { errorModal } from '../messages/error-views.js';
import { planLabel } from '../messages/plan-words.js';
import { subscriptionType } from '../operations/plan-line.js';
import { readLinePlan } from '../reads/line-plan.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { PLANS_NOT_ENABLED_HELP } from '../telegent/plans-availability.js';
import { openAfterNumberLookup } from '../views/forms/open-after-number-lookup.js';
import { writeModalMetadata } from '../views/modal-metadata.js';
import { planModal, planModalTitle } from '../views/modals/plan-modal.js';

/**
 * Change plan… / Put on a plan… on the number card: the form opens at once (loading), then the number, its
 * subscription and the plan list are read again, so a stale card cannot change a plan that changed meanwhile.
 */
export function numberPlanButton(ctx: AppContext) {
  return async function onPlan({ ack, body, action, client }: ButtonArgs): Promise<void> {
    await ack();
    const phoneNumber = action.value ?? '';
    const channelId = body.channel?.id ?? body.user.id;
    const title = planModalTitle(true);
    await openAfterNumberLookup(
      ctx,
      client,
      {
        triggerId: body.trigger_id,
        title,
        phoneNumber,
        notOnAccount: `${phoneNumber} is not on your Telegent account: it has no plan to change.`,
      },
      async (record, customer) => {
        const [read, catalogue] = await Promise.all([
          readLinePlan(ctx, record),
          ctx.plans.list().catch(() => undefined),
        ]);
        if (read.plan.state === 'hidden' || (catalogue && !catalogue.enabled))
          return errorModal(title, PLANS_NOT_ENABLED_HELP);
        if (read.plan.state === 'unreadable' || !catalogue)
          return errorModal(
            title,
            `The plans of ${phoneNumber} could not be read from Telegent just now; nothing was changed. Try again in a minute.`,
          );
        if (read.plan.state === 'setting-up')
          return errorModal(
            title,
            `The plan of ${phoneNumber} is being set up (${read.plan.words}); nothing was changed. Open \`/telegent number ${phoneNumber}\` again in a minute.`,
          );
        const current = 'subscription' in read ? read : undefined;
        if (!current && !record.AssignedSubscriberId)
          return errorModal(
            planModalTitle(false),
            `${phoneNumber} has no subscriber, and a plan is billed to one: bind the customer with Update… on the number card first.`,
          );
        const offered = catalogue.plans.filter(
          (p) => p.packageId.toLowerCase() !== current?.plan.packageId?.toLowerCase(),
        );
        if (offered.length === 0)
          return errorModal(
            planModalTitle(Boolean(current)),
            'The account has no other active plan to choose. Plans are set up in the Telegent portal.',
          );
        const line: Record<string, string> = current
          ? {
              subscriptionId: current.plan.subscriptionId,
              ...(current.plan.packageId ? { currentPackageId: current.plan.packageId } : {}),
              currentPlan: current.plan.words,
            }
          : {
              subscriberId: record.AssignedSubscriberId ?? '',
              ...(record.Tnid ? { tnid: record.Tnid } : {}),
              ...(record.Iccid ? { iccid: record.Iccid } : {}),
              lineType: subscriptionType(record.Classification),
            };
        return planModal({
          phoneNumber,
          currentPlan: current?.plan.words,
          plans: offered.map((p) => ({ text: planLabel(p), value: p.packageId })),
          contents: offered
            .filter((p) => p.contents.length > 0)
            .map((p) => `${p.name}: ${p.contents.join(', ')}`),
          metadata: writeModalMetadata({ channelId, phoneNumber, customer, line }),
          sandbox: ctx.sandbox,
        });
      },
    );
  };
}
