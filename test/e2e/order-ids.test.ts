import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortId } from '../../src/operations/glossary.js';
import { callsTo } from '../support/sandbox-client.js';
import { APPROVER, CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

const PORTIN = {
  currentCarrierName: 'Verizon',
  currentAccountNumber: '11223344',
  billingAddress: { street1: '9 Center St', city: 'Provo', state: 'UT', zip: '84601' },
  currentAccountPassword: 'Ids-Pass-5',
  assignedSubscriberId: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
};

/** Two stored orders that share their first eight hex digits (only the store knows them). */
const TWIN_A = 'JNUOID-abcd1234-0000-4000-8000-00000000000a';
const TWIN_B = 'JNUOID-abcd1234-1111-4000-8000-00000000000b';

describe('order ids as messages show them: any unique start, with or without "…"', () => {
  let e2e: E2E;
  let orderId: string;
  beforeAll(async () => {
    e2e = await startE2E();
    const submitted = await e2e.ops.ctx.workflow.submit({
      kind: 'portin',
      raw: { ...PORTIN, phoneNumber: '+13855550190' },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (submitted.status !== 'pending_approval') throw new Error(submitted.status);
    await e2e.ops.ctx.workflow.approve(submitted.request.id, APPROVER);
    const order = (await e2e.store.orders.listOpenByChannel(CHANNEL)).find((o) =>
      o.numbers.includes('+13855550190'),
    );
    orderId = order!.orderId;
    for (const id of [TWIN_A, TWIN_B]) {
      await e2e.store.orders.insert({
        orderId: id,
        kind: 'portin',
        numbers: [id === TWIN_A ? '+13855550191' : '+13855550192'],
        status: 'Submitted',
        channelId: CHANNEL,
        requestedBy: REQUESTER,
        nextCheckAt: new Date(Date.now() + 3_600_000),
      });
    }
  });
  afterAll(() => e2e.close());

  const answerBody = async (text: string) => {
    const before = e2e.responses().length;
    const response = await e2e.command(text);
    expect(response.status).toBe(200);
    await expect.poll(() => e2e.responses().length).toBeGreaterThan(before);
    return e2e.responses()[before]!.body;
  };
  const answer = async (text: string) => textOf(await answerBody(text));
  /** What a person reads: the blocks without the buttons (whose values carry the id for the app). */
  const readable = (body: { blocks?: Array<{ type: string }> }) =>
    textOf((body.blocks ?? []).filter((b) => b.type !== 'actions'));
  const orderReads = () => callsTo(e2e.sandbox, '/v1.0/numbers/order').length;

  it('/telegent status of the short id, as shown and without the "…", answers with the full id once, copyable', async () => {
    const shown = shortId(orderId);
    expect(shown).toMatch(/^JNUOID-[0-9a-f]{8}…$/);
    for (const typed of [shown, shown.slice(0, -1), `\`${shown}\``, orderId.slice(0, 11)]) {
      const card = readable(await answerBody(`status ${typed}`));
      expect(card, typed).toContain('Port-in of (385) 555-0190');
      expect(card.split(orderId)).toHaveLength(2); // once
      expect(card).toContain(`\`${orderId}\``);
    }
  });

  it('several of ours start with it: a sentence naming them, and nothing asked of Telegent', async () => {
    const reads = orderReads();
    for (const typed of ['JNUOID-abcd1234', 'JNUOID-abcd1234…', 'JNUOID-abcd']) {
      const text = await answer(`status ${typed}`);
      expect(text, typed).toContain(`could be 2 of our orders`);
      // Both share the short form, so each is named in full, with what it is.
      expect(text).toContain(`\`${TWIN_A}\` (Port-in of (385) 555-0191)`);
      expect(text).toContain(`\`${TWIN_B}\` (Port-in of (385) 555-0192)`);
      expect(text).toContain('Which one? Type more of its id.');
    }
    const one = await answer('status JNUOID-abcd1234-1111');
    expect(one).not.toContain('could be');
    expect(orderReads()).toBe(reads + 1); // only the unique one was read
  });

  it('none of ours: a prefix gets a sentence; a whole-looking id still goes to Telegent', async () => {
    const reads = orderReads();
    for (const typed of ['JNUOID-ffffeeee', 'JNUOID-ffffeeee…', 'JNUOID-ffffeeee-0000']) {
      const text = await answer(`status ${typed}`);
      expect(text, typed).toContain('No order of ours starts with `JNUOID-ffffeeee');
    }
    expect(orderReads()).toBe(reads);
    const whole = await answer('status JNUOID-ffffeeee-0000-4000-8000-000000000000');
    expect(whole).toMatch(/does not know that order/);
    expect(orderReads()).toBeGreaterThan(reads);
    const bad = await answer('status JNUOID-ff/ee…');
    expect(bad).toMatch(/letters, digits and dashes/);
  });

  it('portin cancel, portin update and history take the short id too', async () => {
    const shown = shortId(orderId);
    const cancel = await answer(`portin cancel ${shown}`);
    expect(cancel).toContain('Port-in of (385) 555-0190');
    expect(cancel).toContain('order.cancel');

    await e2e.command(`portin update ${shown.slice(0, -1)}`);
    const form = await e2e.latestView(
      (v) => v.callback_id === 'telegent.portin-update' && textOf(v).includes('(385) 555-0190'),
    );
    expect(form.view.private_metadata).toContain(orderId);

    const ambiguous = await answer('portin update JNUOID-abcd1234…');
    expect(ambiguous).toContain('could be 2 of our orders');

    const history = await answer(`history ${shown}`);
    expect(history).toContain(`History of ${shown}`);
    expect(history).toContain('Port-in: approved by');
    const none = await answer('history JNUOID-ffffeeee…');
    expect(none).toContain('No order of ours starts with');
  });
});
