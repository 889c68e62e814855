import { type ApprovalPolicy, DEFAULT_APPROVAL_REQUIRED_FOR } from '../../src/config.js';
import type { OperationKind } from '../../src/operations/operation.js';

/** The approval policy config.ts builds from the defaults, with `overrides`. */
export function approvalPolicy(overrides: Partial<ApprovalPolicy> = {}): ApprovalPolicy {
  return {
    requiredFor: DEFAULT_APPROVAL_REQUIRED_FOR.split(',') as OperationKind[],
    allowSelfApproval: false,
    ttlHours: 24,
    ...overrides,
  };
}
