import type { AppContext } from '../../app-context.js';
import { type DecisionSurface, decisionSurfaceSchema } from '../../messages/action-values.js';
import { section } from '../../messages/blocks.js';
import { errorModal } from '../../messages/error-views.js';
import { refusalText } from '../../messages/refusal-text.js';
import { redrawDecisionSurface } from '../../notify/decision-surface.js';
import type { DecisionRefusal } from '../../requests/index.js';
import type { ViewSubmissionArgs } from '../../slack/listener-args.js';
import { REJECT_REASON_FIELD } from '../modals/reject-reason-modal.js';
import { resultModal, workingModal } from '../modals/status-modals.js';
import { updateModal } from '../open-modal.js';
import { readViewInput } from '../view-input.js';

const TITLE = 'Reject request';

/**
 * The reject-reason form: rejects (an approver) or withdraws (the requester's own request). Where Reject was
 * clicked (App Home, a reminder DM) is redrawn after it, decided or refused.
 */
export function rejectReasonSubmission(ctx: AppContext) {
  return async function onRejectReason({ ack, body, view, client }: ViewSubmissionArgs): Promise<void> {
    const { requestId, surface } = readMetadata(view.private_metadata);
    const reason = readViewInput(view.state.values, view.blocks)[REJECT_REASON_FIELD];
    await ack({ response_action: 'update', view: workingModal(TITLE) });
    const outcome = await ctx.workflow.reject(
      requestId,
      body.user.id,
      typeof reason === 'string' ? reason : undefined,
    );
    if (outcome.status !== 'rejected' && outcome.status !== 'cancelled') {
      const refused = refusalText(outcome as DecisionRefusal, ctx.approvers.describe());
      await updateModal(client, view.id, errorModal(TITLE, refused));
      await redrawDecisionSurface(ctx, surface, requestId, body.user.id);
      return;
    }
    await ctx.messages.sync(outcome.request.id);
    await redrawDecisionSurface(ctx, surface, requestId, body.user.id);
    const done =
      outcome.status === 'rejected'
        ? 'Rejected. The requester has been told.'
        : 'You withdrew your own request.';
    await updateModal(client, view.id, resultModal(TITLE, [section(done)]));
  };
}

function readMetadata(metadata: string | undefined): { requestId: string; surface: DecisionSurface } {
  try {
    const parsed = JSON.parse(metadata ?? '{}') as { requestId?: unknown; surface?: unknown };
    const surface = decisionSurfaceSchema.safeParse(parsed.surface);
    return {
      requestId: typeof parsed.requestId === 'string' ? parsed.requestId.slice(0, 100) : '',
      surface: surface.success ? surface.data : { kind: 'card' },
    };
  } catch {
    return { requestId: '', surface: { kind: 'card' } };
  }
}
