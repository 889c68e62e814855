import type { AppContext } from '../app-context.js';
import { sentenceMessage } from '../messages/blocks.js';
import { tellClicker } from '../notify/tell-clicker.js';
import { findTrackedPortIn } from '../reads/tracked-portin.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { openPortinUpdateForm } from '../views/portin-update-form.js';

/** Update… on a port-in's message: the update form, pre-filled with what we stored. */
export function orderUpdateButton(ctx: AppContext) {
  return async function onOrderUpdate({ ack, body, action, client, respond }: ButtonArgs): Promise<void> {
    await ack();
    const found = await findTrackedPortIn(ctx, action.value, '/telegent portin update JNUOID-…', 'updated');
    if (!found.ok) return tellClicker(ctx.notify, body, sentenceMessage(found.error), ctx.logger, respond);
    await openPortinUpdateForm(client, ctx, body.trigger_id, found.order);
  };
}
