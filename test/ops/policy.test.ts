import { describe, expect, it } from 'vitest';
import { ApprovalPolicyError, needsApproval, parseApprovalPolicy } from '../../src/ops/index.js';

describe('approval policy', () => {
  it('defaults to provision, portin, portin-cancel and portout', () => {
    const policy = parseApprovalPolicy({});
    expect([...policy.requiredFor].sort()).toEqual(['portin', 'portin-cancel', 'portout', 'provision']);
    expect(needsApproval(policy, 'portout')).toBe(true);
    expect(needsApproval(policy, 'limits')).toBe(false);
    expect(needsApproval(policy, 'portin-update')).toBe(false);
    expect(policy).toMatchObject({ approverUserIds: [], allowSelfApproval: false, ttlHours: 24 });
  });

  it('parses a custom list with spaces and casing, and de-duplicates approvers', () => {
    const policy = parseApprovalPolicy({
      approvalRequiredFor: ' Limits , portin-update,,',
      approverUserIds: ['U1', ' U2 ', 'U1', ''],
      allowSelfApproval: true,
      ttlHours: 4,
    });
    expect([...policy.requiredFor].sort()).toEqual(['limits', 'portin-update']);
    expect(needsApproval(policy, 'provision')).toBe(false);
    expect(policy).toMatchObject({ approverUserIds: ['U1', 'U2'], allowSelfApproval: true, ttlHours: 4 });
  });

  it('"none" and a blank list need no approval', () => {
    expect(parseApprovalPolicy({ approvalRequiredFor: 'none' }).requiredFor.size).toBe(0);
    expect(parseApprovalPolicy({ approvalRequiredFor: ' ' }).requiredFor.size).toBe(0);
  });

  it('names unknown kinds and lists the valid ones', () => {
    expect(() => parseApprovalPolicy({ approvalRequiredFor: 'provision,port-out,delete' })).toThrow(
      ApprovalPolicyError,
    );
    expect(() => parseApprovalPolicy({ approvalRequiredFor: 'provision,port-out,delete' })).toThrow(
      /unknown operation "port-out", "delete"; use a comma-separated list of search, provision, .*portout.*\(or "none"\)/,
    );
  });

  it('refuses a non-positive TTL', () => {
    expect(() => parseApprovalPolicy({ ttlHours: 0 })).toThrow(/APPROVAL_TTL_HOURS/);
    expect(() => parseApprovalPolicy({ ttlHours: Number.NaN })).toThrow(/APPROVAL_TTL_HOURS/);
  });
});
