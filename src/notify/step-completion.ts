import type { webApi } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { OrdersRepo } from '../store/orders-repo.js';
import type { RequestsRepo } from '../store/requests-repo.js';
import type { StepRequestRecord, StepRequestsRepo } from '../store/step-requests-repo.js';
import { type StepOutcome, type StepOutputs, stepOutcome } from './step-outcome.js';

/** How long one completer holds a run: longer than a Slack call with its retries. */
const CLAIM_SECONDS = 60;

/**
 * A run's own token (`bot_access_token`) is revoked when the run completes and expires about 15 minutes after it
 * was issued (Slack, slackapi/bolt-python#1075); a request that waited longer for its approver is completed with
 * the app's bot token, which functions.completeSuccess / completeError accept (no scope needed).
 */
const RUN_TOKEN_LIFE_MS = 14 * 60_000;
const TOKEN_REFUSED = new Set(['token_revoked', 'token_expired', 'invalid_auth', 'not_authed']);

/** Slack's answers that mean the run was completed before (by us, before a crash, or its answer was lost). */
const ALREADY_DONE = new Set(['execution_not_in_running_state', 'function_execution_not_found']);

export interface StepCompletionDeps {
  stepRequests: StepRequestsRepo;
  requests: Pick<RequestsRepo, 'get'>;
  orders: Pick<OrdersRepo, 'getByRequest'>;
  /** A Web client with the run's own token (in the Authorization header, as Bolt's complete sends it); undefined: the bot's. */
  clientFor(token: string | undefined): Pick<webApi.WebClient, 'functions'>;
  /** The step's outputs by callback id (request steps only). */
  outputsOf(callbackId: string): StepOutputs | undefined;
  /** A Slack user's name for the error sentence ("Rejected by Ann Lee"), if Slack says. */
  nameOf(userId: string): Promise<string | undefined>;
  logger: Logger;
  now: () => Date;
}

/** One completion call: undefined when Slack took it, else Slack's error code (or the failure's message). */
async function call(
  client: Pick<webApi.WebClient, 'functions'>,
  functionExecutionId: string,
  outcome: StepOutcome,
): Promise<string | undefined> {
  try {
    if (outcome.kind === 'success') {
      await client.functions.completeSuccess({
        function_execution_id: functionExecutionId,
        outputs: outcome.outputs,
      });
    } else {
      await client.functions.completeError({
        function_execution_id: functionExecutionId,
        error: outcome.error,
      });
    }
    return undefined;
  } catch (error) {
    // The code or the message only: a Web API error can carry the request it made, and so the token.
    return (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
  }
}

export interface StepCompletion {
  /** The request's step run, completed if the request is done; a no-op for requests no step filed. Never throws. */
  settle(requestId: string): Promise<void>;
  /** Every run whose request is done but which is not completed (a restart, Slack failing): how many tried. */
  sweep(): Promise<number>;
}

/**
 * Completes a request step's run once its request is done, exactly once as Slack sees it. The run is claimed in
 * the store, Slack is called, and only then is it marked completed: a completer that dies in between leaves it
 * to the next sweep, whose second call Slack refuses as already completed (ALREADY_DONE), taken as done. Marking
 * it first would lose the completion on a crash, and the workflow would wait forever.
 */
export function createStepCompletion(deps: StepCompletionDeps): StepCompletion {
  const logger = deps.logger.child({ component: 'step-completion' });

  async function complete(run: StepRequestRecord): Promise<void> {
    if (!run.requestId || run.completedAt) return;
    const request = await deps.requests.get(run.requestId);
    const outputs = deps.outputsOf(run.callbackId);
    if (!request || !outputs) return;
    const decider = request.approver ?? (request.status === 'cancelled' ? request.requestedBy : undefined);
    const decidedBy = decider ? await deps.nameOf(decider).catch(() => undefined) : undefined;
    const order = request.status === 'succeeded' ? await deps.orders.getByRequest(request.id) : null;
    const outcome = stepOutcome(request, order, outputs, { decidedBy });
    if (!outcome) return;
    const now = deps.now();
    const claimed = await deps.stepRequests.claim(
      run.functionExecutionId,
      new Date(now.getTime() + CLAIM_SECONDS * 1000),
      now,
    );
    if (!claimed) return;
    const context = { requestId: request.id, step: run.callbackId, execution: run.functionExecutionId };
    // The run's token while it lives, then the app's bot token (also when Slack refuses the run's as revoked).
    const runTokenAlive = now.getTime() - run.createdAt.getTime() < RUN_TOKEN_LIFE_MS;
    const tokens = claimed.token && runTokenAlive ? [claimed.token, undefined] : [undefined];
    let refusal: string | undefined;
    for (const token of tokens) {
      refusal = await call(deps.clientFor(token), run.functionExecutionId, outcome);
      if (!refusal || !TOKEN_REFUSED.has(refusal)) break;
    }
    if (refusal && !ALREADY_DONE.has(refusal)) {
      await deps.stepRequests.release(run.functionExecutionId);
      logger.warn(
        { ...context, err: { message: refusal } },
        'could not complete a workflow step; tried again later',
      );
      return;
    }
    if (refusal) logger.info({ ...context, slack: refusal }, 'workflow step was already completed');
    await deps.stepRequests.completed(run.functionExecutionId, outcome.kind, deps.now());
    logger.info({ ...context, outcome: outcome.kind }, 'workflow step completed');
  }

  return {
    async settle(requestId) {
      try {
        const run = await deps.stepRequests.getByRequest(requestId);
        if (run) await complete(run);
      } catch (error) {
        logger.warn(
          { requestId, err: { message: (error as Error).message } },
          'could not complete a workflow step',
        );
      }
    },
    async sweep() {
      const owed = await deps.stepRequests.listOwed();
      for (const run of owed) {
        await complete(run).catch((error: Error) =>
          logger.warn(
            { requestId: run.requestId, err: { message: error.message } },
            'could not complete a workflow step',
          ),
        );
      }
      return owed.length;
    },
  };
}
