import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_CHECK_FAILED } from '../../src/requests/access-decision.js';
import { SEED_MESSAGE_ROUTE_IDS, SEED_SUBSCRIBER_IDS, SEED_USAGE_NUMBERS } from '../../src/sandbox/seed.js';
import type { FakeSlackCall } from '../support/fake-slack.js';
import { APPROVALS_CHANNEL, APPROVER, CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

/** Who the fake Slack's users.info describes, and the groups the app is configured with. */
const GUEST = 'U0GUEST00001';
const EXTERNAL = 'U0EXTERNAL01';
const NON_MEMBER = 'U0NONMEMBER1';
const NEW_PERSON = 'U0NEWPERSON1';
const REQUESTERS = 'S0REQUESTERS';
const READERS = 'S0READERS01';
const ELSEWHERE = 'C0ELSEWHERE1';

const ICCID = '8901240397190195850';
const SUBSCRIBER_NAME = 'Jane Quinn Doe';
const SUBSCRIBER_EMAIL = 'jane.quinn.doe@example.com';
const USAGE_NUMBER = Object.values(SEED_USAGE_NUMBERS)[0] as string;

const SENTENCES: Record<string, RegExp> = {
  [GUEST]: /^Telegent Ops is for full members of the Fake Workspace workspace: guest accounts cannot use it/,
  [EXTERNAL]:
    /^Telegent Ops is only for members of the Fake Workspace workspace: people from other organisations/,
  [NON_MEMBER]: /^Only members of <!subteam\^S0(READERS01|REQUESTERS)> can /,
};

describe('who may use it, end to end', () => {
  let e2e: E2E;
  let orderId: string;
  let orderTs: string;

  beforeAll(async () => {
    e2e = await startE2E({
      access: {
        requesterUsergroupId: REQUESTERS,
        readerUsergroupId: READERS,
        allowedChannelIds: [CHANNEL, APPROVALS_CHANNEL],
      },
      fakeSlack: {
        usergroups: { [REQUESTERS]: [REQUESTER], [READERS]: [REQUESTER] },
        users: {
          [GUEST]: { is_restricted: true },
          [EXTERNAL]: { team_id: 'T0OTHERORG', is_stranger: true },
        },
      },
    });
  });
  afterAll(() => e2e?.close());

  it('a member files a provision with a SIM; approved, its order card is posted in the channel', async () => {
    await e2e.command('provision 801');
    const form = await e2e.moreOptions(await e2e.latestView((v) => v.callback_id === 'telegent.provision'));
    await e2e.submit(form, {
      productType: 'Sms+Data',
      messageRouteId: SEED_MESSAGE_ROUTE_IDS[0]!,
      assignedSubscriberId: SEED_SUBSCRIBER_IDS[1]!,
      iccid: ICCID,
    });
    const card = await e2e.fake.waitFor(
      'chat.postMessage',
      (c) => c.body.channel === APPROVALS_CHANNEL && textOf(c.body).includes('request.approve'),
    );
    const requestId = textOf(card.body.blocks).match(/"value":"(req_[a-z0-9]+)"/)![1]!;
    await e2e.slack.blockAction({
      actionId: 'request.approve',
      value: requestId,
      userId: APPROVER,
      channelId: APPROVALS_CHANNEL,
      messageTs: String(card.response.ts),
    });
    await expect.poll(async () => (await e2e.store.requests.get(requestId))?.status).toBe('succeeded');
    const order = (
      await e2e.store.db.query<{ order_id: string }>('SELECT order_id FROM orders WHERE request_id = $1', [
        requestId,
      ])
    ).rows[0]!;
    orderId = order.order_id;
    await expect.poll(async () => (await e2e.store.orders.get(orderId))?.threadTs).toBeTruthy();
    orderTs = String((await e2e.store.orders.get(orderId))!.threadTs);
    // The new line is put on its plan in the background: done before the refusals below count Telegent calls.
    await expect
      .poll(async () => (await e2e.store.lineSubscriptions.getByRequest(requestId))?.status)
      .toBe('done');
  });

  /** Waits until the sandbox journal stops growing, and returns its length. */
  async function quietJournal(): Promise<number> {
    let last = -1;
    for (;;) {
      const length = e2e.sandbox.journal().length;
      if (length === last) return length;
      last = length;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  async function ephemeralAnswer(send: () => Promise<{ status: number }>): Promise<FakeSlackCall> {
    const before = e2e.responses().length;
    expect((await send()).status).toBe(200);
    await expect.poll(() => e2e.responses().length).toBeGreaterThan(before);
    return e2e.responses()[before]!;
  }

  it.each([
    ['a guest', GUEST],
    ['a user of another organisation (Slack Connect)', EXTERNAL],
    ['a full member outside the requester and reader groups', NON_MEMBER],
  ])(
    '%s is refused a read, a request, a card button, a form and an option load: 0 Telegent calls',
    async (_who, userId) => {
      const journal = await quietJournal();
      const views = e2e.fake.calls.filter((c) => c.method.startsWith('views.')).length;

      const read = await ephemeralAnswer(() => e2e.command(`usage ${USAGE_NUMBER}`, userId));
      const request = await ephemeralAnswer(() => e2e.command('provision', userId));
      const button = await ephemeralAnswer(() =>
        e2e.slack.blockAction({
          actionId: 'order.status',
          value: orderId,
          userId,
          channelId: CHANNEL,
          messageTs: orderTs,
        }),
      );
      for (const answer of [read, request, button]) {
        expect(answer.body.response_type).toBe('ephemeral');
        expect(answer.body.text).toMatch(SENTENCES[userId]!);
      }
      expect(textOf(button.body)).not.toContain('Pending'); // no status read for them

      const options = await e2e.slack.options({ actionId: 'picker.subscriber', value: 'jane', userId });
      expect(options.body).toEqual({ options: [] });

      const form = await e2e.slack.viewSubmission({
        callbackId: 'telegent.provision',
        values: {},
        userId,
      });
      expect(form.body.response_action).toBe('update');
      expect(textOf(form.body.view)).toMatch(/Telegent Ops|Only members/);

      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(e2e.sandbox.journal().length - journal).toBe(0);
      // No form opened for them (the refusal modal of the form submission is an ack, not a views.* call).
      expect(e2e.fake.calls.filter((c) => c.method.startsWith('views.')).length).toBe(views);
      const audited = await e2e.store.db.query<{ details: { surface: string } }>(
        `SELECT details FROM audit_log WHERE actor = $1 AND action = 'access_refused'`,
        [userId],
      );
      expect(audited.rows.map((r) => r.details.surface).sort()).toEqual([
        'button',
        'command',
        'command',
        'form',
        'options',
      ]);
    },
  );

  it('the non-member is told whom to ask: the requester group for a request, the reader group for a read', async () => {
    const read = await ephemeralAnswer(() => e2e.command(`usage ${USAGE_NUMBER}`, NON_MEMBER));
    expect(read.body.text).toBe(
      `Only members of <!subteam^${READERS}> can look up numbers, usage, orders and history in Telegent Ops. Ask a workspace admin to add you to <!subteam^${READERS}>.`,
    );
    const request = await ephemeralAnswer(() => e2e.command('provision', NON_MEMBER));
    expect(request.body.text).toBe(
      `Only members of <!subteam^${REQUESTERS}> can file Telegent requests. Ask a workspace admin to add you to <!subteam^${REQUESTERS}>, or ask a member to file it for you.`,
    );
  });

  it('App Home shows a guest one line and nothing else', async () => {
    await e2e.slack.event({ type: 'app_home_opened', user: GUEST, tab: 'home', channel: `D${GUEST}` });
    const home = await e2e.fake.waitFor('views.publish', (c) => c.body.user_id === GUEST);
    expect(home.body.view.blocks).toHaveLength(1);
    expect(textOf(home.body.view)).toContain('guest accounts cannot use it');
  });

  it('a member passes: reads usage, opens the form, loads options and refreshes the order', async () => {
    const read = await ephemeralAnswer(() => e2e.command(`usage ${USAGE_NUMBER}`, REQUESTER));
    expect(textOf(read.body.blocks)).toMatch(/remaining/i);
    const opened = e2e.fake.callsTo('views.open').length;
    await e2e.command('provision', REQUESTER);
    await expect.poll(() => e2e.fake.callsTo('views.open').length).toBe(opened + 1);
    const options = await e2e.slack.options({
      actionId: 'picker.subscriber',
      value: '',
      userId: REQUESTER,
    });
    expect(options.body.options?.length ?? options.body.option_groups?.length).toBeGreaterThan(0);
    const journal = await quietJournal();
    await e2e.slack.blockAction({
      actionId: 'order.status',
      value: orderId,
      userId: REQUESTER,
      channelId: CHANNEL,
      messageTs: orderTs,
    });
    await expect.poll(() => e2e.sandbox.journal().length).toBeGreaterThan(journal);
  });

  it('a member seen a moment ago is decided from memory: no users.info or group read before the ack', async () => {
    const asked = () =>
      e2e.fake.callsTo('users.info').length + e2e.fake.callsTo('usergroups.users.list').length;
    const before = asked();
    const read = await ephemeralAnswer(() => e2e.command(`usage ${USAGE_NUMBER}`, REQUESTER));
    expect(textOf(read.body.blocks)).toMatch(/remaining/i);
    expect(asked()).toBe(before);
  });

  it('an approver outside the reader group still reads (they approve requests on any number)', async () => {
    const read = await ephemeralAnswer(() =>
      e2e.command(`usage ${USAGE_NUMBER}`, APPROVER, APPROVALS_CHANNEL),
    );
    expect(textOf(read.body.blocks)).toMatch(/remaining/i);
  });

  it('the command works only in the allowed channels and in a DM with the app', async () => {
    const elsewhere = await ephemeralAnswer(() => e2e.command('help', REQUESTER, ELSEWHERE));
    expect(elsewhere.body.text).toBe(
      `/telegent works only in <#${CHANNEL}>, <#${APPROVALS_CHANNEL}> and in a direct message with the app. Run it there, or ask a workspace admin to allow this channel.`,
    );
    const dm = await ephemeralAnswer(() => e2e.command('help', REQUESTER, `D${REQUESTER}`));
    expect(textOf(dm.body.blocks)).toContain('/telegent provision');
  });

  it('when Slack cannot say who is asking, nothing is done and the person is told to try again', async () => {
    e2e.fake.failNext('users.info', { error: 'internal_error' });
    const journal = await quietJournal();
    const answer = await ephemeralAnswer(() => e2e.command(`usage ${USAGE_NUMBER}`, NEW_PERSON));
    expect(answer.body.text).toBe(ACCESS_CHECK_FAILED);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(e2e.sandbox.journal().length).toBe(journal);
  });

  it('channel posts (cards, outcomes, order messages) carry no full subscriber name, email or ICCID', async () => {
    await e2e.command('subscriber new', REQUESTER);
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.subscriber-new');
    const sent = await e2e.submit(form, { name: SUBSCRIBER_NAME, email: SUBSCRIBER_EMAIL });
    expect(sent.body).toMatchObject({ response_action: 'update' });
    await expect
      .poll(() => e2e.sandbox.mutations().filter((m) => /subscribers\/create/i.test(m.path)).length)
      .toBe(1);
    await expect
      .poll(() =>
        e2e.fake
          .callsTo('chat.postMessage')
          .some((c) => !String(c.body.channel).startsWith('D') && textOf(c.body).includes('J. Doe')),
      )
      .toBe(true);

    const channelPosts = e2e.fake.calls.filter(
      (c) =>
        ['chat.postMessage', 'chat.update'].includes(c.method) && !String(c.body.channel).startsWith('D'),
    );
    expect(channelPosts.length).toBeGreaterThan(3);
    const posted = JSON.stringify(channelPosts.map((c) => c.body));
    expect(posted).toContain('…5850'); // the provision's SIM, as its last four
    expect(posted).not.toContain(ICCID);
    expect(posted).not.toContain(SUBSCRIBER_EMAIL);
    expect(posted).not.toContain(SUBSCRIBER_NAME);
    expect(posted).not.toContain('Jane Quinn');
  });
});
