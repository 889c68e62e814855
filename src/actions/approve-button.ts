import type { AppContext } from '../app-context.js';
import { sentenceMessage } from '../messages/blocks.js';
import { refusalText } from '../messages/refusal-text.js';
import { announceDecision, announceExecution } from '../notify/announcer.js';
import { tellClicker } from '../notify/tell-clicker.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { userFacingError } from '../slack/user-facing-error.js';

/**
 * Approve on an approval card (or App Home): the workflow's one conditional UPDATE lets exactly one of any
 * number of clicks (double clicks, replicas) win and execute; every other clicker is told, privately, why not.
 */
export function approveButton(ctx: AppContext) {
  return async function onApprove({ ack, body, action, respond }: ButtonArgs): Promise<void> {
    await ack();
    const approver = body.user.id;
    try {
      const outcome = await ctx.workflow.approve(action.value ?? '', approver, {
        onApproved: (request) => announceDecision(ctx, request, 'approved', approver),
      });
      if (outcome.status !== 'approved') {
        const text = refusalText(outcome, ctx.approvers.describe());
        await tellClicker(ctx.notify, body, sentenceMessage(text), ctx.logger, respond);
        return;
      }
      await announceExecution(ctx, outcome.execution);
    } catch (error) {
      const text = userFacingError(error, ctx.logger, { action: 'approve', user: approver });
      await tellClicker(ctx.notify, body, sentenceMessage(text), ctx.logger, respond);
    }
  };
}
