import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveButton } from '../../src/actions/approve-button.js';
import { ACTION, BLOCK } from '../../src/messages/ids.js';
import { tellClicker } from '../../src/notify/tell-clicker.js';
import { SEED_MESSAGE_ROUTE_IDS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import type { ButtonArgs } from '../../src/slack/listener-args.js';
import { guardListener } from '../../src/slack/listener-errors.js';
import {
  APPROVALS_CHANNEL,
  APPROVER,
  buttonBody,
  CHANNEL,
  type ListenerWorld,
  OTHER_APPROVER,
  REQUESTER,
  STRANGER,
  startListenerWorld,
} from '../support/listener-context.js';

/** The Approve listener called directly, with a real workflow and a fake Slack Web API. */
describe('approveButton', () => {
  let w: ListenerWorld;
  beforeAll(async () => {
    w = await startListenerWorld();
  });
  afterAll(() => w?.close());

  async function pendingProvision(key: string) {
    const outcome = await w.ctx.workflow.submit({
      kind: 'provision',
      raw: {
        productType: 'Sms+Data',
        messageRouteId: SEED_MESSAGE_ROUTE_IDS[0],
        areaCode: '801',
        assignedSubscriberId: SEED_SUBSCRIBER_IDS[0],
      },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      idempotencyKey: key,
    });
    if (outcome.status !== 'pending_approval') throw new Error(`expected pending, got ${outcome.status}`);
    await w.ctx.messages.sync(outcome.request.id);
    expect((await w.store.requests.get(outcome.request.id))?.cardTs).toBeTruthy();
    return (await w.store.requests.get(outcome.request.id))!;
  }
  const click = (userId: string, requestId: string) => {
    const { body, action } = buttonBody(userId, ACTION.approve, requestId, APPROVALS_CHANNEL);
    return approveButton(w.ctx)({ ack: w.ack, body, action, respond: w.respond } as unknown as ButtonArgs);
  };

  it('acks, executes once, edits the card, and tells a second approver who decided', async () => {
    const request = await pendingProvision('listener-approve-1');
    const since = w.fake.calls.length;
    const mutations = w.sandbox.mutations().length;
    const acks = w.acks.length;
    await click(APPROVER, request.id);
    expect(w.acks.length - acks).toBe(1);
    expect(w.sandbox.mutations().length - mutations).toBe(1);
    expect((await w.store.requests.get(request.id))?.status).toBe('succeeded');
    const edited = w.callsSince(since, 'chat.update').find((c) => c.body.ts === request.cardTs);
    expect(JSON.stringify(edited?.body.blocks)).toContain(`<@${APPROVER}>`);

    const responses = w.responses.length;
    await click(OTHER_APPROVER, request.id);
    expect(w.sandbox.mutations().length - mutations).toBe(1);
    expect(JSON.stringify(w.responses.slice(responses))).toMatch(/Already approved by <@U0APPROVER01>/);
  });

  it('refuses the requester and a stranger privately, leaving the request pending', async () => {
    const request = await pendingProvision('listener-approve-2');
    const responses = w.responses.length;
    await click(REQUESTER, request.id);
    await click(STRANGER, request.id);
    const told = w.responses.slice(responses).map((r) => JSON.stringify(r));
    expect(told).toHaveLength(2);
    // Neither is on the approver list (the requester's own-request refusal is decideApproval's table test).
    for (const text of told) expect(text).toContain('Only approvers can decide requests');
    expect(told.every((t) => t.includes('"response_type":"ephemeral"'))).toBe(true);
    expect((await w.store.requests.get(request.id))?.status).toBe('pending_approval');
  });

  it('from a reminder DM: executes once, redraws the card and replaces the DM buttons by the decision', async () => {
    const request = await pendingProvision('listener-approve-dm');
    const dmChannel = `D${APPROVER}`;
    const dmTs = '1700000100.000200';
    const { body, action } = buttonBody(APPROVER, ACTION.approve, request.id, dmChannel);
    const inDm = {
      body: { ...body, container: { ...body.container, message_ts: dmTs } },
      action: { ...action, block_id: BLOCK.reminderDecision },
    };
    const since = w.fake.calls.length;
    const mutations = w.sandbox.mutations().length;
    await approveButton(w.ctx)({ ack: w.ack, ...inDm, respond: w.respond } as unknown as ButtonArgs);
    expect(w.sandbox.mutations().length - mutations).toBe(1);
    expect((await w.store.requests.get(request.id))?.status).toBe('succeeded');
    const updates = w.callsSince(since, 'chat.update');
    expect(JSON.stringify(updates.find((c) => c.body.ts === request.cardTs)?.body.blocks)).toContain(
      `Approved by <@${APPROVER}>`,
    );
    const dm = updates.filter((c) => c.body.channel === dmChannel && c.body.ts === dmTs);
    expect(dm).toHaveLength(1);
    expect(JSON.stringify(dm[0]!.body.blocks)).toContain(`Approved by <@${APPROVER}>`);
    expect(JSON.stringify(dm[0]!.body.blocks)).not.toContain(ACTION.approve);

    // The same click on a card (no reminder block) redraws no DM.
    const again = w.fake.calls.length;
    await click(OTHER_APPROVER, request.id);
    expect(w.callsSince(again, 'chat.update').filter((c) => c.body.channel === dmChannel)).toHaveLength(0);
    expect(w.sandbox.mutations().length - mutations).toBe(1);
  });

  // Last: it closes the store. The embedded store has no connections to lose; "the store went away" there is
  // PGlite closed under a running app (a shutdown racing a click): through the one error path every listener
  // is registered with, the same sentence as on the server, nothing sent, nothing crashed.
  it('with the embedded store closed, the error path answers the database sentence with a ref and sends nothing', async () => {
    const request = await pendingProvision('listener-approve-3');
    await w.store.close();
    const mutations = w.sandbox.mutations().length;
    const guarded = guardListener('action', ACTION.approve, approveButton(w.ctx), {
      logger: w.ctx.logger,
      sandbox: true,
      notify: w.ctx.notify,
      tellClicker: (body, message, respond) =>
        tellClicker(w.ctx.notify, body, message, w.ctx.logger, respond),
    });
    const { body, action } = buttonBody(APPROVER, ACTION.approve, request.id, APPROVALS_CHANNEL);
    await guarded({ ack: w.ack, body, action, respond: w.respond, client: w.client, context: {} } as never);
    expect(JSON.stringify(w.responses.at(-1))).toMatch(
      /Our database is not answering; try again in a minute \(ref [a-z0-9]+\)\./,
    );
    expect(w.sandbox.mutations().length).toBe(mutations);
  });
});
