import { isOperationKind, OPERATION_KINDS, type OperationKind } from './operation.js';

export const DEFAULT_APPROVAL_REQUIRED_FOR = 'provision,portin,portin-cancel,portout';

export interface ApprovalPolicyInput {
  /** Comma-separated operation kinds (APPROVAL_REQUIRED_FOR); `none` or blank → nothing needs approval. */
  approvalRequiredFor?: string | undefined;
  approverUserIds?: readonly string[] | undefined;
  allowSelfApproval?: boolean | undefined;
  ttlHours?: number | undefined;
}

export interface ApprovalPolicy {
  requiredFor: ReadonlySet<OperationKind>;
  approverUserIds: readonly string[];
  allowSelfApproval: boolean;
  ttlHours: number;
}

export class ApprovalPolicyError extends Error {
  override name = 'ApprovalPolicyError';
}

export function parseApprovalPolicy(input: ApprovalPolicyInput = {}): ApprovalPolicy {
  const list = (input.approvalRequiredFor ?? DEFAULT_APPROVAL_REQUIRED_FOR).trim();
  const requiredFor = new Set<OperationKind>();
  const unknown: string[] = [];
  if (list.toLowerCase() !== 'none') {
    for (const item of list.split(',')) {
      const kind = item.trim().toLowerCase();
      if (kind === '') continue;
      if (isOperationKind(kind)) requiredFor.add(kind);
      else unknown.push(item.trim());
    }
  }
  if (unknown.length > 0) {
    throw new ApprovalPolicyError(
      `APPROVAL_REQUIRED_FOR: unknown operation ${unknown.map((u) => `"${u}"`).join(', ')}; ` +
        `use a comma-separated list of ${OPERATION_KINDS.join(', ')} (or "none")`,
    );
  }
  const ttlHours = input.ttlHours ?? 24;
  if (!Number.isFinite(ttlHours) || ttlHours <= 0) {
    throw new ApprovalPolicyError(
      `APPROVAL_TTL_HOURS: must be a number of hours greater than 0 (got ${ttlHours})`,
    );
  }
  const approverUserIds = [...new Set((input.approverUserIds ?? []).map((id) => id.trim()).filter(Boolean))];
  return { requiredFor, approverUserIds, allowSelfApproval: input.allowSelfApproval ?? false, ttlHours };
}

export function needsApproval(policy: ApprovalPolicy, kind: OperationKind): boolean {
  return policy.requiredFor.has(kind);
}
