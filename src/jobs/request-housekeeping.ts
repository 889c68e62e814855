import type { Logger } from '../log.js';
import type { RequestMessages } from '../notify/request-messages.js';
import type { ExecutionOutcome, Workflow } from '../requests/index.js';

export interface RequestHousekeepingDeps {
  workflow: Pick<
    Workflow,
    'expireDue' | 'recoverUnclaimedApprovals' | 'recoverStuckExecutions' | 'settleLostNotices'
  >;
  messages: Pick<RequestMessages, 'sync'>;
  /** What follows an execution (its messages redrawn, a secret to the requester): see notify/after-execution.ts. */
  afterExecution: (execution: ExecutionOutcome) => Promise<void>;
  /** Workflow Builder step runs whose request is done and that were never completed (notify/step-completion.ts). */
  completeSteps?: (() => Promise<unknown>) | undefined;
  logger: Logger;
}

/**
 * The request-housekeeping job: every non-final request has an owner after a crash. Pending requests past
 * APPROVAL_TTL_HOURS expire; approved requests nobody claimed (the approver's process died before the claim)
 * are executed, exactly once (the claim is the guard); requests whose executor died mid-call become reconciled
 * `unknown`s; texts to customers whose sender died are marked unknown, never resent; Workflow Builder step runs
 * whose request finished while the app was down (or Slack refused the completion) are completed. Each stores its fact in the workflow, then asks for the request's messages to be redrawn.
 */
export function createRequestHousekeeping(deps: RequestHousekeepingDeps) {
  return {
    async run(): Promise<void> {
      for (const request of await deps.workflow.expireDue()) await deps.messages.sync(request.id);
      for (const outcome of await deps.workflow.recoverUnclaimedApprovals())
        await deps.afterExecution(outcome);
      for (const outcome of await deps.workflow.recoverStuckExecutions()) await deps.afterExecution(outcome);
      for (const requestId of await deps.workflow.settleLostNotices()) await deps.messages.sync(requestId);
      // Last, so what the steps above finished is completed too; a run the app was down for is completed here.
      await deps.completeSteps?.();
    },
  };
}
