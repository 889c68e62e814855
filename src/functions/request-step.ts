import type { AppContext } from '../app-context.js';
import type { StepOutputs } from '../notify/step-outcome.js';
import { getOperation, type OperationKind } from '../operations/registry.js';
import { type FieldErrors, formatFieldErrors, validateInput } from '../operations/validation-errors.js';
import type { AccessPolicy } from '../requests/access-decision.js';
import { checkReason } from '../requests/request-context.js';
import type { FunctionArgs } from '../slack/listeners.js';
import { stepRequesterRefusal } from '../slack/step-requester-access.js';
import { correlationId } from '../telegent/errors.js';
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

/** The step's inputs checked before anything is filed: the request to file, or the sentence that ends the run. */
async function checkBeforeFiling(
  ctx: AppContext,
  deps: RequestStepDeps,
  step: RequestStepDefinition,
  inputs: Inputs,
): Promise<
  | { error: string }
  | {
      requester: string;
      channelId: string;
      reason: string | undefined;
      found: { raw: Record<string, unknown>; customerName?: string | undefined };
    }
> {
  const requester = textInput(inputs, 'requester');
  if (!requester) return { error: 'Requester: choose the person this request is for.' };
  const channelId = textInput(inputs, 'channel') ?? ctx.approvalsChannelId;
  if (!channelId) {
    return {
      error:
        'Channel: choose the channel where the request is posted and followed (the app has no approvals channel set).',
    };
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
    return { error: `Refused for the requester: ${refused.sentence}` };
  }
  const reason = checkReason(textInput(inputs, 'reason'));
  if (!reason.ok) return { error: `Reason / ticket: ${asStepError(reason.error)}` };

  // The operation's own schema first, before any Telegent read: a bad number or area code stops here.
  const op = getOperation(step.kind);
  const typed = step.fromInputs(inputs);
  const checked = validateInput(op, typed.raw, {
    now: ctx.now,
    verificationMethods: ctx.verificationMethods,
  });
  const early = checked.ok ? null : sentenceOf(checked.errors, typed.lookedUp);
  if (early) return { error: early };

  const found = await step.lookUp(ctx, typed.raw, inputs, channelId);
  if ('error' in found) return found;
  return { requester, channelId, reason: reason.reason, found };
}

/**
 * A Workflow Builder step that files a request for a person (its `requester` input): the same access rule as
 * /telegent, the operation's schema, then the ordinary request — the approval card in the channel, the same
 * approval and execution. The run stays open until the request is done; then it is completed once
 * (notify/step-completion.ts, from the request's redraw and the housekeeping sweep). Bad input or a refused requester
 * fails the run at once with a sentence, and nothing reaches Telegent.
 *
 * A step's request always needs an approver, whatever APPROVAL_REQUIRED_FOR says: `requester` is an input, so
 * whoever builds a workflow could otherwise file (and, with no approval, run) requests in another person's name.
 * A second person decides every one (the card says why).
 */
export function requestStep(ctx: AppContext, deps: RequestStepDeps, step: RequestStepDefinition) {
  return async function onRequestStep({ event, inputs, fail }: FunctionArgs): Promise<void> {
    const executionId = String(event.function_execution_id);
    const workflowName = textInput(inputs, 'workflow_name');
    // The run first, before any check that reads Slack or Telegent: a redelivered run whose request was filed
    // must not be failed by a passing read error while its request goes ahead.
    const { run, created } = await ctx.store.stepRequests.begin({
      functionExecutionId: executionId,
      callbackId: step.callbackId,
      token: typeof event.bot_access_token === 'string' ? event.bot_access_token : null,
      workflowName: workflowName ?? null,
      now: ctx.now(),
    });
    // A redelivered run: already ended (its input was refused), or its request was filed (and is completed in due
    // course; found by its idempotency key when the first delivery died before attaching it), or it is filed now.
    if (!created) {
      if (run.completedAt) return;
      const filed = run.requestId ?? (await ctx.store.stepRequests.findFiled(executionId));
      if (filed) return void (await deps.settle(filed));
    }
    const refuse = async (error: string) => {
      await fail({ error });
      await ctx.store.stepRequests.completed(executionId, 'error', ctx.now());
    };

    const checked = await checkBeforeFiling(ctx, deps, step, inputs);
    if ('error' in checked) return void (await refuse(checked.error));

    // From here the request may exist (submit stores it, then audits, posts…): whatever throws, the run is not
    // failed while its request could go ahead — its end completes the run (settle, the housekeeping sweep).
    try {
      const outcome = await ctx.workflow.submit({
        kind: step.kind,
        raw: checked.found.raw,
        requestedBy: checked.requester,
        channelId: checked.channelId,
        idempotencyKey: `step:${executionId}`,
        reason: checked.reason,
        customerName: checked.found.customerName,
        workflow: { name: workflowName },
        approvalAlways: true,
      });
      if (outcome.status === 'invalid') {
        return void (await refuse(sentenceOf(outcome.errors) ?? 'The request was refused.'));
      }
      await ctx.store.stepRequests.attach(executionId, outcome.request.id);
      // Always an approval first (approvalAlways): the card is drawn, nothing runs here.
      await ctx.messages.sync(outcome.request.id);
      // The card is posted; a request that is already done (a redelivery of a finished one) completes the run now.
      await deps.settle(outcome.request.id);
    } catch (error) {
      await afterFilingFailed(ctx, step, executionId, error, fail);
    }
  };
}

/**
 * Something threw once filing had begun. Filed (found by its idempotency key): the run is left to its request's
 * end. Not filed: nothing can go ahead, so the run ends now with the reference of the log line. Unknown (the
 * store does not answer): left open, as failing it could contradict a request that exists.
 */
async function afterFilingFailed(
  ctx: AppContext,
  step: RequestStepDefinition,
  executionId: string,
  error: unknown,
  fail: FunctionArgs['fail'],
): Promise<void> {
  const ref = correlationId();
  const filed = await ctx.store.stepRequests.findFiled(executionId).catch(() => undefined);
  ctx.logger.error(
    { ref, step: step.callbackId, execution: executionId, requestId: filed, err: error },
    filed === null
      ? 'request step failed before its request was filed; the run is ended'
      : 'request step failed after filing its request; the run is completed when the request is done',
  );
  if (filed) {
    // Its card, if what threw came before it (and the run completed, if the request is already done).
    await ctx.messages
      .sync(filed)
      .catch((failed: Error) =>
        ctx.logger.warn(
          { ref, requestId: filed, err: { message: failed.message } },
          'could not draw a step request',
        ),
      );
    return;
  }
  if (filed === undefined) return;
  try {
    await fail({
      error: `The request could not be filed, and nothing was sent to Telegent. Run the workflow again (reference ${ref}).`,
    });
    await ctx.store.stepRequests.completed(executionId, 'error', ctx.now());
  } catch (failed) {
    ctx.logger.warn({ ref, execution: executionId, err: failed }, 'could not end a request step run');
  }
}
