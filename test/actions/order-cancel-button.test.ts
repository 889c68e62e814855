import type { ModalView } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderCancelButton } from '../../src/actions/order-cancel-button.js';
import { ACTION, CALLBACK } from '../../src/messages/ids.js';
import type { ButtonOrMenuArgs, ViewSubmissionArgs } from '../../src/slack/listener-args.js';
import { requestFormSubmission } from '../../src/views/submissions/request-form-submission.js';
import { REQUEST_FORMS } from '../../src/views/submissions/request-forms.js';
import { fillView, inputIds } from '../support/fill-view.js';
import {
  APPROVALS_CHANNEL,
  buttonBody,
  CHANNEL,
  type ListenerWorld,
  REQUESTER,
  startListenerWorld,
} from '../support/listener-context.js';

/**
 * Cancel port-in… called directly: a tracked, open port-in opens the cancel form at once (which port-in, that it
 * is final, the required reason), and submitting it files the cancel through the normal request-form path;
 * anything else is refused without a form.
 */
describe('orderCancelButton and the cancel form', () => {
  let w: ListenerWorld;
  beforeAll(async () => {
    w = await startListenerWorld();
  });
  afterAll(() => w?.close());

  /** Clicks Cancel port-in… in the order's "⋯" menu (the option carries the OrderId), or an older button. */
  const click = (orderId: string, as: 'menu' | 'button' = 'menu') => {
    const { body, action: button } = buttonBody(REQUESTER, ACTION.orderCancel, orderId);
    const action =
      as === 'button'
        ? button
        : {
            type: 'overflow',
            action_id: ACTION.orderCancel,
            block_id: 'b',
            action_ts: '1.1',
            selected_option: { text: { type: 'plain_text', text: 'Cancel port-in…' }, value: orderId },
          };
    return orderCancelButton(w.ctx)({
      ack: w.ack,
      body: { ...body, actions: [action] },
      action,
      client: w.client,
      respond: w.respond,
    } as unknown as ButtonOrMenuArgs);
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
  const countRequests = async () =>
    (await w.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM requests')).rows[0]!.n;
  const lastAnswer = () => JSON.stringify(w.responses.at(-1));
  /** The form the last click opened, as Slack would hand it back on submit. */
  const openedForm = (since: number) => {
    const opened = w.callsSince(since, 'views.open');
    expect(opened).toHaveLength(1);
    return { view: opened[0]!.body.view as ModalView, viewId: String(opened[0]!.response.view?.id) };
  };
  const submit = (form: { view: ModalView; viewId: string }, reason: string) => {
    const body = {
      type: 'view_submission',
      user: { id: REQUESTER },
      view: {
        ...form.view,
        id: form.viewId,
        state: { values: fillView(form.view, { reason }) },
        private_metadata: form.view.private_metadata,
      },
    };
    const cancelForm = REQUEST_FORMS.find((f) => f.callbackId === CALLBACK.form('portin-cancel'))!;
    return requestFormSubmission(
      w.ctx,
      cancelForm,
    )({ ack: w.ack, body, view: body.view, client: w.client } as unknown as ViewSubmissionArgs);
  };

  it('an open port-in: the click opens the cancel form at once (number, order, final, reason) and files nothing', async () => {
    await track('JNUOID-8c1f0d2a-5a7d-4e57-a0c4-6d2e9f1b7a35', 'portin');
    const requests = await countRequests();
    const since = w.fake.calls.length;
    await click('JNUOID-8c1f0d2a-5a7d-4e57-a0c4-6d2e9f1b7a35');
    expect(w.acks.at(-1)).toBeNull();
    const { view } = openedForm(since);
    expect(w.callsSince(since, 'views.open')[0]!.body.trigger_id).toMatch(/^trigger-/);
    expect(view.callback_id).toBe(CALLBACK.form('portin-cancel'));
    expect(view.title.text).toBe('Cancel port-in');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('(415) 555-0142');
    expect(text).toContain('JNUOID-8c1f0d2a…');
    expect(text).toMatch(/final/);
    expect(inputIds(view)).toEqual(['reason']);
    expect(JSON.parse(view.private_metadata!)).toEqual({
      channelId: CHANNEL,
      orderId: 'JNUOID-8c1f0d2a-5a7d-4e57-a0c4-6d2e9f1b7a35',
    });
    expect(await countRequests()).toBe(requests);
    expect(w.sandbox.mutations().filter((m) => /cancel/i.test(m.path))).toEqual([]);
  });

  it('submitted: a reason is required; then the cancel waits for approval with its card, once per form', async () => {
    await track('JNUOID-cancel-form', 'portin');
    const since = w.fake.calls.length;
    await click('JNUOID-cancel-form', 'button');
    const form = openedForm(since);

    const requests = await countRequests();
    await submit(form, '');
    const refused = w.acks.at(-1) as { response_action: string; errors: Record<string, string> };
    expect(refused.response_action).toBe('errors');
    expect(Object.keys(refused.errors)).toEqual(['reason']);
    expect(await countRequests()).toBe(requests);

    await submit(form, 'ZD-880 customer is staying with Verizon');
    expect(w.acks.at(-1)).toMatchObject({ response_action: 'update' });
    const filed = (await w.store.requests.listOpenByRequester(REQUESTER)).filter(
      (r) => r.kind === 'portin-cancel',
    );
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({
      status: 'pending_approval',
      channelId: CHANNEL,
      input: { orderId: 'JNUOID-cancel-form', requestReason: 'ZD-880 customer is staying with Verizon' },
    });
    const card = w.callsSince(since, 'chat.postMessage').find((c) => c.body.channel === APPROVALS_CHANNEL);
    expect(JSON.stringify(card?.body.blocks)).toContain('ZD-880 customer is staying with Verizon');
    const reply = w
      .callsSince(since, 'views.update')
      .find(
        (c) => c.body.view_id === form.viewId && JSON.stringify(c.body.view).includes('Sent for approval'),
      );
    expect(reply).toBeDefined();

    // The same form submitted again (a double click, a redelivery) files nothing new.
    await submit(form, 'ZD-880 customer is staying with Verizon');
    expect(
      (await w.store.requests.listOpenByRequester(REQUESTER)).filter((r) => r.kind === 'portin-cancel'),
    ).toHaveLength(1);
    expect(w.sandbox.mutations().filter((m) => /cancel/i.test(m.path))).toEqual([]);
  });

  it('a second cancel of the same port-in, from another form, is refused while the first waits', async () => {
    await track('JNUOID-cancel-twice', 'portin');
    const first = w.fake.calls.length;
    await click('JNUOID-cancel-twice');
    await submit(openedForm(first), 'ZD-881 customer is staying');
    const second = w.fake.calls.length;
    await click('JNUOID-cancel-twice');
    const form = openedForm(second);
    await submit(form, 'ZD-882 same customer, asked again');
    // Checked against the store after the ack: the working view becomes the refusal.
    const told = w
      .callsSince(second, 'views.update')
      .filter((c) => c.body.view_id === form.viewId)
      .map((c) => JSON.stringify(c.body.view));
    expect(told.join(' ')).toContain('was already requested');
    const open = await w.store.requests.listOpenForOrder('JNUOID-cancel-twice');
    expect(open.map((r) => r.input.requestReason)).toEqual(['ZD-881 customer is staying']);
  });

  it('refuses a provision order, a finished port-in and an order nobody tracks, opening no form', async () => {
    await track('JNOID-cancel-provision', 'provision');
    await track('JNUOID-cancel-done', 'portin', true);
    const requests = await countRequests();
    const since = w.fake.calls.length;
    await click('JNOID-cancel-provision');
    expect(lastAnswer()).toContain('is not a port-in started from Telegent Ops');
    await click('JNUOID-cancel-done');
    expect(lastAnswer()).toContain('is already completed: a finished port-in cannot be cancelled');
    await click('JNUOID-nobody-knows');
    expect(lastAnswer()).toContain('is not a port-in started from Telegent Ops');
    expect(w.callsSince(since, 'views.open')).toEqual([]);
    expect(await countRequests()).toBe(requests);
  });
});
