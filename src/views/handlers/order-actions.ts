import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../app-context.js';
import { findTrackedPortIn } from '../../commands/tracked-portin.js';
import { announceExecution, announcePendingRequest, executionMessage } from '../../notify/announcer.js';
import { tellClicker } from '../../notify/tell-clicker.js';
import type { OrderDetails } from '../../telegent/response-schemas.js';
import { sentenceMessage } from '../blocks.js';
import { ACTION } from '../ids.js';
import { orderStatusMessage } from '../messages/order-status-message.js';
import { errorModal, loadingModal, resultModal } from '../modals/status-modals.js';
import { openModal, updateModal } from './modal.js';
import { openPortinUpdateForm } from './portin-update-form.js';
import { userFacingError } from './user-error.js';

/** Status / Update… / Cancel port-in… buttons on order messages, status answers and App Home. */
export function registerOrderActions(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(ACTION.orderStatus, async ({ ack, body, action, client }) => {
    await ack();
    const orderId = action.value ?? '';
    const viewId = await openModal(
      client,
      body.trigger_id,
      loadingModal('Order status', `Asking Telegent about ${orderId}…`),
    );
    if (!viewId) return;
    try {
      const live: OrderDetails = await ctx.telegent.getOrder(orderId);
      const stored = await ctx.store.orders.get(orderId);
      const shown = orderStatusMessage({ order: live, stored, sandbox: ctx.sandbox });
      await updateModal(client, viewId, resultModal('Order status', shown.blocks));
    } catch (error) {
      await updateModal(
        client,
        viewId,
        errorModal('Order status', userFacingError(error, ctx.logger, { action: 'status' })),
      );
    }
  });

  app.action<BlockButtonAction>(ACTION.orderUpdate, async ({ ack, body, action, client, respond }) => {
    await ack();
    const found = await findTrackedPortIn(ctx, action.value, '/telegent portin update JNUOID-…', 'updated');
    if (!found.ok) return tellClicker(ctx.notify, body, sentenceMessage(found.error), ctx.logger, respond);
    await openPortinUpdateForm(client, ctx, body.trigger_id, found.order);
  });

  // The button's confirm dialog already said cancelling is final; the cancel itself still needs approval.
  app.action<BlockButtonAction>(ACTION.orderCancel, async ({ ack, body, action, respond }) => {
    await ack();
    const tell = (text: string) => tellClicker(ctx.notify, body, sentenceMessage(text), ctx.logger, respond);
    try {
      const found = await findTrackedPortIn(
        ctx,
        action.value,
        '/telegent portin cancel JNUOID-…',
        'cancelled',
      );
      if (!found.ok) return tell(found.error);
      const outcome = await ctx.workflow.submit({
        kind: 'portin-cancel',
        raw: { orderId: found.order.orderId },
        requestedBy: body.user.id,
        channelId: found.order.channelId,
        idempotencyKey: `cancel:${found.order.orderId}:${body.user.id}:${body.actions[0]?.action_ts ?? ''}`,
      });
      switch (outcome.status) {
        case 'invalid':
          return tell(Object.values(outcome.errors).join(' '));
        case 'duplicate':
          return tell('That cancel was already requested.');
        case 'pending_approval':
          return tell(
            (await announcePendingRequest(ctx, outcome.request))
              ? `Cancel of ${found.order.orderId} sent for approval (${ctx.approvers.describe()}).`
              : `Cancel of ${found.order.orderId} is waiting for approval, but Slack did not accept the approval card: approvers can approve it from the Telegent Ops App Home.`,
          );
        case 'executed':
          await announceExecution(ctx, outcome.execution);
          if (outcome.execution.status !== 'not_claimed')
            await tellClicker(
              ctx.notify,
              body,
              executionMessage(ctx, outcome.execution),
              ctx.logger,
              respond,
            );
          return;
      }
    } catch (error) {
      await tell(userFacingError(error, ctx.logger, { action: 'cancel', user: body.user.id }));
    }
  });
}
