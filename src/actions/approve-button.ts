import type { AppContext } from '../app-context.js';
import { approvalProgressLine } from '../messages/approval-progress.js';
import { sentenceMessage } from '../messages/blocks.js';
import { refusalText } from '../messages/refusal-text.js';
import { tellClicker } from '../notify/tell-clicker.js';
import { approvalsStillNeeded } from '../requests/state-machine.js';
import type { ButtonArgs } from '../slack/listener-args.js';

/**
 * Approve on an approval card (or App Home): the workflow's conditional write lets exactly one of any number
 * of clicks (double clicks, replicas) make the deciding approval and execute; every other clicker is told,
 * privately, why not. An approval of a request that needs more approvers is counted and shown on the card.
 */
export function approveButton(ctx: AppContext) {
  return async function onApprove({ ack, body, action, respond }: ButtonArgs): Promise<void> {
    await ack();
    const approver = body.user.id;
    // Clicked in App Home's queue: the same decision as on the card, then the queue is shown without it.
    const fromHome = body.view?.type === 'home';
    const refreshHome = () =>
      fromHome
        ? ctx
            .publishHome(approver)
            .catch((error: Error) =>
              ctx.logger.warn(
                { err: { message: error.message }, user: approver },
                'could not refresh App Home',
              ),
            )
        : Promise.resolve();
    const outcome = await ctx.workflow.approve(action.value ?? '', approver, {
      // The card loses its buttons before the Telegent call.
      onApproved: (request) => ctx.messages.sync(request.id),
    });
    if (outcome.status === 'approval_recorded') {
      const progress = approvalProgressLine(outcome.request);
      const more = approvalsStillNeeded(outcome.request);
      const text = `Your approval is recorded${progress ? ` (${progress})` : ''}. Nothing goes to Telegent until ${more === 1 ? 'one more approver approves' : `${more} more approvers approve`}.`;
      await tellClicker(ctx.notify, body, sentenceMessage(text), ctx.logger, respond);
      await ctx.messages.sync(outcome.request.id); // the card and the story show "1 of 2 approved"
      await refreshHome();
      return;
    }
    if (outcome.status !== 'approved') {
      const text = refusalText(outcome, ctx.approvers.describe());
      await tellClicker(ctx.notify, body, sentenceMessage(text), ctx.logger, respond);
      return;
    }
    await refreshHome();
    await ctx.afterExecution(outcome.execution);
  };
}
