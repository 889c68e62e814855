import type { AppContext } from '../app-context.js';
import { operationTitle, storedSummary } from '../messages/request-line.js';
import { decisionSurface } from '../notify/decision-surface.js';
import type { ButtonArgs } from '../slack/listener-args.js';
import { ackTimeLeft, withinAckDeadline } from '../slack/within-ack-deadline.js';
import { rejectReasonModal } from '../views/modals/reject-reason-modal.js';
import { openModal } from '../views/open-modal.js';

/**
 * Reject on an approval card, in App Home or in a reminder DM: asks for an optional reason, naming what is
 * rejected (the decision happens when it is submitted; the form remembers where Reject was clicked so that
 * place is redrawn then). A request that cannot be read in time still gets the form, without the name.
 */
export function rejectButton(ctx: AppContext) {
  return async function onReject({ ack, body, action, client, context }: ButtonArgs): Promise<void> {
    await ack();
    const requestId = action.value ?? '';
    const request = await withinAckDeadline(
      ctx.store.requests.get(requestId).catch(() => null),
      null,
      Math.min(ackTimeLeft(context), 1_000),
    );
    await openModal(
      client,
      body.trigger_id,
      rejectReasonModal({
        requestId,
        request: request
          ? {
              title: operationTitle(request.kind),
              summary: storedSummary(request),
              requestedBy: request.requestedBy,
            }
          : undefined,
        surface: decisionSurface(body, action.block_id),
      }),
    );
  };
}
