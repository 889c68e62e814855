import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../app-context.js';
import { announceDecision, announceExecution } from '../../notify/announcer.js';
import { tellClicker } from '../../notify/tell-clicker.js';
import type { DecisionRefusal } from '../../requests/index.js';
import { section, sentenceMessage } from '../blocks.js';
import { ACTION, CALLBACK } from '../ids.js';
import { REJECT_REASON_FIELD, rejectReasonModal } from '../modals/reject-reason-modal.js';
import { errorModal, resultModal, workingModal } from '../modals/status-modals.js';
import { readViewInput } from '../view-input.js';
import { openModal, updateModal } from './modal.js';
import { refusalText } from './refusal-text.js';
import { userFacingError } from './user-error.js';

/**
 * Approve runs the workflow's one conditional UPDATE: of any number of clicks (double clicks, replicas)
 * exactly one wins and executes; every other clicker is told, privately, who already decided.
 */
export function registerApprovalActions(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(ACTION.approve, async ({ ack, body, action, respond }) => {
    await ack();
    const approver = body.user.id;
    try {
      const outcome = await ctx.workflow.approve(action.value ?? '', approver, {
        onApproved: (request) => announceDecision(ctx, request, 'approved', approver),
      });
      if (outcome.status !== 'approved') {
        await tellClicker(
          ctx.notify,
          body,
          sentenceMessage(refusalText(outcome, ctx.approvers.describe())),
          ctx.logger,
          respond,
        );
        return;
      }
      await announceExecution(ctx, outcome.execution);
    } catch (error) {
      const text = userFacingError(error, ctx.logger, { action: 'approve', user: approver });
      await tellClicker(ctx.notify, body, sentenceMessage(text), ctx.logger, respond);
    }
  });

  app.action<BlockButtonAction>(ACTION.reject, async ({ ack, body, action, client }) => {
    await ack();
    await openModal(client, body.trigger_id, rejectReasonModal({ requestId: action.value ?? '' }));
  });

  app.view(CALLBACK.rejectReason, async ({ ack, body, view, client }) => {
    const requestId = readRequestId(view.private_metadata);
    const reason = readViewInput(view.state.values, view.blocks)[REJECT_REASON_FIELD];
    await ack({ response_action: 'update', view: workingModal('Reject request') });
    try {
      const outcome = await ctx.workflow.reject(
        requestId,
        body.user.id,
        typeof reason === 'string' ? reason : undefined,
      );
      if (outcome.status === 'rejected' || outcome.status === 'cancelled') {
        await announceDecision(ctx, outcome.request, outcome.status, body.user.id);
        const done =
          outcome.status === 'rejected'
            ? 'Rejected. The requester has been told.'
            : 'You withdrew your own request.';
        await updateModal(client, view.id, resultModal('Reject request', [section(done)]));
        return;
      }
      await updateModal(
        client,
        view.id,
        errorModal('Reject request', refusalText(outcome as DecisionRefusal, ctx.approvers.describe())),
      );
    } catch (error) {
      const text = userFacingError(error, ctx.logger, { action: 'reject', user: body.user.id });
      await updateModal(client, view.id, errorModal('Reject request', text));
    }
  });
}

function readRequestId(metadata: string | undefined): string {
  try {
    const parsed = JSON.parse(metadata ?? '{}') as { requestId?: unknown };
    return typeof parsed.requestId === 'string' ? parsed.requestId.slice(0, 100) : '';
  } catch {
    return '';
  }
}
