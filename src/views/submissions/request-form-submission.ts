import type { KnownBlock } from '@slack/types';
import type { AppContext } from '../../app-context.js';
import { context, section } from '../../messages/blocks.js';
import { errorModal } from '../../messages/error-views.js';
import { requestOutcomeMessage } from '../../messages/request-picture.js';
import { getOperation } from '../../operations/registry.js';
import { formatFieldErrors, validateInput } from '../../operations/validation-errors.js';
import { checkReason, type SubmitOutcome } from '../../requests/index.js';
import type { ViewSubmissionArgs } from '../../slack/listener-args.js';
import { ackTimeLeft } from '../../slack/within-ack-deadline.js';
import { nameInSubscriberLabel } from '../../telegent/picker-source.js';
import { REASON_FIELD } from '../inputs.js';
import { type ModalMetadata, readModalMetadata } from '../modal-metadata.js';
import { resultModal, workingModal } from '../modals/status-modals.js';
import { updateModal } from '../open-modal.js';
import { errorsForView, readViewInput } from '../view-input.js';
import { fileCompanions } from './companion-requests.js';
import type { RequestForm } from './request-forms.js';

/**
 * A request form (provision, port-in, port-in update, port-out PIN, data limits): validate with the
 * operation's schema inside the 3 s ack (errors under the right inputs), else switch to a "working" view,
 * submit through the workflow, and show the outcome.
 */
export function requestFormSubmission(ctx: AppContext, form: RequestForm) {
  const op = getOperation(form.kind);
  return async function onRequestForm({
    ack,
    body,
    view,
    client,
    context,
  }: ViewSubmissionArgs): Promise<void> {
    const metadata = readModalMetadata(view.private_metadata);
    if (!metadata) {
      await ack({
        response_action: 'update',
        view: errorModal(op.title, 'This form is from an older version; run the command again.'),
      });
      return;
    }
    if (!(await presetsStillHold(ctx, metadata))) {
      await ack({
        response_action: 'update',
        view: errorModal(
          op.title,
          "This channel's Telegent account changed while the form was open, so the route it chose may not exist there. Run the command again.",
        ),
      });
      return;
    }
    const { [REASON_FIELD]: typedReason, ...typed } = readViewInput(view.state.values, view.blocks);
    const changed = form.changes ? await form.changes(typed, metadata, ctx) : typed;
    const typedRaw = { ...metadata.presets, ...changed, ...form.fromMetadata(metadata) };
    const listed = form.fromCatalogue
      ? await form.fromCatalogue(typedRaw, ctx, ackTimeLeft(context), inputBlockIds(view.blocks))
      : { values: typedRaw };
    const raw = 'values' in listed ? listed.values : typedRaw;
    const validated = validateInput(op, raw, {
      now: ctx.now,
      verificationMethods: ctx.verificationMethods,
    });
    const reason = checkReason(typedReason);
    if (!validated.ok || !reason.ok || 'errors' in listed) {
      const errors = {
        ...(validated.ok ? {} : validated.errors),
        ...('errors' in listed ? listed.errors : {}),
        ...(reason.ok ? {} : { [REASON_FIELD]: reason.error }),
      };
      await ack({ response_action: 'errors', errors: errorsForView(errors, view) });
      return;
    }
    const refused = await form.inlineChecks?.(
      validated.value as Record<string, unknown>,
      ctx,
      ackTimeLeft(context),
    );
    if (refused) {
      await ack({ response_action: 'errors', errors: errorsForView(refused, view) });
      return;
    }
    // From here a failure turns the working view into the sentence (the one error path).
    await ack({ response_action: 'update', view: workingModal(op.title) });
    const who = {
      requestedBy: body.user.id,
      channelId: metadata.channelId,
      idempotencyKey: `view:${view.id}`,
      reason: reason.reason,
      customerName: metadata.customer ?? pickedSubscriberName(view.state.values) ?? undefined,
    };
    const outcome = await ctx.workflow.submit({ kind: form.kind, raw, ...who });
    // A step filed beside this one (ending the plan with a cancel) only once this one was accepted.
    const accepted = outcome.status === 'pending_approval' || outcome.status === 'executed';
    const also = accepted
      ? await fileCompanions(
          ctx,
          who,
          { id: outcome.request.id, title: op.title },
          form.alsoFile?.(typed, metadata) ?? [],
        )
      : [];
    const shown = await afterRun(ctx, client, form, metadata, outcome);
    const noted = accepted ? (form.filedNote?.(outcome.request.input) ?? []) : [];
    await showOutcome(ctx, client, view.id, op.title, outcome, [...noted, ...also, ...shown]);
  };
}

/**
 * What the form shows under the outcome once its request ran (the protection card read again), if the form says:
 * context, so a read that fails leaves the outcome alone.
 */
async function afterRun(
  ctx: AppContext,
  client: Parameters<typeof updateModal>[0],
  form: RequestForm,
  metadata: ModalMetadata,
  outcome: SubmitOutcome,
): Promise<KnownBlock[]> {
  if (outcome.status !== 'executed' || !form.afterRun) return [];
  const execution = outcome.execution;
  if (execution.status === 'not_claimed') return [];
  const result = execution.status === 'succeeded' ? execution.result : undefined;
  return form.afterRun(ctx, client, metadata, result).catch(() => []);
}

/**
 * A form's presets (the account's only route) came from the account the channel was bound to when it opened;
 * a rebinding since (`/telegent account`) would file them under an account that may not have them.
 */
async function presetsStillHold(ctx: AppContext, metadata: ModalMetadata): Promise<boolean> {
  if (!metadata.presets) return true;
  const bound = await ctx.store.channelAccounts.get(metadata.channelId);
  return (bound?.accountId ?? null) === (metadata.presetsAccountId ?? null);
}

/**
 * The customer's name as the Subscriber picker showed it ("Jane Doe — jane@example.com" → "Jane Doe"; none for a
 * subscriber listed by email or id alone): the selected option's text comes with the submission, so no Telegent
 * call is needed.
 */
function pickedSubscriberName(values: ViewSubmissionArgs['view']['state']['values']): string | undefined {
  for (const state of Object.values(values?.assignedSubscriberId ?? {})) {
    const label = state.selected_option?.text?.text;
    if (label) return nameInSubscriberLabel(label);
  }
  return undefined;
}

async function showOutcome(
  ctx: AppContext,
  client: Parameters<typeof updateModal>[0],
  viewId: string,
  title: string,
  outcome: SubmitOutcome,
  also: KnownBlock[] = [],
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
      await ctx.messages.sync(outcome.request.id);
      // Slack may have refused the card: the request still waits, and approvers find it in App Home.
      const carded = Boolean((await ctx.store.requests.get(outcome.request.id))?.cardTs);
      const home = `<#${outcome.request.channelId}>`;
      const where = ctx.approvalsChannelId ? `<#${ctx.approvalsChannelId}>` : home;
      return updateModal(
        client,
        viewId,
        resultModal(title, [
          section(
            carded
              ? `:inbox_tray: Sent for approval in ${where}. Approvers: ${ctx.approvers.describe()}.`
              : `:warning: Saved and waiting for approval, but Slack did not accept the approval card for ${where}. Approvers (${ctx.approvers.describe()}) can approve it from the Telegent Ops App Home.`,
          ),
          context(`Its message in ${home} follows it from here: the decision, then every step after.`),
          ...also,
        ]),
      );
    }
    case 'executed': {
      await ctx.afterExecution(outcome.execution);
      const execution = outcome.execution;
      if (execution.status === 'not_claimed') return;
      const order = execution.status === 'succeeded' ? execution.order : null;
      const shown = requestOutcomeMessage(execution.request, order, ctx.sandbox);
      return updateModal(client, viewId, resultModal(title, [...shown.blocks, ...also]));
    }
  }
}

/** The block ids of a view's inputs. */
function inputBlockIds(blocks: ViewSubmissionArgs['view']['blocks']): string[] {
  return (blocks ?? []).flatMap((block) =>
    block.type === 'input' && typeof block.block_id === 'string' ? [block.block_id] : [],
  );
}
