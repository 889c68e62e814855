import { describe, expect, it } from 'vitest';
import {
  type ApprovalDecision,
  approvalsNeededFor,
  approvalsStillNeeded,
  decideApproval,
} from '../../src/requests/state-machine.js';
import type { RequestStatus } from '../../src/store/request-lifecycle.js';

const NOW = new Date('2030-06-01T12:00:00Z');
const LATER = new Date('2030-06-02T12:00:00Z');
const EARLIER = new Date('2030-05-31T12:00:00Z');

const request = (status: RequestStatus = 'pending_approval', expiresAt: Date | null = LATER) => ({
  status,
  requestedBy: 'U_REQUESTER',
  expiresAt,
});
const approver = { userId: 'U_APPROVER', isApprover: true };
/** isApprover comes from the directory: a member of APPROVER_USERGROUP_ID looks like a listed approver. */
const groupMember = { userId: 'U_GROUP_MEMBER', isApprover: true };
const stranger = { userId: 'U_STRANGER', isApprover: false };
const requesterApprover = { userId: 'U_REQUESTER', isApprover: true };
const requesterOnly = { userId: 'U_REQUESTER', isApprover: false };
const strict = { allowSelfApproval: false };
const lenient = { allowSelfApproval: true };
const refuse = (reason: string): ApprovalDecision => ({ permit: false, reason }) as ApprovalDecision;

describe('decideApproval', () => {
  it.each([
    ['a listed approver, pending', request(), approver, strict, { permit: true }],
    ['a user-group member, pending', request(), groupMember, strict, { permit: true }],
    ['no expiry set', request('pending_approval', null), approver, strict, { permit: true }],
    ['not an approver', request(), stranger, strict, refuse('not_approver')],
    [
      'not an approver, even on a decided request',
      request('approved'),
      stranger,
      strict,
      refuse('not_approver'),
    ],
    ['the requester, self-approval off', request(), requesterApprover, strict, refuse('self_approval')],
    ['the requester, self-approval on', request(), requesterApprover, lenient, { permit: true }],
    [
      'the requester who is no approver, self-approval on',
      request(),
      requesterOnly,
      lenient,
      refuse('not_approver'),
    ],
    ['already approved', request('approved'), approver, strict, refuse('already_decided')],
    ['already executing', request('executing'), approver, strict, refuse('already_decided')],
    ['already rejected', request('rejected'), approver, strict, refuse('already_decided')],
    ['withdrawn', request('cancelled'), approver, strict, refuse('already_decided')],
    ['expired by the job', request('expired'), approver, strict, refuse('already_decided')],
    [
      'past its expiry, not yet expired by the job',
      request('pending_approval', EARLIER),
      approver,
      strict,
      refuse('expired'),
    ],
    ['expiring this very instant', request('pending_approval', NOW), approver, strict, refuse('expired')],
    [
      'past its expiry, self-approval case',
      request('pending_approval', EARLIER),
      requesterApprover,
      strict,
      refuse('expired'),
    ],
  ] as const)('%s', (_case, req, actor, policy, expected) => {
    expect(decideApproval(req, actor, policy, NOW)).toEqual(expected);
  });
});

describe('decideApproval with several approvers', () => {
  const halfApproved = { ...request(), approvedBy: ['U_APPROVER'] };
  it.each([
    [
      'a second, different approver',
      halfApproved,
      { userId: 'U_OTHER', isApprover: true },
      'approve',
      { permit: true },
    ],
    ['the first approver again', halfApproved, approver, 'approve', refuse('duplicate_approval')],
    ['the first approver rejecting (changed their mind)', halfApproved, approver, 'reject', { permit: true }],
    ['the requester, half approved', halfApproved, requesterApprover, 'approve', refuse('self_approval')],
    ['a stranger, half approved', halfApproved, stranger, 'approve', refuse('not_approver')],
    [
      'the first approver once it is decided',
      { ...halfApproved, status: 'approved' as const },
      approver,
      'approve',
      refuse('already_decided'),
    ],
    ['nobody yet', { ...request(), approvedBy: [] }, approver, 'approve', { permit: true }],
  ] as const)('%s', (_case, req, actor, action, expected) => {
    expect(decideApproval(req, actor, strict, NOW, action)).toEqual(expected);
  });

  it('counts what is still needed per kind', () => {
    expect(approvalsNeededFor({ portout: 2 }, 'portout')).toBe(2);
    expect(approvalsNeededFor({ portout: 2 }, 'provision')).toBe(1);
    expect(approvalsNeededFor(undefined, 'portout')).toBe(1);
    expect(approvalsStillNeeded({ approvalsNeeded: 2, approvedBy: ['U1'] })).toBe(1);
    expect(approvalsStillNeeded({ approvalsNeeded: 2, approvedBy: ['U1', 'U2'] })).toBe(0);
  });
});
