import type { OrderRecord } from '../store/orders-repo.js';
import type { RequestRecord } from '../store/requests-repo.js';

/** How a request step's run ends: its outputs, or the sentence Workflow Builder shows as the step's error. */
export type StepOutcome =
  | { kind: 'success'; outputs: Record<string, unknown> }
  | { kind: 'error'; error: string };

/**
 * What a request step outputs once its request succeeded (the step's own: new number, order id, status), or the
 * sentence for the run's error when a required output is not known (never an empty required output).
 */
export type StepOutputs = (
  request: RequestRecord,
  order: OrderRecord | null,
) => { outputs: Record<string, unknown> } | { error: string };

/**
 * The run's outcome from its request as stored, once the request is done (null while it is not): succeeded →
 * the step's outputs; every other end → one sentence saying what happened, who decided and what to do, with
 * the request's id for looking it up (`/telegent history`, App Home). Names, not mentions: a workflow's error
 * is plain text.
 */
export function stepOutcome(
  request: RequestRecord,
  order: OrderRecord | null,
  outputs: StepOutputs,
  names: { decidedBy?: string | undefined },
): StepOutcome | null {
  const ref = ` (request ${request.id})`;
  const by = names.decidedBy ?? 'an approver';
  switch (request.status) {
    case 'succeeded': {
      const made = outputs(request, order);
      return 'error' in made
        ? { kind: 'error', error: `${stripEnd(made.error)}${ref}.` }
        : { kind: 'success', ...made };
    }
    case 'rejected': {
      const why = request.decisionReason?.trim();
      return {
        kind: 'error',
        error: `Rejected by ${by}${why ? `: "${why.slice(0, 300)}"` : ''}. Nothing was sent to Telegent${ref}.`,
      };
    }
    case 'expired':
      return {
        kind: 'error',
        error: `Nobody approved it in time, so it expired and nothing was sent to Telegent. Run the workflow again if it is still needed${ref}.`,
      };
    case 'cancelled':
      return {
        kind: 'error',
        error: `Withdrawn by ${names.decidedBy ?? 'the requester'} before approval. Nothing was sent to Telegent${ref}.`,
      };
    case 'failed':
      return {
        kind: 'error',
        error: `Not done: ${stripEnd(request.error ?? 'Telegent refused it.')}${ref}.`,
      };
    case 'unknown':
      return {
        kind: 'error',
        error: `Sent to Telegent, but whether it took effect is not known: ${stripEnd(request.error ?? 'the answer was lost')}. Check it before running the workflow again${ref}.`,
      };
    default:
      return null;
  }
}

const stripEnd = (text: string) => text.trim().replace(/[.!?]+$/, '');
