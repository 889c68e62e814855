import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, CALLBACK } from '../../src/messages/ids.js';
import { formatPhone } from '../../src/operations/glossary.js';
import { APPROVALS_CHANNEL, APPROVER, CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';
import { portInBatch } from './portin-batch-setup.js';

const SLOW = { timeout: 20_000 };
const CANCEL_PATH = '/v1.0/numbers/portin/cancel';
const NUMBERS = ['+14155550171', '+14155550172', '+14155550173'];

/**
 * Issue 26: Cancel all… on a batch's story → a form listing its open numbers → one request, approved once →
 * exactly one `portin/cancel` per open port-in (a finished one is left out, with why), however often Approve is
 * clicked.
 */
describe('Cancel all… of a port-in batch', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ now: 'sandbox' });
  }, 60_000);
  afterAll(() => e2e.close());

  const cancels = () =>
    e2e.sandbox.mutations().filter((m) => m.path.toLowerCase() === CANCEL_PATH && m.status === 200);
  const storyDraws = (ts: string) =>
    e2e.fake.calls.filter(
      (c) =>
        c.body.channel === CHANNEL &&
        ((c.method === 'chat.update' && c.body.ts === ts) ||
          (c.method === 'chat.postMessage' && c.response.ts === ts)),
    );
  const approve = (requestId: string) =>
    e2e.slack.blockAction({
      actionId: ACTION.approve,
      value: requestId,
      userId: APPROVER,
      channelId: APPROVALS_CHANNEL,
      messageTs: '1.1',
    });

  it('batch → Cancel all… → approve (double-clicked) → one cancel per open port-in, the finished one left out', async () => {
    const batch = await portInBatch(e2e, NUMBERS);
    // One number's port-in has finished: it is not cancelled, and the form says so.
    const [first, second, done] = batch.orderIds as [string, string, string];
    e2e.sandbox.forceOrderStatus(done, 'Completed');
    await e2e.store.orders.recordStatus(done, 'Completed', null, e2e.sandbox.clock.now(), true, {
      now: e2e.sandbox.clock.now(),
    });
    await e2e.ops.ctx.messages.sync(batch.requestId);
    // The story offers Cancel all… for the two still open.
    await expect
      .poll(() => textOf(storyDraws(batch.storyTs).at(-1)?.body), SLOW)
      .toContain('Cancel all 2 open…');
    expect(textOf(storyDraws(batch.storyTs).at(-1)?.body)).toContain(ACTION.batchCancelAll);

    await e2e.slack.blockAction({
      actionId: ACTION.batchCancelAll,
      value: batch.requestId,
      userId: REQUESTER,
      channelId: CHANNEL,
      messageTs: batch.storyTs,
      triggerId: 'cancel-all-trigger',
    });
    const form = await e2e.latestView((v) => v.callback_id === CALLBACK.portinCancelAll);
    const shown = textOf(form.view);
    expect(shown).toContain('2 open port-ins');
    expect(shown).toContain(formatPhone(NUMBERS[0]!));
    expect(shown).toContain(formatPhone(NUMBERS[1]!));
    expect(shown).toContain('Left out, already finished (1)');
    expect(shown).toContain('Cancelling is final');
    expect(cancels()).toHaveLength(0);

    const answer = await e2e.submit(form, { reason: 'ZD-27 customer stays with Verizon' });
    expect(answer.body).toMatchObject({ response_action: 'update' });
    let cancelId = '';
    await expect
      .poll(async () => {
        const filed = (await e2e.store.requests.listOpenByRequester(REQUESTER)).find(
          (r) => r.kind === 'portin-cancel',
        );
        cancelId = filed?.id ?? '';
        return filed?.status;
      }, SLOW)
      .toBe('pending_approval');
    const filed = (await e2e.store.requests.get(cancelId))!;
    expect(filed.input.orderIds).toEqual([first, second]);
    expect(filed.input.leftOut).toEqual([
      expect.objectContaining({ number: NUMBERS[2], reason: expect.stringContaining('already completed') }),
    ]);
    // The approver's card names what is cancelled and what is left out.
    await expect
      .poll(
        () =>
          e2e.fake
            .callsTo('chat.postMessage')
            .some(
              (c) =>
                c.body.channel === APPROVALS_CHANNEL &&
                textOf(c.body).includes(cancelId) &&
                textOf(c.body).includes('Left out (1)'),
            ),
        SLOW,
      )
      .toBe(true);
    expect(cancels()).toHaveLength(0); // nothing before the approval
    // While it waits, a cancel of one of its port-ins on its own would need a second approval: refused.
    const again = await e2e.ops.ctx.workflow.submit({
      kind: 'portin-cancel',
      raw: { orderId: second },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    expect(again.status).toBe('invalid');
    expect(textOf(again)).toContain('already requested');

    // Approve clicked twice at once, then once more: one run, one cancel per open port-in.
    await Promise.all([approve(cancelId), approve(cancelId)]);
    await expect.poll(async () => (await e2e.store.requests.get(cancelId))?.status, SLOW).toBe('succeeded');
    await approve(cancelId);
    expect(
      cancels()
        .map((m) => (m.body as { OrderId: string }).OrderId)
        .sort(),
    ).toEqual([first, second].sort());
    const items = await e2e.store.requestItems.list(cancelId);
    expect(items.map((i) => [i.status, i.attempts])).toEqual([
      ['done', 1],
      ['done', 1],
    ]);

    // The cancelled port-ins are read first; each cancellation is said in the batch's thread by number, and
    // the story no longer offers Cancel all….
    for (const orderId of [first, second]) {
      await expect.poll(async () => (await e2e.store.orders.get(orderId))?.recheckRequested, SLOW).toBe(true);
    }
    await e2e.ops.jobs.runPollerOnce();
    await e2e.ops.jobs.runOutboxOnce();
    for (const orderId of [first, second]) {
      expect((await e2e.store.orders.get(orderId))?.status).toMatch(/^Cancel/);
    }
    const inThread = e2e.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.body.thread_ts === batch.storyTs && textOf(c.body).includes('Cancelled'));
    expect(inThread).toHaveLength(1);
    expect(textOf(inThread[0]!.body)).toContain(`*${formatPhone(NUMBERS[0]!)}*`);
    expect(textOf(inThread[0]!.body)).toContain(`*${formatPhone(NUMBERS[1]!)}*`);
    await expect
      .poll(() => textOf(storyDraws(batch.storyTs).at(-1)?.body), SLOW)
      .not.toContain(ACTION.batchCancelAll);
    expect(cancels()).toHaveLength(2);
  }, 60_000);
});
