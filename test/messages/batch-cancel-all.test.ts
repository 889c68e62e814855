import { describe, expect, it } from 'vitest';
import { ACTION } from '../../src/messages/ids.js';
import { requestPicture } from '../../src/messages/request-picture.js';
import type { RequestItemRecord } from '../../src/store/request-items-repo.js';
import { NOW, orderRecord, requestRecord } from './fixtures.js';

const text = (value: unknown) => JSON.stringify(value);
const item = (n: number): RequestItemRecord =>
  ({
    requestId: 'req_1',
    item: n,
    status: 'done',
    result: { numbers: [`+1415555010${n}`] },
    error: null,
  }) as unknown as RequestItemRecord;

/** A batch's story offers Cancel all… while any of its port-ins is open, decided by the orders' traits. */
describe('Cancel all… on a batch story', () => {
  const request = requestRecord({
    status: 'succeeded',
    storyTs: '2.2',
    cardChannelId: 'C0APPROVALS',
    cardTs: '1.1',
  });
  const draw = (orders: ReturnType<typeof orderRecord>[]) =>
    text(
      requestPicture(
        { request, order: orders[0] ?? null, accountName: null, items: [item(0), item(1), item(2)], orders },
        { approvalsChannelId: 'C0APPROVALS', sandbox: false },
      ).story,
    );

  it('open port-ins: the button, with how many, valued by the request', () => {
    const story = draw([
      orderRecord({ orderId: 'JNUOID-a', kind: 'portin', status: 'Submitted' }),
      orderRecord({ orderId: 'JNUOID-b', kind: 'portin', status: 'Error' }),
      orderRecord({ orderId: 'JNUOID-c', kind: 'portin', status: 'Completed', closedAt: NOW }),
    ]);
    expect(story).toContain(ACTION.batchCancelAll);
    expect(story).toContain('Cancel all 2 open…');
    expect(story).toContain(`"value":"${request.id}"`);
  });

  it('every port-in finished, or orders that are not port-ins: no button', () => {
    expect(
      draw([
        orderRecord({ orderId: 'JNUOID-a', kind: 'portin', status: 'Completed', closedAt: NOW }),
        orderRecord({ orderId: 'JNUOID-b', kind: 'portin', status: 'Cancelled', closedAt: NOW }),
      ]),
    ).not.toContain(ACTION.batchCancelAll);
    expect(
      draw([
        orderRecord({ orderId: 'JNUOID-a', kind: 'provision', status: 'Pending' }),
        orderRecord({ orderId: 'JNUOID-b', kind: 'provision', status: 'Pending' }),
      ]),
    ).not.toContain(ACTION.batchCancelAll);
  });
});
