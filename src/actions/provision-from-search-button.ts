import type { AppContext } from '../app-context.js';
import { readProvisionFromSearchValue } from '../messages/action-values.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { writeModalMetadata } from '../views/modal-metadata.js';
import { provisionModal } from '../views/modals/provision-modal.js';
import { openModal } from '../views/open-modal.js';

/** Provision… on search results: the provision form, pre-filled for that area. */
export function provisionFromSearchButton(ctx: AppContext) {
  return async function onProvisionFromSearch({ ack, body, action, client }: ButtonArgs): Promise<void> {
    await ack();
    const where = readProvisionFromSearchValue(action.value) ?? {};
    const channelId = body.channel?.id ?? body.user.id;
    ctx.pickers.warm();
    await openModal(
      client,
      body.trigger_id,
      provisionModal({ prefill: where, metadata: writeModalMetadata({ channelId }), sandbox: ctx.sandbox }),
    );
  };
}
