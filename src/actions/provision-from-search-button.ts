import type { AppContext } from '../app-context.js';
import { readProvisionFromSearchValue } from '../messages/action-values.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { ackTimeLeft } from '../slack/within-ack-deadline.js';
import { openProvisionForm } from '../views/forms/provision-form.js';

/** Provision… on search results: the provision form, pre-filled for that area. */
export function provisionFromSearchButton(ctx: AppContext) {
  return async function onProvisionFromSearch({
    ack,
    body,
    action,
    client,
    context,
  }: ButtonArgs): Promise<void> {
    await ack();
    await openProvisionForm(ctx, client, {
      triggerId: body.trigger_id,
      channelId: body.channel?.id ?? body.user.id,
      prefill: readProvisionFromSearchValue(action.value) ?? {},
      timeLeftMs: ackTimeLeft(context),
    });
  };
}
