import type { AppContext } from '../app-context.js';
import { findTrackedPortIn } from '../commands/tracked-portin.js';
import { sentenceMessage } from '../messages/blocks.js';
import { announceExecution, announcePendingRequest, executionMessage } from '../notify/announcer.js';
import { tellClicker } from '../notify/tell-clicker.js';
import { type ButtonOrMenuArgs, clickedValue } from '../slack/listener-args.js';
import { userFacingError } from '../slack/user-facing-error.js';

/**
 * Cancel port-in… in a port-in's "⋯" menu (or a button of an older message). The confirm dialog already said cancelling is final;
 * the cancel itself is a request like any other (approval by default).
 */
export function orderCancelButton(ctx: AppContext) {
  return async function onOrderCancel({ ack, body, action, respond }: ButtonOrMenuArgs): Promise<void> {
    await ack();
    const tell = (text: string) => tellClicker(ctx.notify, body, sentenceMessage(text), ctx.logger, respond);
    try {
      const found = await findTrackedPortIn(
        ctx,
        clickedValue(action),
        '/telegent portin cancel JNUOID-…',
        'cancelled',
      );
      if (!found.ok) return tell(found.error);
      const orderId = found.order.orderId;
      const outcome = await ctx.workflow.submit({
        kind: 'portin-cancel',
        raw: { orderId },
        requestedBy: body.user.id,
        channelId: found.order.channelId,
        idempotencyKey: `cancel:${orderId}:${body.user.id}:${body.actions[0]?.action_ts ?? ''}`,
      });
      if (outcome.status === 'invalid') return tell(Object.values(outcome.errors).join(' '));
      if (outcome.status === 'duplicate') return tell('That cancel was already requested.');
      if (outcome.status === 'pending_approval') {
        const carded = await announcePendingRequest(ctx, outcome.request);
        return tell(
          carded
            ? `Cancel of ${orderId} sent for approval (${ctx.approvers.describe()}).`
            : `Cancel of ${orderId} is waiting for approval, but Slack did not accept the approval card: approvers can approve it from the Telegent Ops App Home.`,
        );
      }
      await announceExecution(ctx, outcome.execution);
      if (outcome.execution.status !== 'not_claimed') {
        await tellClicker(ctx.notify, body, executionMessage(ctx, outcome.execution), ctx.logger, respond);
      }
    } catch (error) {
      await tell(userFacingError(error, ctx.logger, { action: 'cancel', user: body.user.id }));
    }
  };
}
