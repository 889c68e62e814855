import type { AppContext } from '../app-context.js';
import { sentenceMessage } from '../messages/blocks.js';
import { tellClicker } from '../notify/tell-clicker.js';
import { findTrackedPortIn } from '../reads/tracked-portin.js';
import { type ButtonOrMenuArgs, clickedValue } from '../slack/listener-args.js';
import { openPortinCancelForm } from '../views/forms/open-portin-cancel-form.js';

/**
 * Cancel port-in… in a port-in's "⋯" menu (its message, `/telegent status`, `/telegent portin cancel`), or a
 * button of an older message: the cancel form (which port-in, that it is final, the required reason). Submitting
 * it files the cancel request like every other form (views/submissions/request-forms.ts).
 */
export function orderCancelButton(ctx: AppContext) {
  return async function onOrderCancel({
    ack,
    body,
    action,
    client,
    respond,
  }: ButtonOrMenuArgs): Promise<void> {
    await ack();
    const found = await findTrackedPortIn(
      ctx,
      clickedValue(action),
      '/telegent portin cancel JNUOID-…',
      'cancelled',
    );
    if (!found.ok) return tellClicker(ctx.notify, body, sentenceMessage(found.error), ctx.logger, respond);
    await openPortinCancelForm(client, ctx, body.trigger_id, found.order);
  };
}
