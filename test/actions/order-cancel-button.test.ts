import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderCancelButton } from '../../src/actions/order-cancel-button.js';
import { ACTION } from '../../src/messages/ids.js';
import type { ButtonArgs, ButtonOrMenuArgs } from '../../src/slack/listener-args.js';
import {
  APPROVALS_CHANNEL,
  buttonBody,
  CHANNEL,
  type ListenerWorld,
  REQUESTER,
  startListenerWorld,
} from '../support/listener-context.js';

/** Cancel port-in… called directly: a tracked, open port-in becomes a cancel request; anything else is refused. */
describe('orderCancelButton', () => {
  let w: ListenerWorld;
  beforeAll(async () => {
    w = await startListenerWorld();
  });
  afterAll(() => w?.close());

  const click = (orderId: string) => {
    const { body, action } = buttonBody(REQUESTER, ACTION.orderCancel, orderId);
    return orderCancelButton(w.ctx)({
      ack: w.ack,
      body,
      action,
      respond: w.respond,
    } as unknown as ButtonArgs);
  };
  async function track(orderId: string, kind: 'portin' | 'provision', closed = false) {
    const later = new Date(Date.now() + 3_600_000);
    await w.store.orders.insert({
      orderId,
      kind,
      numbers: ['+14155550142'],
      status: 'Pending',
      channelId: CHANNEL,
      requestedBy: REQUESTER,
      nextCheckAt: later,
    });
    if (closed) await w.store.orders.recordStatus(orderId, 'Completed', null, later, true);
  }
  const lastAnswer = () => JSON.stringify(w.responses.at(-1));

  it('an open port-in: a cancel request waits for approval, with a card in the approvals channel', async () => {
    await track('JNUOID-cancel-open', 'portin');
    const since = w.fake.calls.length;
    await click('JNUOID-cancel-open');
    expect(w.acks.at(-1)).toBeNull();
    expect(lastAnswer()).toContain('Cancel of JNUOID-cancel-open sent for approval');
    const card = w.callsSince(since, 'chat.postMessage').find((c) => c.body.channel === APPROVALS_CHANNEL);
    expect(JSON.stringify(card?.body.blocks)).toContain('Port-in cancel');
    expect(w.sandbox.mutations().filter((m) => /cancel/i.test(m.path))).toEqual([]);
  });

  it('the same from the order\'s "⋯" menu (the option carries the OrderId)', async () => {
    await track('JNUOID-cancel-menu', 'portin');
    const { body } = buttonBody(REQUESTER, ACTION.orderCancel, 'JNUOID-cancel-menu');
    const action = {
      type: 'overflow',
      action_id: ACTION.orderCancel,
      block_id: 'b',
      action_ts: '1.1',
      selected_option: { text: { type: 'plain_text', text: 'Cancel port-in…' }, value: 'JNUOID-cancel-menu' },
    };
    await orderCancelButton(w.ctx)({
      ack: w.ack,
      body: { ...body, actions: [action] },
      action,
      respond: w.respond,
    } as unknown as ButtonOrMenuArgs);
    expect(lastAnswer()).toContain('Cancel of JNUOID-cancel-menu sent for approval');
  });

  it('refuses a provision order, a finished port-in and an order nobody tracks, sending nothing', async () => {
    await track('JNOID-cancel-provision', 'provision');
    await track('JNUOID-cancel-done', 'portin', true);
    const requests = (await w.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM requests'))
      .rows[0];
    await click('JNOID-cancel-provision');
    expect(lastAnswer()).toContain('is not a port-in started from Telegent Ops');
    await click('JNUOID-cancel-done');
    expect(lastAnswer()).toContain('is already Completed: a finished port-in cannot be cancelled');
    await click('JNUOID-nobody-knows');
    expect(lastAnswer()).toContain('is not a port-in started from Telegent Ops');
    expect(
      (await w.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM requests')).rows[0],
    ).toEqual(requests);
  });
});
