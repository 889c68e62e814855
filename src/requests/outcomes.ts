import type { Reconciliation, RevealedSecret } from '../operations/operation.js';
import type { FieldErrors } from '../operations/validation-errors.js';
import type { OrderRecord } from '../store/orders-repo.js';
import type { RequestRecord } from '../store/requests-repo.js';
import type { PickerKind } from '../telegent/picker-source.js';

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
  /** The clicker already approved it; the next approval must come from another approver. */
  | { status: 'duplicate_approval'; request: RequestRecord }
  | { status: 'already_decided'; request: RequestRecord; decidedBy: string | null; decidedAt: Date | null }
  | { status: 'not_found' };

export type ApproveOutcome =
  | { status: 'approved'; request: RequestRecord; execution: ExecutionOutcome }
  /** Counted toward a request that needs several approvers; nothing was sent to Telegent yet. */
  | { status: 'approval_recorded'; request: RequestRecord }
  | DecisionRefusal;

/** A requester's own Reject click withdraws the request (`cancelled`). */
export type RejectOutcome = { status: 'rejected' | 'cancelled'; request: RequestRecord } | DecisionRefusal;

export type ExecutionOutcome =
  | {
      status: 'succeeded';
      request: RequestRecord;
      result: unknown;
      order: OrderRecord | null;
      /** A secret the requester must see once (PIN, temporary password). Never stored, never posted to a channel. */
      revealToRequester?: RevealedSecret;
      /** Picker lists this execution made stale (from the operation's outcome). */
      staleLists?: readonly PickerKind[];
    }
  | { status: 'failed'; request: RequestRecord; error: string; hint?: string }
  | { status: 'unknown'; request: RequestRecord; error: string; reconciliation: Reconciliation }
  /** Another caller is executing (or executed) it: this caller must do nothing. */
  | { status: 'not_claimed'; request: RequestRecord | null };

export type { Reconciliation };
