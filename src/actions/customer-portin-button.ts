import type { AppContext } from '../app-context.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { nameInSubscriberLabel } from '../telegent/picker-source.js';
import { writeModalMetadata } from '../views/modal-metadata.js';
import { customerPortinModal } from '../views/modals/customer-portin-modal.js';
import { openModal } from '../views/open-modal.js';

/** "Port a number in…" on a customer card: asks which number, then the port-in's eligibility check. */
export function customerPortinButton(ctx: AppContext) {
  return async function onCustomerPortin({ ack, action, body, client }: ButtonArgs): Promise<void> {
    await ack();
    const channelId = body.channel?.id ?? body.user.id;
    const id = (action.value ?? '').toLowerCase();
    // The name from the warm list (no Telegent read before the form: the trigger lives 3 s).
    const label = ctx.pickers.listLoaded('subscriber')?.find((o) => o.value.toLowerCase() === id)?.label;
    const customer = nameInSubscriberLabel(label)?.slice(0, 100) ?? 'this customer';
    ctx.pickers.warm();
    await openModal(
      client,
      body.trigger_id,
      customerPortinModal({
        customer,
        metadata: writeModalMetadata({ channelId, ...(label ? { customer } : {}) }),
        sandbox: ctx.sandbox,
      }),
    );
  };
}
