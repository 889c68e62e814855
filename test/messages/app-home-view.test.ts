import { describe, expect, it } from 'vitest';
import { appHomeView } from '../../src/messages/app-home-view.js';
import { ACTION } from '../../src/messages/ids.js';
import { HUGE, NOW, orderRecord, requestRecord } from './fixtures.js';
import { assertWithinSlackLimits } from './slack-limits.js';

// biome-ignore lint/suspicious/noExplicitAny: digging into Block Kit JSON
type J = any;
const actionIds = (blocks: J[]) =>
  blocks
    .flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])])
    .map((e: J) => e.action_id);

describe('appHomeView', () => {
  it('shows requests waiting for me with Approve/Reject, my requests, and orders with status/update/cancel', () => {
    const view = appHomeView({
      userId: 'U0ME',
      now: NOW,
      myRequests: [requestRecord({ requestedBy: 'U0ME', kind: 'provision', input: {} })],
      waitingForMe: [
        requestRecord({ id: 'req_w', kind: 'portout', input: { phoneNumber: '+18015551234', pin: '••••' } }),
      ],
      openOrders: [orderRecord(), orderRecord({ orderId: 'JNUOID-2', kind: 'provision' })],
      sandbox: true,
    });
    assertWithinSlackLimits(view);
    expect(view.type).toBe('home');
    const ids = actionIds(view.blocks);
    expect(ids.filter((id) => id === ACTION.approve)).toHaveLength(1);
    expect(ids.filter((id) => id === ACTION.reject)).toHaveLength(1);
    expect(ids.filter((id) => id === ACTION.orderStatus)).toHaveLength(2);
    expect(ids.filter((id) => id === ACTION.orderUpdate)).toHaveLength(1);
    expect(ids.filter((id) => id === ACTION.orderCancel)).toHaveLength(1);
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('Waiting for your approval');
    expect(json).toContain('SANDBOX');
    expect(json).toContain('Issue a port-out PIN for (801) 555-1234');
    // The confirm names the number (and the customer when the request has one).
    expect(json).toContain('Issue a port-out PIN for (801) 555-1234?');
  });

  it('lists the numbers with open requests or orders, with what is open on each', () => {
    const view = appHomeView({
      userId: 'U0ME',
      now: NOW,
      myRequests: [
        requestRecord({ kind: 'park', status: 'pending_approval', input: { phoneNumber: '+18015550107' } }),
        requestRecord({
          kind: 'limits',
          status: 'approved',
          input: { numbers: ['+18015550107', '+18015550108'] },
        }),
      ],
      waitingForMe: null,
      openOrders: [orderRecord({ kind: 'portout', numbers: ['+18015550108'], status: 'Pending' })],
    });
    assertWithinSlackLimits(view);
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('Numbers with open requests or orders* (2)');
    expect(json).toContain(
      '*(801) 555-0107*: Park line (waiting for approval), Data limits (approved, about to run)',
    );
    expect(json).toContain(
      '*(801) 555-0108*: Data limits (approved, about to run), Port-out order (Pending)',
    );
  });

  it('has no approvals section for non-approvers', () => {
    const view = appHomeView({
      userId: 'U0ME',
      now: NOW,
      myRequests: [],
      waitingForMe: null,
      openOrders: [],
    });
    assertWithinSlackLimits(view);
    expect(JSON.stringify(view.blocks)).not.toContain('Waiting for your approval');
    // The heading says what it lists; "in your channels" promised orders it does not list.
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('*Your open orders* (0)');
    expect(json).toContain('None. Orders you asked for');
    expect(json).toContain('`/telegent orders` in a channel lists all of its open orders');
    expect(json).not.toContain('Open orders in your channels');
  });

  it('stays within 100 blocks with hundreds of everything, and says how many are hidden', () => {
    const many = (n: number, over: J = {}) =>
      Array.from({ length: n }, (_, i) => requestRecord({ id: `req_${i}`, ...over }));
    const view = appHomeView({
      userId: 'U0ME',
      now: NOW,
      myRequests: many(300, { kind: 'portin', input: { phoneNumber: HUGE } }),
      waitingForMe: many(300, { kind: 'portin-cancel', input: { orderId: HUGE } }),
      openOrders: Array.from({ length: 500 }, (_, i) =>
        orderRecord({ orderId: `JNUOID-${i}`, statusMessage: HUGE }),
      ),
      sandbox: true,
    });
    assertWithinSlackLimits(view);
    const json = JSON.stringify(view.blocks);
    expect(json).toMatch(/more request\(s\) waiting not shown/);
    expect(json).toMatch(/more request\(s\) not shown/);
    expect(json).toMatch(/more order\(s\) not shown/);
  });
});
