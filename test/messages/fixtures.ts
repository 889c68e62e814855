import type { OrderRecord } from '../../src/store/orders-repo.js';
import type { RequestRecord } from '../../src/store/requests-repo.js';

export const NOW = new Date('2026-03-04T15:00:00Z');
export const now = () => NOW;
export const HUGE = 'x'.repeat(10_000);
/** Everything Slack treats specially, many times over. */
export const NASTY = '<!channel> <@U1> & *bold* _it_ `code` > quote <https://evil|x> '.repeat(200);

export function requestRecord(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id: 'req_0123456789abcdef',
    kind: 'portin',
    status: 'pending_approval',
    input: { phoneNumber: '+18015551234' },
    hasSecrets: true,
    accountId: null,
    requestedBy: 'U0REQUESTER',
    channelId: 'C0CHANNEL',
    cardChannelId: null,
    cardTs: null,
    storyTs: null,
    approver: null,
    decidedAt: null,
    decisionReason: null,
    result: null,
    error: null,
    expiresAt: new Date('2026-03-05T15:00:00Z'),
    idempotencyKey: null,
    approvalsNeeded: 1,
    approvedBy: [],
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

export function orderRecord(overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    orderId: 'JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fed',
    kind: 'portin',
    numbers: ['+18015551234'],
    status: 'Submitted',
    statusMessage: null,
    channelId: 'C0CHANNEL',
    threadTs: '1700000000.000100',
    requestId: 'req_0123456789abcdef',
    requestedBy: 'U0REQUESTER',
    portInDate: '2026-03-10',
    accountId: null,
    customerName: null,
    accountName: null,
    requestReason: null,
    nextCheckAt: NOW,
    lastCheckedAt: null,
    pollWeight: 1,
    recheckRequested: false,
    leaseExpiresAt: null,
    createdAt: NOW,
    updatedAt: NOW,
    closedAt: null,
    ...overrides,
  };
}
