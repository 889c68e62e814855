import type { AppContext } from '../app-context.js';
import { orderStatusMessage } from '../messages/order-status-message.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { loadingModal, resultModal } from '../views/modals/status-modals.js';
import { openModal, updateModal } from '../views/open-modal.js';

const TITLE = 'Order status';

/** Status on an order message, a status answer or App Home: a modal with the live status from Telegent. */
export function orderStatusButton(ctx: AppContext) {
  return async function onOrderStatus({ ack, body, action, client }: ButtonArgs): Promise<void> {
    await ack();
    const orderId = action.value ?? '';
    const viewId = await openModal(
      client,
      body.trigger_id,
      loadingModal(TITLE, `Asking Telegent about ${orderId}…`),
    );
    if (!viewId) return;
    // A failure leaves the loading view to the one error path, which turns it into the sentence.
    const live = await ctx.telegent.getOrder(orderId);
    const stored = await ctx.store.orders.get(orderId);
    const shown = orderStatusMessage({ order: live, stored, sandbox: ctx.sandbox });
    await updateModal(client, viewId, resultModal(TITLE, shown.blocks));
  };
}
