import type { Reconciliation } from '../operations/operation.js';
import type { FieldErrors } from '../operations/validation-errors.js';
import type { OrderRecord } from '../store/orders-repo.js';
import type { RequestRecord } from '../store/requests-repo.js';

/** What `submit` did with a form: refused it, parked it for approval, or ran it at once. */
export type SubmitOutcome =
  | { status: 'invalid'; errors: FieldErrors }
  | { status: 'pending_approval'; request: RequestRecord }
  /** The same form was submitted before (double click, redelivery): nothing new was done. */
  | { status: 'duplicate'; request: RequestRecord }
  | { status: 'executed'; request: RequestRecord; execution: ExecutionOutcome };

/** Why a click on Approve / Reject / Cancel did nothing. Never an exception. */
export type DecisionRefusal =
  | { status: 'not_approver'; request: RequestRecord }
  | { status: 'self_approval'; request: RequestRecord }
  | { status: 'expired'; request: RequestRecord }
  | { status: 'already_decided'; request: RequestRecord; decidedBy: string | null; decidedAt: Date | null }
  | { status: 'not_found' };

export type ApproveOutcome =
  | { status: 'approved'; request: RequestRecord; execution: ExecutionOutcome }
  | DecisionRefusal;

/** A requester's own Reject click withdraws the request (`cancelled`). */
export type RejectOutcome = { status: 'rejected' | 'cancelled'; request: RequestRecord } | DecisionRefusal;

export type ExecutionOutcome =
  | {
      status: 'succeeded';
      request: RequestRecord;
      result: unknown;
      order: OrderRecord | null;
      /** Secrets the requester must see once (the port-out PIN). Never stored, never posted to a channel. */
      revealToRequester?: { pin: string };
    }
  | { status: 'failed'; request: RequestRecord; error: string; hint?: string }
  | { status: 'unknown'; request: RequestRecord; error: string; reconciliation: Reconciliation }
  /** Another caller is executing (or executed) it: this caller must do nothing. */
  | { status: 'not_claimed'; request: RequestRecord | null };

export type { Reconciliation };
