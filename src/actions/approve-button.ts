import type { AppContext } from '../app-context.js';
import { approvalProgressLine } from '../messages/approval-progress.js';
import { sentenceMessage } from '../messages/blocks.js';
import { refusalText } from '../messages/refusal-text.js';
import { decisionSurface, redrawDecisionSurface } from '../notify/decision-surface.js';
import { tellClicker } from '../notify/tell-clicker.js';
import { approvalsStillNeeded } from '../requests/state-machine.js';
import type { ButtonArgs } from '../slack/listener-args.js';

/**
 * Approve on an approval card, in App Home or in a reminder DM (the same buttons): the workflow's conditional
 * write lets exactly one of any number of clicks (double clicks, replicas, several surfaces) make the deciding
 * approval and execute; every other clicker is told, privately, why not. An approval of a request that needs
 * more approvers is counted and shown on the card. Where the click came from is redrawn too: App Home without
 * the request, the reminder DM with the decision in place of its buttons.
 */
export function approveButton(ctx: AppContext) {
  return async function onApprove({ ack, body, action, respond }: ButtonArgs): Promise<void> {
    await ack();
    const approver = body.user.id;
    const requestId = action.value ?? '';
    const surface = decisionSurface(body, action.block_id);
    const refreshSurface = () => redrawDecisionSurface(ctx, surface, requestId, approver);
    const outcome = await ctx.workflow.approve(requestId, approver, {
      // The card (and the DM clicked) lose their buttons before the Telegent call.
      onApproved: async (request) => {
        await Promise.all([ctx.messages.sync(request.id), surface.kind === 'dm' ? refreshSurface() : null]);
      },
    });
    if (outcome.status === 'approval_recorded') {
      const progress = approvalProgressLine(outcome.request);
      const more = approvalsStillNeeded(outcome.request);
      const text = `Your approval is recorded${progress ? ` (${progress})` : ''}. Nothing goes to Telegent until ${more === 1 ? 'one more approver approves' : `${more} more approvers approve`}.`;
      await tellClicker(ctx.notify, body, sentenceMessage(text), ctx.logger, respond);
      await ctx.messages.sync(outcome.request.id); // the card and the story show "1 of 2 approved"
      await refreshSurface();
      return;
    }
    if (outcome.status !== 'approved') {
      const text = refusalText(outcome, ctx.approvers.describe());
      await tellClicker(ctx.notify, body, sentenceMessage(text), ctx.logger, respond);
      // A stale button (decided elsewhere, expired): its DM now shows what happened instead.
      await refreshSurface();
      return;
    }
    if (surface.kind === 'home') await refreshSurface();
    await ctx.afterExecution(outcome.execution);
  };
}
