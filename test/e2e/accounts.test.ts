import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_ACCOUNT_ID, SEED_MESSAGE_ROUTE_IDS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import { APPROVALS_CHANNEL, APPROVER, CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

const OTHER_CHANNEL = 'C0OTHERTEAM1';

describe('distributor accounts: a channel bound to an account files its requests under it', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  const answer = async (text: string, channelId = CHANNEL, userId = APPROVER) => {
    const before = e2e.responses().length;
    await e2e.command(text, userId, channelId);
    await expect.poll(() => e2e.responses().length).toBe(before + 1);
    return textOf(e2e.responses()[before]!.body);
  };
  const provisions = () =>
    e2e.sandbox.mutations().filter((m) => m.path.toLowerCase() === '/v1.0/numbers/provision');
  const provisionFrom = async (channelId: string) => {
    const cards = e2e.fake.callsTo('chat.postMessage').length;
    await e2e.command('provision 801', REQUESTER, channelId);
    const form = await e2e.latestView(
      (v) => v.callback_id === 'telegent.provision' && textOf(v).includes(`"channelId\\":\\"${channelId}`),
    );
    await e2e.submit(form, {
      productType: 'Sms+Data',
      messageRouteId: SEED_MESSAGE_ROUTE_IDS[0]!,
      assignedSubscriberId: SEED_SUBSCRIBER_IDS[1]!,
    });
    let card: { body: Record<string, unknown>; response: { ts?: string } } | undefined;
    await expect
      .poll(() => {
        card = e2e.fake
          .callsTo('chat.postMessage')
          .slice(cards)
          .find((c) => c.body.channel === APPROVALS_CHANNEL && textOf(c.body).includes('request.approve'));
        return card;
      })
      .toBeDefined();
    const requestId = textOf(card!.body.blocks).match(
      /"action_id":"request\.approve".*?"value":"(req_[a-z0-9]+)"/,
    )![1]!;
    const before = provisions().length;
    await e2e.slack.blockAction({
      actionId: 'request.approve',
      value: requestId,
      userId: APPROVER,
      channelId: APPROVALS_CHANNEL,
      messageTs: String(card!.response.ts),
    });
    await expect.poll(() => provisions().length).toBe(before + 1);
    return { card: textOf(card!.body), sent: provisions().at(-1)!.body as Record<string, unknown> };
  };

  it('says what the channel uses and lists the accounts; a foreign or malformed id binds nothing', async () => {
    const shown = await answer('account');
    expect(shown).toContain('This channel is not bound');
    expect(shown).toContain(SEED_ACCOUNT_ID);
    expect(await answer('account AID-00000000-0000-0000-0000-000000000000')).toContain(
      "is not one of your distributor's accounts",
    );
    expect(await answer('account TSUID-1')).toContain('must start with AID-');
    const refused = await answer(`account ${SEED_ACCOUNT_ID}`, CHANNEL, REQUESTER);
    expect(refused).toContain(
      "Only approvers may change this channel's Telegent account; ask <@U0APPROVER01>",
    );
    expect(await e2e.store.channelAccounts.get(CHANNEL)).toBeNull();
  });

  it('bound: the card names the account and every request carries its AccountId; another channel does not', async () => {
    expect(await answer(`account ${SEED_ACCOUNT_ID}`)).toContain('now bound to Sandbox Wireless Co');
    const bound = await provisionFrom(CHANNEL);
    expect(bound.card).toContain('Sandbox Wireless Co');
    expect(bound.sent).toMatchObject({ AccountId: SEED_ACCOUNT_ID });

    // The provisioned number's history names who asked and who approved (the request named no number).
    // The order is stored once Telegent's answer is back, a moment after the mutation reaches the sandbox.
    const provisionOrders = async () =>
      (await e2e.store.db.query("SELECT numbers FROM orders WHERE kind = 'provision'")).rows as Array<{
        numbers: string[];
      }>;
    await expect.poll(async () => (await provisionOrders()).length).toBe(1);
    const provisioned = (await provisionOrders())[0]!.numbers;
    const stored = await e2e.store.db.query("SELECT account_id FROM orders WHERE kind = 'provision'");
    expect(stored.rows[0]!.account_id).toBe(SEED_ACCOUNT_ID);
    const trail = await answer(`history ${provisioned[0]}`);
    expect(trail).toContain('Provision: asked by <@U0REQUESTER1>');
    expect(trail).toContain('Provision: approved by <@U0APPROVER01>');

    // The form's pickers read the bound account's lists.
    const picked = await e2e.slack.options({
      actionId: 'picker.message-route',
      value: '',
      userId: REQUESTER,
      view: { id: 'V0BOUND01', private_metadata: JSON.stringify({ channelId: CHANNEL }) },
    });
    expect(textOf(picked.body)).toContain(SEED_MESSAGE_ROUTE_IDS[0]!);
    const routeReads = e2e.sandbox
      .journal()
      .filter((j) => j.path.toLowerCase() === '/v1.0/account/message/routes');
    expect(routeReads.some((j) => j.query.AccountId === SEED_ACCOUNT_ID)).toBe(true);

    const other = await provisionFrom(OTHER_CHANNEL);
    expect(other.sent).not.toHaveProperty('AccountId');

    // A new subscriber from the bound channel is created in the account too.
    await e2e.command('subscriber new', REQUESTER, CHANNEL);
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.subscriber-new');
    await e2e.submit(form, { name: 'Bound Person', email: 'bound.person@example.com' });
    await expect
      .poll(
        () => e2e.sandbox.mutations().find((m) => m.path.toLowerCase() === '/v1.0/subscribers/create')?.body,
      )
      .toMatchObject({ AccountId: SEED_ACCOUNT_ID });
  });

  it('off removes the binding (audited both ways)', async () => {
    expect(await answer('account off')).toContain('no longer bound');
    expect(await e2e.store.channelAccounts.get(CHANNEL)).toBeNull();
    const audit = await e2e.store.db.query(
      "SELECT action FROM audit_log WHERE action LIKE 'account_%' ORDER BY id",
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['account_bound', 'account_unbound']);
  });
});
