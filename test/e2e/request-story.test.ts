import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APPROVAL_REQUIRED_FOR } from '../../src/operations/registry.js';
import {
  SEED_MESSAGE_ROUTE_IDS,
  SEED_NUMBERS,
  SEED_SUBSCRIBER_IDS,
  SEED_USAGE_NUMBERS,
} from '../../src/sandbox/seed.js';
import type { FakeSlackCall } from '../support/fake-slack.js';
import { APPROVALS_CHANNEL, APPROVER, CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

/** The machine is shared: give the app's asynchronous work (after the ack) time under load. */
const SLOW = { timeout: 15_000 };

const PROVISION_FILL = {
  productType: 'Sms+Data',
  messageRouteId: SEED_MESSAGE_ROUTE_IDS[0]!,
  assignedSubscriberId: SEED_SUBSCRIBER_IDS[2]!,
};

/** Messages posted at the top level of `channel` (not in a thread) that Slack took, from call `since` on. */
function topLevel(e2e: E2E, channel: string, since = 0): FakeSlackCall[] {
  return e2e.fake.calls
    .slice(since)
    .filter(
      (c) =>
        c.method === 'chat.postMessage' && c.body.channel === channel && !c.body.thread_ts && c.response.ok,
    );
}
const inThread = (e2e: E2E, ts: string) =>
  e2e.fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === ts && c.response.ok);
/** How often `pattern` was posted in the thread of `ts`, once it was and the app had time to post it again. */
async function toldOnce(e2e: E2E, ts: string, pattern: RegExp): Promise<number> {
  const count = () => inThread(e2e, ts).filter((c) => pattern.test(textOf(c.body))).length;
  await expect.poll(count, SLOW).toBeGreaterThan(0);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return count();
}
const edits = (e2e: E2E, ts: string) => e2e.fake.callsTo('chat.update').filter((c) => c.body.ts === ts);
const eventType = (call: FakeSlackCall) =>
  (call.body.metadata as { event_type?: string } | undefined)?.event_type;
const requestIdOf = (card: FakeSlackCall) =>
  JSON.stringify(card.body.blocks).match(/"action_id":"request\.approve".*?"value":"(req_[a-z0-9]+)"/)?.[1] ??
  '';

/**
 * Without APPROVALS_CHANNEL_ID the approval card is posted in the requester's channel: it is the request's one
 * message there, from "waiting" to done (an order's root, with the history in its thread), never followed by
 * a second top-level post.
 */
describe("the request's one message without an approvals channel", () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({
      now: 'sandbox',
      // Data limits need approval here too, so a request without an order goes through the card as well.
      approvals: { channelId: undefined, requiredFor: [...DEFAULT_APPROVAL_REQUIRED_FOR, 'limits'] },
    });
  }, 60_000);
  afterAll(() => e2e.close());

  const approveOnCard = (card: FakeSlackCall) =>
    e2e.slack.blockAction({
      actionId: 'request.approve',
      value: requestIdOf(card),
      userId: APPROVER,
      channelId: CHANNEL,
      messageTs: String(card.response.ts),
    });

  it('a provision: the card is the message; once approved it becomes the order root, its thread the history', async () => {
    const since = e2e.fake.calls.length;
    await e2e.command('provision 801');
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.provision');
    await e2e.submit(form, PROVISION_FILL);
    await expect.poll(() => topLevel(e2e, CHANNEL, since).length, SLOW).toBe(1);
    const card = topLevel(e2e, CHANNEL, since)[0]!;
    expect(textOf(card.body)).toContain('request.approve');
    const requestId = requestIdOf(card);
    const cardTs = String(card.response.ts);
    await expect.poll(async () => (await e2e.store.requests.get(requestId))?.storyTs, SLOW).toBe(cardTs);

    await approveOnCard(card);
    await expect.poll(async () => (await e2e.store.requests.get(requestId))?.status, SLOW).toBe('succeeded');
    const order = (
      await e2e.store.db.query<{ order_id: string }>('SELECT order_id FROM orders WHERE request_id = $1', [
        requestId,
      ])
    ).rows[0]!;
    const stored = (await e2e.store.orders.get(order.order_id))!;
    // The card's thread is the order's: status changes go there, and the card itself became the order root.
    expect(stored.threadTs).toBe(cardTs);
    await expect
      .poll(() => edits(e2e, cardTs).some((c) => eventType(c) === 'telegent_order'), SLOW)
      .toBe(true);
    expect(textOf(edits(e2e, cardTs).at(-1)!.body)).not.toContain('request.approve');
    // The outcome is in the thread once, not once for the card and once more for the story.
    expect(await toldOnce(e2e, cardTs, /Provision\*? done/)).toBe(1);
    expect(topLevel(e2e, CHANNEL, since)).toHaveLength(1);
  });

  it('data limits (no order): the card is edited to the outcome, told once in its thread; still one post', async () => {
    const since = e2e.fake.calls.length;
    const filed = await e2e.ops.ctx.workflow.submit({
      kind: 'limits',
      raw: {
        numbers: [SEED_USAGE_NUMBERS.active],
        notifyValue: 500,
        throttleValue: 800,
        throttleSpeed: '128-kbps',
        limitValue: 1000,
        valueUnit: 'MB',
      },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      reason: 'ZD-7001 cap the field phones',
    });
    if (filed.status !== 'pending_approval') throw new Error(filed.status);
    await e2e.ops.ctx.messages.sync(filed.request.id);
    const card = topLevel(e2e, CHANNEL, since)[0]!;
    const cardTs = String(card.response.ts);

    await approveOnCard(card);
    await expect
      .poll(async () => (await e2e.store.requests.get(filed.request.id))?.status, SLOW)
      .toBe('succeeded');
    await expect
      .poll(() => edits(e2e, cardTs).some((c) => eventType(c) === 'telegent_request_story'), SLOW)
      .toBe(true);
    const last = textOf(edits(e2e, cardTs).at(-1)!.body);
    expect(last).toMatch(/Data limits\*? done/);
    expect(last).not.toContain('request.approve');
    expect(await toldOnce(e2e, cardTs, /Data limits\*? done/)).toBe(1);
    expect(topLevel(e2e, CHANNEL, since)).toHaveLength(1);
  });

  it('a redraw asked after the request ran (a late step) keeps the order root, without buttons', async () => {
    const since = e2e.fake.calls.length;
    const filed = await e2e.ops.ctx.workflow.submit({
      kind: 'provision',
      raw: PROVISION_FILL,
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      reason: 'ZD-7003 late redraw',
    });
    if (filed.status !== 'pending_approval') throw new Error(filed.status);
    await e2e.ops.ctx.messages.sync(filed.request.id);
    const cardTs = String(topLevel(e2e, CHANNEL, since)[0]!.response.ts);
    await approveOnCard(topLevel(e2e, CHANNEL, since)[0]!);
    await expect
      .poll(() => edits(e2e, cardTs).some((c) => eventType(c) === 'telegent_order'), SLOW)
      .toBe(true);
    await e2e.ops.ctx.messages.sync(filed.request.id);
    const shown = e2e.fake.messagesIn(CHANNEL).find((m) => m.ts === cardTs)!;
    expect(shown.metadata?.event_type).toBe('telegent_order');
    expect(textOf(shown)).not.toContain('request.approve');
    expect(topLevel(e2e, CHANNEL, since)).toHaveLength(1);
  });

  it('a rejection: the card says so and the requester is told in its thread, not in a new post', async () => {
    const since = e2e.fake.calls.length;
    const filed = await e2e.ops.ctx.workflow.submit({
      kind: 'portout',
      raw: { phoneNumber: SEED_NUMBERS[6]!, verificationMethod: 'Call back to the number on file' },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      reason: 'ZD-7002 customer is leaving',
    });
    if (filed.status !== 'pending_approval') throw new Error(filed.status);
    await e2e.ops.ctx.messages.sync(filed.request.id);
    const card = topLevel(e2e, CHANNEL, since)[0]!;
    const cardTs = String(card.response.ts);
    await e2e.slack.blockAction({
      actionId: 'request.reject',
      value: filed.request.id,
      userId: APPROVER,
      channelId: CHANNEL,
      messageTs: cardTs,
    });
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.reject-reason');
    // The approver sees what they refuse, and who asked.
    expect(textOf(form.view)).toContain('Reject *Port-out PIN*');
    expect(textOf(form.view)).toContain(`asked by <@${REQUESTER}>`);
    await e2e.submit(form, { reason: 'Call the customer first' }, APPROVER);
    await expect
      .poll(() => inThread(e2e, cardTs).filter((c) => textOf(c.body).includes('was rejected')).length, SLOW)
      .toBe(1);
    expect(textOf(inThread(e2e, cardTs)[0]!.body)).toContain(`<@${REQUESTER}>`);
    expect(edits(e2e, cardTs).some((c) => textOf(c.body).includes('Rejected by'))).toBe(true);
    // The card's edits are the card's: no story edit writes "waiting"/"rejected" story blocks over it.
    expect(edits(e2e, cardTs).filter((c) => eventType(c) === 'telegent_request_story')).toEqual([]);
    expect(topLevel(e2e, CHANNEL, since)).toHaveLength(1);
  });
});

/**
 * Slack refuses the approval card: the request still waits (App Home), and the requester's channel still gets
 * the request's message, which every later step edits.
 */
describe('an approval card Slack refuses', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ now: 'sandbox' });
  }, 60_000);
  afterAll(() => e2e.close());

  it('the story is posted anyway (approvers find it in App Home), recorded, and edited to the order root', async () => {
    await e2e.command('provision 801');
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.provision');
    const since = e2e.fake.calls.length;
    e2e.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    await e2e.submit(form, PROVISION_FILL);
    await e2e.viewShows(form.id, 'did not accept the approval card');
    expect(topLevel(e2e, APPROVALS_CHANNEL, since)).toEqual([]);
    const stories = topLevel(e2e, CHANNEL, since);
    expect(stories).toHaveLength(1);
    expect(eventType(stories[0]!)).toBe('telegent_request_story');
    expect(textOf(stories[0]!.body)).toContain('waiting for approval');
    expect(textOf(stories[0]!.body)).toContain('Telegent Ops App Home');
    const storyTs = String(stories[0]!.response.ts);

    const [pending] = await e2e.ops.ctx.workflow.listWaitingFor(APPROVER);
    expect(pending?.cardTs).toBeNull();
    expect(pending?.storyTs).toBe(storyTs);
    // Approved from App Home: the story says so, then becomes the order's root.
    await e2e.slack.blockAction({
      actionId: 'request.approve',
      value: pending!.id,
      userId: APPROVER,
      view: { type: 'home', id: 'V0HOME' },
    });
    await expect
      .poll(async () => (await e2e.store.requests.get(pending!.id))?.status, SLOW)
      .toBe('succeeded');
    await expect
      .poll(() => edits(e2e, storyTs).some((c) => eventType(c) === 'telegent_order'), SLOW)
      .toBe(true);
    expect(edits(e2e, storyTs).some((c) => textOf(c.body).includes('approved by'))).toBe(true);
    const order = (await e2e.store.orders.listOpenByChannel(CHANNEL))
      .concat(await e2e.store.orders.listClosedSince(CHANNEL, new Date(0)))
      .find((o) => o.requestId === pending!.id);
    expect(order?.threadTs).toBe(storyTs);
    expect(topLevel(e2e, CHANNEL, since)).toHaveLength(1);
  });
});
