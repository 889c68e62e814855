import type { RequestRecord } from '../store/requests-repo.js';
import { mention } from './blocks.js';

/** "<@U1>", "<@U1> and <@U2>", "<@U1>, <@U2> and <@U3>". */
export function mentionList(userIds: readonly string[]): string {
  const named = userIds.map(mention);
  return named.length <= 1 ? (named[0] ?? '') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

/**
 * Where a request that needs several approvers stands: "1 of 2 approved by <@U1>", or "Needs 2 different
 * approvers" before the first. Null for a request one approver decides.
 */
export function approvalProgressLine(
  request: Pick<RequestRecord, 'approvalsNeeded' | 'approvedBy'>,
): string | null {
  if (request.approvalsNeeded <= 1) return null;
  const got = request.approvedBy.length;
  if (got === 0) return `Needs ${request.approvalsNeeded} different approvers`;
  return `${got} of ${request.approvalsNeeded} approved by ${mentionList(request.approvedBy)}`;
}
