import type { webApi } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { OrdersRepo } from '../store/orders-repo.js';
import type { RequestRecord, RequestsRepo } from '../store/requests-repo.js';
import { doneForStep, type StepRequestRecord, type StepRequestsRepo } from '../store/step-requests-repo.js';
import { correlationId } from '../telegent/errors.js';
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

/** Slack's answers that may go away on their own; any other code Slack gives (access_denied, parameter_validation_failed…) will not. */
const TRANSIENT = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/**
 * How long the sweep keeps trying a run Slack refuses for a passing reason (or that cannot reach Slack), counted
 * from when its request ended; then it stops and tells the requester, instead of a warning on every sweep forever.
 */
export const GIVE_UP_AFTER_MS = 6 * 3_600_000;

/** Slack's refusal of a completion: its code (or the failure's message), and whether trying again can help. */
interface Refusal {
  code: string;
  permanent: boolean;
}

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
  /** Tells the requester, in the request's thread, that the workflow was not told how it ended (with `ref`). */
  tellRequester(request: RequestRecord, ref: string): Promise<void>;
  logger: Logger;
  now: () => Date;
}

/** One completion call: undefined when Slack took it, else Slack's refusal. */
async function call(
  client: Pick<webApi.WebClient, 'functions'>,
  functionExecutionId: string,
  outcome: StepOutcome,
): Promise<Refusal | undefined> {
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
    const code = (error as { data?: { error?: string } }).data?.error;
    if (!code) return { code: (error as Error).message, permanent: false };
    const passing = TRANSIENT.has(code) || TOKEN_REFUSED.has(code) || ALREADY_DONE.has(code);
    return { code, permanent: !passing };
  }
}

/** How long after a run is recorded its request must be filed (it takes seconds) before the run is ended. */
export const UNFILED_AFTER_MS = 10 * 60_000;

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

  /** Calls Slack with the run's token while it lives, then the app's bot token (also when Slack refuses the run's). */
  async function completeWith(
    run: StepRequestRecord,
    token: string | null,
    outcome: StepOutcome,
    now: Date,
  ): Promise<Refusal | undefined> {
    const runTokenAlive = now.getTime() - run.createdAt.getTime() < RUN_TOKEN_LIFE_MS;
    const tokens = token && runTokenAlive ? [token, undefined] : [undefined];
    let refusal: Refusal | undefined;
    for (const next of tokens) {
      refusal = await call(deps.clientFor(next), run.functionExecutionId, outcome);
      if (!refusal || !TOKEN_REFUSED.has(refusal.code)) break;
    }
    return refusal;
  }

  /** The run, taken for completing for CLAIM_SECONDS (one completer at a time); null when another holds it. */
  const claimRun = (run: StepRequestRecord, now: Date) =>
    deps.stepRequests.claim(run.functionExecutionId, new Date(now.getTime() + CLAIM_SECONDS * 1000), now);

  async function complete(run: StepRequestRecord): Promise<void> {
    if (!run.requestId || run.completedAt) return;
    const request = await deps.requests.get(run.requestId);
    const outputs = deps.outputsOf(run.callbackId);
    if (!request || !outputs || !doneForStep(request, deps.now())) return;
    const decider = request.approver ?? (request.status === 'cancelled' ? request.requestedBy : undefined);
    const decidedBy = decider ? await deps.nameOf(decider).catch(() => undefined) : undefined;
    const order = request.status === 'succeeded' ? await deps.orders.getByRequest(request.id) : null;
    const outcome = stepOutcome(request, order, outputs, { decidedBy });
    if (!outcome) return;
    const now = deps.now();
    const claimed = await claimRun(run, now);
    if (!claimed) return;
    const context = { requestId: request.id, step: run.callbackId, execution: run.functionExecutionId };
    const refusal = await completeWith(run, claimed.token, outcome, now);
    if (refusal && !ALREADY_DONE.has(refusal.code)) {
      const tooLong = deps.now().getTime() - request.updatedAt.getTime() >= GIVE_UP_AFTER_MS;
      if (refusal.permanent || tooLong) return giveUp(run, claimed.token, request, outcome, refusal);
      await deps.stepRequests.release(run.functionExecutionId, deps.now());
      logger.warn(
        { ...context, err: { message: refusal.code } },
        'could not complete a workflow step; tried again later',
      );
      return;
    }
    if (refusal) logger.info({ ...context, slack: refusal.code }, 'workflow step was already completed');
    await deps.stepRequests.completed(run.functionExecutionId, outcome.kind, deps.now());
    logger.info({ ...context, outcome: outcome.kind }, 'workflow step completed');
  }

  /**
   * Slack will not take the completion (a code retrying cannot fix, or it kept failing for GIVE_UP_AFTER_MS): the
   * run is ended as an error in the store (no more tries) and the requester hears it in the request's thread,
   * with a reference that is also on the log line. Outputs Slack refused are offered once as an error instead,
   * so the workflow at least stops waiting.
   */
  async function giveUp(
    run: StepRequestRecord,
    token: string | null,
    request: RequestRecord,
    outcome: StepOutcome,
    refusal: Refusal,
  ): Promise<void> {
    const ref = correlationId();
    let slack = refusal.code;
    if (outcome.kind === 'success' && refusal.permanent) {
      const instead: StepOutcome = {
        kind: 'error',
        error: `The request is done, but Slack did not take this step's outputs. See the request's thread in Slack (request ${request.id}, reference ${ref}).`,
      };
      const second = await completeWith(run, token, instead, deps.now());
      if (!second || ALREADY_DONE.has(second.code)) slack = `${refusal.code}; ended with an error instead`;
    }
    await deps.stepRequests.completed(run.functionExecutionId, 'error', deps.now());
    logger.error(
      { ref, requestId: request.id, step: run.callbackId, execution: run.functionExecutionId, slack },
      'gave up completing a workflow step; the requester is told in the request thread',
    );
    await deps
      .tellRequester(request, ref)
      .catch((error: Error) =>
        logger.warn(
          { ref, requestId: request.id, err: { message: error.message } },
          'could not tell the requester about a workflow step left uncompleted',
        ),
      );
  }

  /**
   * A run whose request was never filed, UNFILED_AFTER_MS after it was recorded (filing takes seconds): ended with
   * a sentence saying so, as nothing else would ever complete it and the workflow would wait forever.
   */
  async function endUnfiled(run: StepRequestRecord): Promise<void> {
    const now = deps.now();
    const claimed = await claimRun(run, now);
    if (!claimed) return;
    const ref = correlationId();
    const outcome: StepOutcome = {
      kind: 'error',
      error: `The request was not filed (the app stopped or its database was away while filing it), so nothing was sent to Telegent. Run the workflow again (reference ${ref}).`,
    };
    const refusal = await completeWith(run, claimed.token, outcome, now);
    const context = { ref, step: run.callbackId, execution: run.functionExecutionId };
    if (refusal && !ALREADY_DONE.has(refusal.code) && !refusal.permanent) {
      await deps.stepRequests.release(run.functionExecutionId, deps.now());
      logger.warn(
        { ...context, err: { message: refusal.code } },
        'could not end an unfiled workflow step; tried again later',
      );
      return;
    }
    await deps.stepRequests.completed(run.functionExecutionId, 'error', deps.now());
    logger.error({ ...context, slack: refusal?.code }, 'ended a workflow step whose request was never filed');
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
      const unfiled = await deps.stepRequests.listUnfiled(new Date(deps.now().getTime() - UNFILED_AFTER_MS));
      for (const run of unfiled) {
        await endUnfiled(run).catch((error: Error) =>
          logger.warn(
            { execution: run.functionExecutionId, err: { message: error.message } },
            'could not end an unfiled workflow step',
          ),
        );
      }
      const owed = await deps.stepRequests.listOwed(deps.now());
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
