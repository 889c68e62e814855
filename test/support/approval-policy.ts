import type { ApprovalPolicy } from '../../src/config.js';
import { DEFAULT_APPROVAL_REQUIRED_FOR } from '../../src/operations/registry.js';

/** The approval policy config.ts builds from the defaults, with `overrides`. */
export function approvalPolicy(overrides: Partial<ApprovalPolicy> = {}): ApprovalPolicy {
  return {
    requiredFor: DEFAULT_APPROVAL_REQUIRED_FOR,
    allowSelfApproval: false,
    ttlHours: 24,
    ...overrides,
  };
}
