import type { AppContext } from '../app-context.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { writeModalMetadata } from '../views/modal-metadata.js';
import { numberUpdateModal } from '../views/modals/number-update-modal.js';
import { openModal } from '../views/open-modal.js';

/** Update… on the number card: the update form at once (its pickers load through app.options). */
export function numberUpdateButton(ctx: AppContext) {
  return async function onNumberUpdate({ ack, body, action, client }: ButtonArgs): Promise<void> {
    await ack();
    const phoneNumber = action.value ?? '';
    const channelId = body.channel?.id ?? body.user.id;
    ctx.pickers.warm();
    await openModal(
      client,
      body.trigger_id,
      numberUpdateModal({
        phoneNumber,
        metadata: writeModalMetadata({ channelId, phoneNumber }),
        sandbox: ctx.sandbox,
        verificationMethods: ctx.verificationMethods,
      }),
    );
  };
}
