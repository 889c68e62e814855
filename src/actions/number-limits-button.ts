import type { AppContext } from '../app-context.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { openLimitsForm } from '../views/forms/open-limits-form.js';

/** Limits… on the number card: the same form as `/telegent limits <number>`. */
export function numberLimitsButton(ctx: AppContext) {
  return async function onNumberLimits({ ack, body, action, client }: ButtonArgs): Promise<void> {
    await ack();
    const channelId = body.channel?.id ?? body.user.id;
    await openLimitsForm(ctx, client, { triggerId: body.trigger_id, channelId }, [action.value ?? '']);
  };
}
