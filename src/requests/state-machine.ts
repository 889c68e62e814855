import type { RequestRecord } from '../store/requests-repo.js';

/**
 * Who may decide a request, pure. The moves between statuses are the lifecycle table's
 * (`store/request-lifecycle.ts`), which the repository's conditional UPDATEs follow; what is allowed of an
 * approval, and why a decision is refused, is decided here.
 */

/** Who clicked: `isApprover` comes from the approver directory (allow-list or user-group member). */
export interface Actor {
  userId: string;
  isApprover: boolean;
}

export interface DecisionPolicy {
  allowSelfApproval: boolean;
}

export type RefusalReason =
  | 'not_approver'
  | 'already_decided'
  | 'expired'
  | 'self_approval'
  /** The actor already approved this request; the next approval must come from someone else. */
  | 'duplicate_approval';

export type DecisionAction = 'approve' | 'reject';

export type ApprovalDecision = { permit: true } | { permit: false; reason: RefusalReason };

/**
 * May `actor` approve (or reject) `request` now? The one approval rule: the workflow asks it before the
 * conditional write (and again to explain a write that lost a race), App Home asks it to list what waits
 * for whom. A request that needs several approvers takes each person's approval once; any one approver's
 * rejection ends it (also one who approved before and changed their mind).
 */
export function decideApproval(
  request: Pick<RequestRecord, 'status' | 'requestedBy' | 'expiresAt'> & { approvedBy?: readonly string[] },
  actor: Actor,
  policy: DecisionPolicy,
  now: Date,
  action: DecisionAction = 'approve',
): ApprovalDecision {
  if (!actor.isApprover) return { permit: false, reason: 'not_approver' };
  if (request.status !== 'pending_approval') return { permit: false, reason: 'already_decided' };
  if (request.expiresAt && request.expiresAt.getTime() <= now.getTime()) {
    return { permit: false, reason: 'expired' };
  }
  if (request.requestedBy === actor.userId && !policy.allowSelfApproval) {
    return { permit: false, reason: 'self_approval' };
  }
  if (action === 'approve' && request.approvedBy?.includes(actor.userId)) {
    return { permit: false, reason: 'duplicate_approval' };
  }
  return { permit: true };
}

/** APPROVALS_NEEDED as parsed: distinct approvers per operation kind (absent → 1). */
export type ApprovalsNeeded = Readonly<Partial<Record<string, number>>>;

/** How many distinct approvers a request of `kind` needs. */
export function approvalsNeededFor(needed: ApprovalsNeeded | undefined, kind: string): number {
  return Math.max(1, needed?.[kind] ?? 1);
}

/** How many more approvals a pending request waits for (0 once it has them all). */
export function approvalsStillNeeded(request: Pick<RequestRecord, 'approvalsNeeded' | 'approvedBy'>): number {
  return Math.max(0, request.approvalsNeeded - request.approvedBy.length);
}
