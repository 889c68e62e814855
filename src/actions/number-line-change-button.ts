import type { AppContext } from '../app-context.js';
import { errorModal } from '../messages/error-views.js';
import { localIsoDate } from '../operations/fields/port-in-date.js';
import type { LineChangeOperation } from '../operations/line-change.js';
import { simTail } from '../operations/operation.js';
import { readLinePlan } from '../reads/line-plan.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { openAfterNumberLookup } from '../views/forms/open-after-number-lookup.js';
import { writeModalMetadata } from '../views/modal-metadata.js';
import { lineChangeModal } from '../views/modals/line-change-modal.js';

/**
 * Park… / Activate… / Swap SIM… / Cancel line… on the number card: the form opens at once, then the number
 * is read again, so a card that went stale cannot file a change that no longer applies.
 */
export function numberLineChangeButton(ctx: AppContext, op: LineChangeOperation) {
  return async function onLineChange({ ack, body, action, client }: ButtonArgs): Promise<void> {
    await ack();
    const phoneNumber = action.value ?? '';
    const channelId = body.channel?.id ?? body.user.id;
    await openAfterNumberLookup(
      ctx,
      client,
      {
        triggerId: body.trigger_id,
        title: op.title,
        phoneNumber,
        notOnAccount: `${phoneNumber} is not on your Telegent account: nothing to change.`,
      },
      async (record, customer) => {
        const status = record.Status ?? 'of unknown status';
        if (!op.lineChange.from.includes(record.Status ?? '')) {
          return errorModal(
            op.title,
            `${phoneNumber} is ${status} now, so ${op.title.toLowerCase()} does not apply. Run \`/telegent number ${phoneNumber}\` for what can be done.`,
          );
        }
        const [zone, plan] = await Promise.all([
          ctx.store.digests.timeZoneOf(channelId, ctx.digestDefaults.timeZone),
          op.lineChange.offersPlanEnd ? readLinePlan(ctx, record) : undefined,
        ]);
        // Only a line on a plan is offered "also end the plan"; no plan, hidden or unread plans: nothing to end.
        const onPlan = plan?.plan.state === 'on' ? plan.plan : undefined;
        return lineChangeModal({
          op,
          phoneNumber,
          facts: [
            ['Status now', status],
            ['SIM now', simTail(record.Iccid ?? undefined)],
          ],
          today: localIsoDate(ctx.now(), zone),
          metadata: writeModalMetadata({
            channelId,
            phoneNumber,
            customer,
            ...(onPlan
              ? { line: { subscriptionId: onPlan.subscriptionId, currentPlan: onPlan.words.slice(0, 200) } }
              : {}),
          }),
          ...(onPlan ? { planEnd: { plan: onPlan.words } } : {}),
          sandbox: ctx.sandbox,
          verificationMethods: ctx.verificationMethods,
        });
      },
    );
  };
}
