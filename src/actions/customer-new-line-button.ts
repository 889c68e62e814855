import type { AppContext } from '../app-context.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { ackTimeLeft } from '../slack/within-ack-deadline.js';
import { openProvisionForm } from '../views/forms/provision-form.js';

/**
 * New line… on the customer card: the provision form with this customer already picked. The label comes from the
 * warm list (no Telegent read before the form: the trigger lives 3 s); a customer not in it leaves the picker empty.
 */
export function customerNewLineButton(ctx: AppContext) {
  return async function onCustomerNewLine({ ack, action, body, client, context }: ButtonArgs): Promise<void> {
    await ack();
    const channelId = body.channel?.id ?? body.user.id;
    const accountId = (await ctx.store.channelAccounts.get(channelId))?.accountId;
    const id = action.value ?? '';
    const known = ctx.pickers
      .listLoaded('subscriber', accountId)
      ?.find((o) => o.value.toLowerCase() === id.toLowerCase());
    await openProvisionForm(ctx, client, {
      triggerId: body.trigger_id,
      channelId,
      prefill: known ? { subscriber: { text: known.label, value: known.value } } : {},
      timeLeftMs: ackTimeLeft(context),
    });
  };
}
