import type { AppContext } from '../app-context.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { readModalMetadata, writeModalMetadata } from '../views/modal-metadata.js';
import { subscriberModal } from '../views/modals/subscriber-modal.js';

/**
 * "New subscriber…" under a form's subscriber picker: pushes the new-subscriber form on top of the open form
 * (which keeps what was typed in it). The outcome goes to the open form's channel.
 */
export function newSubscriberButton(ctx: AppContext) {
  return async function onNewSubscriber({ ack, body, client }: ButtonArgs): Promise<void> {
    await ack();
    const parent = 'view' in body ? body.view : undefined;
    const channelId = readModalMetadata(parent?.private_metadata)?.channelId;
    if (!channelId) {
      ctx.logger.warn({ user: body.user.id }, 'New subscriber… clicked outside a form');
      return;
    }
    await client.views.push({
      trigger_id: body.trigger_id,
      view: subscriberModal({
        metadata: writeModalMetadata({ channelId }),
        fromForm: true,
        sandbox: ctx.sandbox,
      }),
    });
  };
}
