import type { RequestRecord } from '../store/requests-repo.js';
import type { ExecutionOutcome } from './outcomes.js';
import type { Workflow } from './workflow.js';

/** Called once per user-visible result: the operation kind and what happened (for metrics). */
export type OutcomeListener = (operation: string, outcome: string) => void;

/** Called once per decided request (approved, rejected, withdrawn, expired), e.g. for time-to-decision. */
export type DecisionListener = (request: RequestRecord, decision: string) => void;

const executed = (execution: ExecutionOutcome) => execution.status;

/** The same workflow, reporting every result to `listen` (e.g. a Prometheus counter) without changing it. */
export function instrumentWorkflow(
  workflow: Workflow,
  listen: OutcomeListener,
  decided: DecisionListener = () => {},
): Workflow {
  const kindOf = (outcome: { request?: { kind: string } | null }) => outcome.request?.kind ?? 'unknown';
  return {
    ...workflow,
    async submit(args) {
      const outcome = await workflow.submit(args);
      listen(args.kind, outcome.status === 'executed' ? executed(outcome.execution) : outcome.status);
      return outcome;
    },
    async approve(requestId, approverId, hooks) {
      const outcome = await workflow.approve(requestId, approverId, hooks);
      if (outcome.status === 'approved') {
        listen(outcome.request.kind, 'approved');
        decided(outcome.request, 'approved');
        listen(outcome.request.kind, executed(outcome.execution));
      } else if (outcome.status === 'approval_recorded') {
        listen(outcome.request.kind, 'approval_recorded');
      } else {
        listen(kindOf(outcome as { request?: { kind: string } }), `refused_${outcome.status}`);
      }
      return outcome;
    },
    async reject(requestId, userId, reason) {
      const outcome = await workflow.reject(requestId, userId, reason);
      const refused = outcome.status !== 'rejected' && outcome.status !== 'cancelled';
      if (outcome.status === 'rejected' || outcome.status === 'cancelled')
        decided(outcome.request, outcome.status);
      listen(
        kindOf(outcome as { request?: { kind: string } }),
        refused ? `refused_${outcome.status}` : outcome.status,
      );
      return outcome;
    },
    async expireDue() {
      const expired = await workflow.expireDue();
      for (const request of expired) {
        listen(request.kind, 'expired');
        decided(request, 'expired');
      }
      return expired;
    },
    async recoverUnclaimedApprovals() {
      const outcomes = await workflow.recoverUnclaimedApprovals();
      for (const outcome of outcomes) if (outcome.request) listen(outcome.request.kind, executed(outcome));
      return outcomes;
    },
    async recoverStuckExecutions() {
      const outcomes = await workflow.recoverStuckExecutions();
      for (const outcome of outcomes) if (outcome.request) listen(outcome.request.kind, executed(outcome));
      return outcomes;
    },
  };
}
