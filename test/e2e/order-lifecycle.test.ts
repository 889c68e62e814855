import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTIN_BAD_ACCOUNT_NUMBER, PORTIN_REJECTED_ACCOUNT_NUMBER } from '../../src/sandbox/magic.js';
import { APPROVER, CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

const PORTIN = {
  phoneNumber: '+13855550123',
  currentCarrierName: 'Verizon',
  billingAddress: { street1: '9 Center St', city: 'Provo', state: 'UT', zip: '84601' },
  currentAccountPassword: 'Lifecycle-Pass-5',
  assignedSubscriberId: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
};

describe('a port-in from Slack, watched to the end by the poller and posted in its thread', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ now: 'sandbox' });
  });
  afterAll(() => e2e.close());

  const sweep = async (minutes: number) => {
    e2e.sandbox.clock.advance(minutes * 60);
    await e2e.ops.jobs.runPollerOnce();
    await e2e.ops.jobs.runOutboxOnce();
  };
  /**
   * A change made from Slack is executed after the ack, and only then is the order scheduled for a check
   * (due now): wait for that, without moving the clock, then sweep once and expect `status`.
   */
  const checkOnceDue = async (orderId: string, status: string) => {
    await expect
      .poll(
        async () =>
          (await e2e.store.orders.get(orderId))!.nextCheckAt.getTime() <= e2e.sandbox.clock.now().getTime(),
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    await sweep(0);
    expect((await e2e.store.orders.get(orderId))?.status).toBe(status);
  };

  it('8A error → explanation and the fixing command in the thread → update from Slack → Completed, requester told', async () => {
    const submitted = await e2e.ops.ctx.workflow.submit({
      kind: 'portin',
      raw: { ...PORTIN, currentAccountNumber: PORTIN_BAD_ACCOUNT_NUMBER },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (submitted.status !== 'pending_approval') throw new Error(submitted.status);
    await e2e.slack.blockAction({
      actionId: 'request.approve',
      value: submitted.request.id,
      userId: APPROVER,
      channelId: CHANNEL,
      messageTs: '1.1',
    });
    await expect
      .poll(async () => (await e2e.store.orders.listOpenByChannel(CHANNEL))[0]?.threadTs)
      .toBeTruthy();
    const order = (await e2e.store.orders.listOpenByChannel(CHANNEL))[0]!;
    const thread = () =>
      e2e.fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === order.threadTs);

    await sweep(6); // Pending → Submitted
    await sweep(60); // → Error 8A
    await expect.poll(() => thread().some((c) => textOf(c.body).includes('8A'))).toBe(true);
    const errorPost = textOf(thread().find((c) => textOf(c.body).includes('8A'))!.body);
    // The Fix… button is in the post: the next step points at it instead of a command with the full id.
    expect(errorPost).toContain('*Fix…* below opens the form with what to correct');
    expect(errorPost).not.toContain('/telegent portin update');
    expect(
      e2e.fake
        .callsTo('chat.update')
        .some((c) => c.body.ts === order.threadTs && textOf(c.body).includes('Carrier error')),
    ).toBe(true);

    // One click from the bad news to the fix: Fix… on the thread post opens the update form, the field the
    // carrier code names is marked and nothing secret is pre-filled.
    const errorMessage = thread().find((c) => textOf(c.body).includes('8A'))!;
    expect(textOf(errorMessage.body)).toContain('Fix…');
    await e2e.slack.blockAction({
      actionId: 'order.update',
      value: order.orderId,
      userId: REQUESTER,
      channelId: CHANNEL,
      messageTs: String(errorMessage.response.ts),
    });
    const fixForm = await e2e.latestView(
      (v) => v.callback_id === 'telegent.portin-update' && textOf(v).includes('Carrier code 8A'),
    );
    const accountNumber = (fixForm.view.blocks as Array<{ block_id?: string; hint?: { text: string } }>).find(
      (b) => b.block_id === 'currentAccountNumber',
    );
    expect(accountNumber?.hint?.text).toMatch(/The carrier objected to this/);
    expect(textOf(fixForm.view).match(/8A/g)).toHaveLength(1); // explained once, at the top
    expect(textOf(fixForm.view)).not.toContain(PORTIN.currentAccountPassword);

    // The fix goes through the update form (no approval needed for updates by default).
    await e2e.command(`portin update ${order.orderId}`);
    const form = await e2e.latestView(
      (v) => v.callback_id === 'telegent.portin-update' && !textOf(v).includes('Fix…'),
    );
    expect(textOf(form.view)).not.toContain(PORTIN.currentAccountPassword);
    const response = await e2e.submit(form, { currentAccountNumber: '44556677' });
    expect(response.body).toMatchObject({ response_action: 'update' });
    await expect
      .poll(
        () =>
          e2e.sandbox.mutations().filter((m) => m.path.toLowerCase() === '/v1.0/numbers/portin/update')
            .length,
      )
      .toBe(1);

    for (const minutes of [1, 6, 60, 24 * 60, 2 * 24 * 60]) await sweep(minutes);
    await expect.poll(async () => (await e2e.store.orders.get(order.orderId))?.status).toMatch(/^Complete/);
    expect((await e2e.store.orders.get(order.orderId))?.closedAt).toBeTruthy();
    const statuses = (await e2e.store.orderEvents.listEvents(order.orderId)).map((event) => event.status);
    expect(statuses).toEqual(
      expect.arrayContaining(['Submitted', 'Error', 'Pending', 'Scheduled', 'Completed']),
    );
    // Exactly one post per change in the thread.
    const posts = thread().map((c) => textOf(c.body));
    for (const status of ['Submitted', 'Scheduled', 'Completed']) {
      expect(
        posts.filter((p) => p.includes(`*${status}*`) || p.includes(` ${status}`)).length,
        status,
      ).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(posts).size).toBe(posts.length);
    // The requester hears about the end in a DM.
    await expect
      .poll(() =>
        e2e.fake
          .callsTo('chat.postMessage')
          .some((c) => c.body.channel === `D${REQUESTER}` && textOf(c.body).includes(') is complete.')),
      )
      .toBe(true);
  });

  it('Rejected stays open: Cancel… → approval → one cancel at Telegent → Cancelled in the thread → a fresh port-in of the number', async () => {
    const number = '+13855550456';
    const submitted = await e2e.ops.ctx.workflow.submit({
      kind: 'portin',
      raw: { ...PORTIN, phoneNumber: number, currentAccountNumber: PORTIN_REJECTED_ACCOUNT_NUMBER },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (submitted.status !== 'pending_approval') throw new Error(submitted.status);
    await e2e.slack.blockAction({
      actionId: 'request.approve',
      value: submitted.request.id,
      userId: APPROVER,
      channelId: CHANNEL,
      messageTs: '1.1',
    });
    const tracked = async () =>
      (await e2e.store.orders.listOpenByChannel(CHANNEL)).find((o) => o.numbers.includes(number));
    await expect.poll(async () => (await tracked())?.threadTs).toBeTruthy();
    const order = (await tracked())!;
    const thread = () =>
      e2e.fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === order.threadTs);
    await sweep(6);
    await sweep(60);
    await expect.poll(async () => (await e2e.store.orders.get(order.orderId))?.status).toBe('Rejected');
    // Not final: still open, still watched, and the thread says how to fix or cancel it.
    expect((await e2e.store.orders.get(order.orderId))?.closedAt).toBeNull();
    await expect.poll(() => thread().some((c) => textOf(c.body).includes('Rejected'))).toBe(true);
    const rejectedPost = textOf(thread().find((c) => textOf(c.body).includes('Rejected'))!.body);
    expect(rejectedPost).toContain(
      '*Fix…* below opens the form with what to correct, or cancel it from the ⋯ menu',
    );
    expect(rejectedPost).not.toContain('/telegent portin');

    // Cancel port-in… from Slack: its form (final, with a reason), approval, then exactly one cancel reaches Telegent.
    await e2e.slack.blockAction({
      actionId: 'order.cancel',
      value: order.orderId,
      userId: REQUESTER,
      channelId: CHANNEL,
      messageTs: order.threadTs!,
    });
    const cancelForm = await e2e.latestView(
      (v) => v.callback_id === 'telegent.portin-cancel' && textOf(v).includes('(385) 555-0456'),
    );
    await e2e.submit(cancelForm, { reason: 'ZD-612 customer keeps the old carrier' });
    await expect
      .poll(async () =>
        (await e2e.store.requests.listOpenByRequester(REQUESTER)).find(
          (r) => r.kind === 'portin-cancel' && r.input.orderId === order.orderId,
        ),
      )
      .toBeDefined();
    const cancel = (await e2e.store.requests.listOpenByRequester(REQUESTER)).find(
      (r) => r.kind === 'portin-cancel' && r.input.orderId === order.orderId,
    )!;
    await e2e.slack.blockAction({
      actionId: 'request.approve',
      value: cancel.id,
      userId: APPROVER,
      channelId: CHANNEL,
      messageTs: '1.2',
    });
    const cancels = () =>
      e2e.sandbox.mutations().filter((m) => m.path.toLowerCase() === '/v1.0/numbers/portin/cancel');
    await expect.poll(() => cancels().length).toBe(1);
    await checkOnceDue(order.orderId, 'Cancelled');
    await expect.poll(() => thread().some((c) => textOf(c.body).includes('Cancelled'))).toBe(true);
    expect(cancels()).toHaveLength(1);

    // The number is free again: a fresh port-in is accepted by Telegent.
    const again = await e2e.ops.ctx.workflow.submit({
      kind: 'portin',
      raw: { ...PORTIN, phoneNumber: number, currentAccountNumber: '55667788' },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (again.status !== 'pending_approval') throw new Error(again.status);
    const approved = await e2e.ops.ctx.workflow.approve(again.request.id, APPROVER);
    expect(approved).toMatchObject({ status: 'approved', execution: { status: 'succeeded' } });
  });

  it('Rejected → Fix… → the update form pre-filled (no secrets) → one portin/update → Pending in the thread', async () => {
    const number = '+13855550789';
    const submitted = await e2e.ops.ctx.workflow.submit({
      kind: 'portin',
      raw: { ...PORTIN, phoneNumber: number, currentAccountNumber: PORTIN_REJECTED_ACCOUNT_NUMBER },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (submitted.status !== 'pending_approval') throw new Error(submitted.status);
    await e2e.ops.ctx.workflow.approve(submitted.request.id, APPROVER);
    const tracked = async () =>
      (await e2e.store.orders.listOpenByChannel(CHANNEL)).find((o) => o.numbers.includes(number));
    await expect.poll(async () => (await tracked())?.orderId).toBeTruthy();
    const order = (await tracked())!;
    await sweep(6);
    await sweep(60);
    await expect.poll(async () => (await e2e.store.orders.get(order.orderId))?.status).toBe('Rejected');
    // Accepted updates (a 401 for a token the advanced clock expired is refused, refreshed and retried once).
    const updates = () =>
      e2e.sandbox
        .mutations()
        .filter((m) => m.path.toLowerCase() === '/v1.0/numbers/portin/update' && m.status === 200);
    const before = updates().length;

    await e2e.slack.blockAction({
      actionId: 'order.update',
      value: order.orderId,
      userId: REQUESTER,
      channelId: CHANNEL,
      messageTs: '1.3',
    });
    const form = await e2e.latestView(
      (v) => v.callback_id === 'telegent.portin-update' && textOf(v).includes(order.orderId),
    );
    expect(textOf(form.view)).toContain('Provo'); // pre-filled from what we stored
    expect(textOf(form.view)).not.toContain(PORTIN.currentAccountPassword);
    expect(textOf(form.view)).not.toContain(PORTIN_REJECTED_ACCOUNT_NUMBER);
    const response = await e2e.submit(form, { currentAccountNumber: '55443322' });
    expect(response.body).toMatchObject({ response_action: 'update' });
    await expect.poll(() => updates().length).toBe(before + 1);
    await checkOnceDue(order.orderId, 'Pending');
  });
});
