import type { DecisionRefusal } from '../requests/index.js';
import { approvalProgressLine, mentionList } from './approval-progress.js';
import { slackDate } from './blocks.js';

const STATUS_WORD: Record<string, string> = {
  approved: 'approved',
  executing: 'approved',
  succeeded: 'approved',
  failed: 'approved',
  unknown: 'approved',
  rejected: 'rejected',
  expired: 'expired',
  cancelled: 'withdrawn by the requester',
};

/** Why a click on Approve or Reject did nothing, in one sentence for the person who clicked. */
export function refusalText(refusal: DecisionRefusal, approvers: string): string {
  switch (refusal.status) {
    case 'not_found':
      return 'That request no longer exists.';
    case 'not_approver':
      return `Only approvers can decide requests (${approvers}). Your click was recorded in the audit log.`;
    case 'self_approval':
      return 'You cannot approve your own request: another approver has to. Your click was recorded in the audit log.';
    case 'expired':
      return 'This request has expired: ask the requester to submit it again.';
    case 'duplicate_approval': {
      const progress = approvalProgressLine(refusal.request);
      return `You already approved this request${progress ? ` (${progress})` : ''}: the next approval has to come from a different approver. Nothing more was done.`;
    }
    case 'already_decided': {
      const word = STATUS_WORD[refusal.request.status] ?? refusal.request.status;
      const several = word === 'approved' && refusal.request.approvedBy.length > 1;
      const by = several
        ? ` by ${mentionList(refusal.request.approvedBy)}`
        : refusal.decidedBy
          ? ` by <@${refusal.decidedBy}>`
          : '';
      const at = refusal.decidedAt ? ` ${slackDate(refusal.decidedAt)}` : '';
      return `Already ${word}${by}${at}. Nothing more was done.`;
    }
  }
}
