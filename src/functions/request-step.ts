import type { AppContext } from '../app-context.js';
import type { StepOutputs } from '../notify/step-outcome.js';
import { getOperation, type OperationKind } from '../operations/registry.js';
import { type FieldErrors, formatFieldErrors, validateInput } from '../operations/validation-errors.js';
import type { AccessPolicy } from '../requests/access-decision.js';
import { checkReason } from '../requests/request-context.js';
import type { FunctionArgs } from '../slack/listeners.js';
import { stepRequesterRefusal } from '../slack/step-requester-access.js';
import { asStepError, textInput } from './step-inputs.js';

type Inputs = FunctionArgs['inputs'];

/** What a request step adds to the one pipeline (requestStep): its operation, its inputs, its outputs. */
export interface RequestStepDefinition {
  callbackId: string;
  kind: OperationKind;
  /**
   * The step's inputs as the operation's input, read without Telegent: checked with the operation's schema
   * before any lookup (`lookedUp` names the fields a lookup fills in later, whose errors wait for it).
   */
  fromInputs(inputs: Inputs): { raw: Record<string, unknown>; lookedUp: readonly string[] };
  /** The lookups (subscriber by email, the account's only route, the plan): the final input, or a sentence. */
  lookUp(
    ctx: AppContext,
    raw: Record<string, unknown>,
    inputs: Inputs,
    channelId: string,
  ): Promise<{ raw: Record<string, unknown>; customerName?: string | undefined } | { error: string }>;
  outputs: StepOutputs;
}

export interface RequestStepDeps {
  /** The access policy the slash command's gate applies (who may file requests, ALLOWED_CHANNEL_IDS). */
  policy: AccessPolicy;
  /** Completes the run if its request is already done (it ran without approval, or a redelivery). */
  settle(requestId: string): Promise<void>;
}

/** Field errors as the step's one sentence, leaving out `skip` fields (a lookup fills them in later). */
function sentenceOf(errors: FieldErrors, skip: readonly string[] = []): string | null {
  const kept = Object.fromEntries(
    Object.entries(errors).filter(([field]) => !skip.some((s) => field === s || field.startsWith(`${s}.`))),
  );
  return Object.keys(kept).length > 0 ? asStepError(formatFieldErrors(kept)) : null;
}

/**
 * A Workflow Builder step that files a request for a person (its `requester` input): the same access rule as
 * /telegent, the operation's schema, then the ordinary request — the approval card in the channel, the same
 * approval and execution. The run stays open until the request is done; then it is completed once
 * (notify/step-completion.ts, from the request's redraw and the housekeeping sweep). Bad input or a refused requester
 * fails the run at once with a sentence, and nothing reaches Telegent.
 */
export function requestStep(ctx: AppContext, deps: RequestStepDeps, step: RequestStepDefinition) {
  const op = getOperation(step.kind);
  return async function onRequestStep({ event, inputs, fail }: FunctionArgs): Promise<void> {
    const executionId = String(event.function_execution_id);
    const failWith = (error: string) => fail({ error });

    const requester = textInput(inputs, 'requester');
    if (!requester) return void (await failWith('Requester: choose the person this request is for.'));
    const channelId = textInput(inputs, 'channel') ?? ctx.approvalsChannelId;
    if (!channelId) {
      return void (await failWith(
        'Channel: choose the channel where the request is posted and followed (the app has no approvals channel set).',
      ));
    }
    const refused = await stepRequesterRefusal(
      { users: ctx.slackUsers, usergroupMembers: ctx.usergroupMembers },
      deps.policy,
      requester,
      channelId,
    );
    if (refused) {
      ctx.logger.info(
        { surface: 'step', what: step.callbackId, user: requester, reason: refused.reason },
        'access refused',
      );
      await ctx.store.audit
        .append({
          actor: requester,
          action: 'access_refused',
          details: { reason: refused.reason, access: 'request', surface: 'step', what: step.callbackId },
        })
        .catch(() => undefined);
      return void (await failWith(`Refused for the requester: ${refused.sentence}`));
    }
    const reason = checkReason(textInput(inputs, 'reason'));
    if (!reason.ok) return void (await failWith(`Reason / ticket: ${asStepError(reason.error)}`));

    // The operation's own schema first, before any Telegent read: a bad number or area code stops here.
    const typed = step.fromInputs(inputs);
    const checked = validateInput(op, typed.raw, {
      now: ctx.now,
      verificationMethods: ctx.verificationMethods,
    });
    const early = checked.ok ? null : sentenceOf(checked.errors, typed.lookedUp);
    if (early) return void (await failWith(early));

    const found = await step.lookUp(ctx, typed.raw, inputs, channelId);
    if ('error' in found) return void (await failWith(found.error));

    const workflowName = textInput(inputs, 'workflow_name');
    const { run, created } = await ctx.store.stepRequests.begin({
      functionExecutionId: executionId,
      callbackId: step.callbackId,
      token: typeof event.bot_access_token === 'string' ? event.bot_access_token : null,
      workflowName: workflowName ?? null,
      now: ctx.now(),
    });
    // A redelivered run: already ended (its input was refused), or its request was filed (and is completed in due
    // course), or it is filed now, once (the idempotency key).
    if (!created && run.completedAt) return;
    if (!created && run.requestId) return void (await deps.settle(run.requestId));

    const outcome = await ctx.workflow.submit({
      kind: step.kind,
      raw: found.raw,
      requestedBy: requester,
      channelId,
      idempotencyKey: `step:${executionId}`,
      reason: reason.reason,
      customerName: found.customerName,
      workflow: { name: workflowName },
    });
    if (outcome.status === 'invalid') {
      await failWith(sentenceOf(outcome.errors) ?? 'The request was refused.');
      await ctx.store.stepRequests.completed(executionId, 'error', ctx.now());
      return;
    }
    await ctx.store.stepRequests.attach(executionId, outcome.request.id);
    if (outcome.status === 'executed') await ctx.afterExecution(outcome.execution);
    else await ctx.messages.sync(outcome.request.id);
    // The card is posted; a request that is already done (no approval needed) completes the run now.
    await deps.settle(outcome.request.id);
  };
}
