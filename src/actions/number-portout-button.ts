import type { AppContext } from '../app-context.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { openPortoutForm } from '../views/forms/open-portout-form.js';

/** Port-out PIN… on the number card: the same form as `/telegent portout <number>`. */
export function numberPortoutButton(ctx: AppContext) {
  return async function onNumberPortout({ ack, body, action, client }: ButtonArgs): Promise<void> {
    await ack();
    const channelId = body.channel?.id ?? body.user.id;
    await openPortoutForm(ctx, client, { triggerId: body.trigger_id, channelId }, action.value ?? '');
  };
}
