import type { App } from '@slack/bolt';
import type { AppContext } from '../../app-context.js';
import { announceExecution, announcePendingRequest, executionMessage } from '../../notify/announcer.js';
import type { OperationKind } from '../../operations/registry.js';
import { getOperation } from '../../operations/registry.js';
import { formatFieldErrors, validateInput } from '../../operations/validation-errors.js';
import type { SubmitOutcome } from '../../requests/index.js';
import { context, section } from '../blocks.js';
import { CALLBACK } from '../ids.js';
import { errorModal, resultModal, workingModal } from '../modals/status-modals.js';
import { dropUnchanged, errorsForView, readViewInput } from '../view-input.js';
import { updateModal } from './modal.js';
import { type ModalMetadata, readModalMetadata } from './modal-metadata.js';
import { userFacingError } from './user-error.js';

/** Which operation each form submits, and what the form's metadata adds to the typed fields. */
interface Form {
  callbackId: string;
  kind: OperationKind;
  fromMetadata(m: ModalMetadata): Record<string, unknown>;
  /** The typed fields as the operation should see them (the update form keeps only what changed). */
  changes?(
    typed: Record<string, unknown>,
    m: ModalMetadata,
    ctx: AppContext,
  ): Promise<Record<string, unknown>>;
}

/** The update form is pre-filled with what we stored: only fields the user changed are an update. */
async function changedSinceStored(typed: Record<string, unknown>, m: ModalMetadata, ctx: AppContext) {
  const order = m.orderId ? await ctx.store.orders.get(m.orderId) : null;
  const stored = order?.requestId ? (await ctx.store.requests.get(order.requestId))?.input : undefined;
  return stored ? dropUnchanged(typed, stored) : typed;
}

const FORMS: readonly Form[] = [
  { callbackId: CALLBACK.provisionForm, kind: 'provision', fromMetadata: () => ({}) },
  {
    callbackId: CALLBACK.portinForm,
    kind: 'portin',
    fromMetadata: (m) => ({
      phoneNumber: m.phoneNumber,
      ...(m.eligibility ? { eligibility: m.eligibility } : {}),
    }),
  },
  {
    callbackId: CALLBACK.portinUpdateForm,
    kind: 'portin-update',
    fromMetadata: (m) => ({ orderId: m.orderId }),
    changes: changedSinceStored,
  },
  {
    callbackId: CALLBACK.portoutForm,
    kind: 'portout',
    fromMetadata: (m) => ({ phoneNumber: m.phoneNumber }),
  },
  { callbackId: CALLBACK.limitsForm, kind: 'limits', fromMetadata: () => ({}) },
];

/**
 * Every form: validate with the operation's schema inside the 3 s ack (errors under the right inputs),
 * else switch to a "working" view, submit through the workflow, and show the outcome.
 */
export function registerFormSubmissions(app: App, ctx: AppContext): void {
  for (const form of FORMS) {
    const op = getOperation(form.kind);
    app.view(form.callbackId, async ({ ack, body, view, client }) => {
      const metadata = readModalMetadata(view.private_metadata);
      if (!metadata) {
        await ack({
          response_action: 'update',
          view: errorModal(op.title, 'This form is from an older version; run the command again.'),
        });
        return;
      }
      const typed = readViewInput(view.state.values, view.blocks);
      const changed = form.changes ? await form.changes(typed, metadata, ctx) : typed;
      const raw = { ...changed, ...form.fromMetadata(metadata) };
      const validated = validateInput(op, raw, { now: ctx.now });
      if (!validated.ok) {
        await ack({ response_action: 'errors', errors: errorsForView(validated.errors, view) });
        return;
      }
      await ack({ response_action: 'update', view: workingModal(op.title) });
      try {
        const outcome = await ctx.workflow.submit({
          kind: form.kind,
          raw,
          requestedBy: body.user.id,
          channelId: metadata.channelId,
          idempotencyKey: `view:${view.id}`,
        });
        await showOutcome(ctx, client, view.id, op.title, outcome);
      } catch (error) {
        const text = userFacingError(error, ctx.logger, { form: form.kind, user: body.user.id });
        await updateModal(client, view.id, errorModal(op.title, text));
      }
    });
  }
}

async function showOutcome(
  ctx: AppContext,
  client: Parameters<typeof updateModal>[0],
  viewId: string,
  title: string,
  outcome: SubmitOutcome,
): Promise<void> {
  switch (outcome.status) {
    case 'invalid':
      return updateModal(client, viewId, errorModal(title, formatFieldErrors(outcome.errors)));
    case 'duplicate':
      return updateModal(
        client,
        viewId,
        resultModal(title, [section('This form was already submitted; nothing new was done.')]),
      );
    case 'pending_approval': {
      const carded = await announcePendingRequest(ctx, outcome.request);
      const where = ctx.approvalsChannelId ? `<#${ctx.approvalsChannelId}>` : 'this channel';
      return updateModal(
        client,
        viewId,
        resultModal(title, [
          section(
            carded
              ? `:inbox_tray: Sent for approval in ${where}. Approvers: ${ctx.approvers.describe()}.`
              : `:warning: Saved and waiting for approval, but Slack did not accept the approval card for ${where}. Approvers (${ctx.approvers.describe()}) can approve it from the Telegent Ops App Home.`,
          ),
          context(
            `Request ${outcome.request.id}. You will see the outcome in the channel once someone decides.`,
          ),
        ]),
      );
    }
    case 'executed': {
      await announceExecution(ctx, outcome.execution);
      const execution = outcome.execution;
      if (execution.status === 'not_claimed') return;
      const shown = executionMessage(ctx, execution);
      return updateModal(client, viewId, resultModal(title, shown.blocks));
    }
  }
}
