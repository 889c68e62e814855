import type { ModalView } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPhone } from '../../src/operations/glossary.js';
import { SEED_ACCOUNT_ID, SEED_NUMBERS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import { TEST_DATABASE_URL } from '../support/test-db.js';
import { CHANNEL, type E2E, fileProvision, REQUESTER, startE2E, textOf } from './harness.js';

/** Bennet Hill (the first seeded subscriber) holds seeded numbers 0, 6 (every sixth of the first twelve). */
const BENNET = SEED_SUBSCRIBER_IDS[0]!;
const BENNET_LINES = [SEED_NUMBERS[0]!, SEED_NUMBERS[6]!];

type Answer = { text: string; blocks: unknown[]; replace_original?: boolean };

describe('/telegent customer, end to end', () => {
  let e2e: E2E;
  beforeAll(async () => {
    // The server when CI gives one (the open-requests query is plain SQL on both), else PGlite.
    e2e = await startE2E({ storeKind: TEST_DATABASE_URL ? 'postgres' : 'pglite' });
    // Customers made outside Slack before the list is read: accents, and two Janes.
    for (const [name, email] of [
      ['José Núñez', 'jose.nunez@example.com'],
      ['Jane Doe', 'jane@example.com'],
      ['Jane Roe', 'jane.roe@example.com'],
    ] as const) {
      await e2e.telegent.createSubscriber({
        Name: name,
        Email: email,
        Role: 'Subscriber',
        Password: 'created-elsewhere-1',
        AccountId: SEED_ACCOUNT_ID,
      });
    }
    e2e.ops.ctx.pickers.forget('subscriber');
  });
  afterAll(() => e2e.close());

  const answerTo = async (text: string): Promise<Answer> => {
    const before = e2e.responses().length;
    await e2e.command(text);
    await expect.poll(() => e2e.responses().length, { timeout: 5_000 }).toBe(before + 1);
    return e2e.responses()[before]!.body as Answer;
  };
  const click = async (actionId: string, value: string): Promise<Answer> => {
    const before = e2e.responses().length;
    await e2e.slack.blockAction({ actionId, value, userId: REQUESTER, channelId: CHANNEL, messageTs: '1.5' });
    await expect.poll(() => e2e.responses().length, { timeout: 5_000 }).toBe(before + 1);
    return e2e.responses()[before]!.body as Answer;
  };

  it('by email: one card with name, email, account, every line (status, SIM last 4, plan), buttons', async () => {
    const card = await answerTo('customer Bennet@Example.com');
    const text = textOf(card.blocks);
    expect(text).toContain('Bennet Hill');
    expect(text).toContain('bennet@example.com');
    expect(text).toContain('Sandbox Wireless');
    for (const number of BENNET_LINES) expect(text).toContain(formatPhone(number));
    // The first line is on the seeded Unlimited Plus plan; the other has none.
    expect(text).toMatch(
      new RegExp(
        `${escapeRegExp(formatPhone(BENNET_LINES[0]!))} · Active · SIM …\\d{4} · plan: Unlimited Plus · \\$45\\.00 / month`,
      ),
    );
    expect(text).toMatch(
      new RegExp(`${escapeRegExp(formatPhone(BENNET_LINES[1]!))} · Active · SIM …\\d{4} · no plan`),
    );
    expect(text).not.toMatch(/\d{19}/); // never a whole ICCID
    expect(text).toContain('customer.new-line');
    expect(text).toContain('customer.portin');
    expect(text.match(/customer\.number-card/g)).toHaveLength(BENNET_LINES.length);
  });

  it('by name, case and accents ignored; by one of their numbers; by TSUID', async () => {
    expect(textOf((await answerTo('customer jose NUNEZ')).blocks)).toContain('José Núñez');
    expect(textOf((await answerTo('customer Núñez')).blocks)).toContain('jose.nunez@example.com');
    expect(textOf((await answerTo('customer Jane Doe')).blocks)).toContain('jane@example.com');
    const byNumber = await answerTo(`customer ${formatPhone(BENNET_LINES[1]!)}`);
    expect(textOf(byNumber.blocks)).toContain('Bennet Hill');
    const byId = await answerTo(`customer ${SEED_SUBSCRIBER_IDS[2]!.toLowerCase()}`);
    expect(textOf(byId.blocks)).toContain('Chris Park');
  });

  it('several matches: a short pick list; Show replaces it with the card', async () => {
    const list = await answerTo('customer jane');
    const text = textOf(list.blocks);
    expect(text).toContain('2 customers match');
    expect(text).toContain('Jane Doe');
    expect(text).toContain('Jane Roe');
    const roe = text.match(/"action_id":"customer\.show","value":"(TSUID-[^"]+)"/g);
    expect(roe).toHaveLength(2);
    const jane = (
      await e2e.telegent.listDistributorSubscribers({ PageNumber: 1, TotalPerPage: 100 })
    ).Subscribers.find((s) => s.Email === 'jane.roe@example.com')!;
    const card = await click('customer.show', jane.SubscriberId);
    expect(card.replace_original).toBe(true);
    expect(textOf(card.blocks)).toContain('jane.roe@example.com');
    expect(textOf(card.blocks)).toContain('none yet');
  });

  it('nobody matches, or nothing typed: a sentence saying how to search, and nothing sent to Telegent', async () => {
    const mutations = e2e.sandbox.mutations().length;
    for (const typed of ['customer nobody@example.com', 'customer Zed Quux', 'customer']) {
      const answer = await answerTo(typed);
      expect(textOf(answer.blocks)).toMatch(/Search by email .* name .* one of their numbers .*TSUID/);
    }
    expect((await answerTo('customer nobody@example.com')).text).toContain('No customer with that email');
    expect((await answerTo('customer +18015550199')).text).toContain(
      '(801) 555-0199 is not on your Telegent account',
    );
    expect(e2e.sandbox.mutations()).toHaveLength(mutations);
  });

  it('shows open requests for their lines or for them, and the last history entries', async () => {
    const filed = await fileProvision(e2e, { subscriber: 0 });
    expect(filed.status).toBe('pending_approval');
    const text = textOf((await answerTo('customer Bennet Hill')).blocks);
    expect(text).toMatch(/\*Open requests and orders\*"/);
    expect(text).toContain('Provision');
    expect(text).toContain('waiting for approval');
    expect(text).toMatch(/\*Recent history\*\\n(?!nothing)/);
  });

  it('a line button answers with its number card; New line… opens the provision form with the customer picked', async () => {
    // Slack refuses a block holding two equal action_ids: each line's button carries its own (`id#i`).
    const blocks = (await answerTo('customer bennet@example.com')).blocks as Array<{
      elements?: Array<{ action_id?: string }>;
    }>;
    for (const block of blocks) {
      const ids = (block.elements ?? []).map((e) => e.action_id).filter(Boolean);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(JSON.stringify(blocks)).toContain('"action_id":"customer.number-card#1"');
    // The listener is the line buttons' one, whichever line was pressed.
    const second = await click('customer.number-card#1', BENNET_LINES[1]!);
    expect(textOf(second.blocks)).toContain(`${formatPhone(BENNET_LINES[1]!)} · `);
    const numberCard = await click('customer.number-card#0', BENNET_LINES[0]!);
    expect(numberCard.replace_original).toBe(false);
    expect(textOf(numberCard.blocks)).toContain(`${formatPhone(BENNET_LINES[0]!)} · Active`);
    const opened = e2e.fake.callsTo('views.open').length;
    await e2e.slack.blockAction({
      actionId: 'customer.new-line',
      value: BENNET,
      userId: REQUESTER,
      channelId: CHANNEL,
      messageTs: '1.5',
    });
    await expect.poll(() => e2e.fake.callsTo('views.open').length).toBe(opened + 1);
    const form = e2e.fake.callsTo('views.open').at(-1)!.body.view as ModalView;
    expect(form.callback_id).toBe('telegent.provision');
    expect(textOf(form)).toContain(
      `"initial_option":{"text":{"type":"plain_text","text":"Bennet Hill — bennet@example.com"`,
    );
    expect(textOf(form)).toContain(`"value":"${BENNET}"`);
  });

  it('Port a number in… asks which number (a bad one answered under it), then shows the eligibility verdict', async () => {
    const opened = e2e.fake.callsTo('views.open').length;
    await e2e.slack.blockAction({
      actionId: 'customer.portin',
      value: BENNET,
      userId: REQUESTER,
      channelId: CHANNEL,
      messageTs: '1.5',
    });
    await expect.poll(() => e2e.fake.callsTo('views.open').length).toBe(opened + 1);
    const call = e2e.fake.callsTo('views.open').at(-1)!;
    const form = { id: String(call.response.view?.id), view: call.body.view as ModalView };
    expect(form.view.callback_id).toBe('telegent.customer-portin');
    expect(textOf(form.view)).toContain('Bennet Hill');
    const bad = await e2e.submit(form, { phoneNumber: '555' });
    expect(bad.body).toMatchObject({ response_action: 'errors' });
    expect(textOf(bad.body.errors)).toContain('phoneNumber');
    const good = await e2e.submit(form, { phoneNumber: '(415) 555-0142' });
    expect(good.body).toMatchObject({ response_action: 'update' });
    await e2e.viewShows(form.id, 'portin.continue');
  });

  it('help lists it under "Look after a customer"', async () => {
    const help = await answerTo('help');
    expect(textOf(help.blocks)).toMatch(
      /Look after a customer.*customer &lt;email, name, number or TSUID&gt;/,
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
