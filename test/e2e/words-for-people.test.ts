import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTIN_BAD_ACCOUNT_NUMBER } from '../../src/sandbox/magic.js';
import { SEED_MESSAGE_ROUTE_IDS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import type { FakeSlackCall } from '../support/fake-slack.js';
import { APPROVALS_CHANNEL, APPROVER, CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

/** Every string a person reads in a payload: `text` fields (messages, blocks, views), not values or metadata. */
function readable(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) readable(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'text' && typeof inner === 'string') out.push(inner);
      else if (key !== 'private_metadata' && key !== 'metadata') readable(inner, out);
    }
  }
  return out;
}

const ISO_TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /\b20\d{2}-\d{2}-\d{2}\b/;
const ENDPOINT = /\/v1\.0\//i;
/** `<…|…>` that is not a link, mention, channel, date token or user group: Slack would read a placeholder as a link. */
const UNESCAPED_PLACEHOLDER = /<(?![@#!]|https?:\/\/|mailto:|tel:)[^<>|\s]+\|[^<>]+>/;

/**
 * A whole scripted session (signed Slack requests, fake Slack, sandbox Telegent) and every payload the app
 * sent: one time format, no API leakage, reasons and customers on the cards, honest outcomes, linked rows.
 */
describe('words for people: every payload of a scripted session', () => {
  let e2e: E2E;
  let portInOrderId = '';
  beforeAll(async () => {
    e2e = await startE2E({ now: 'sandbox' });
  }, 60_000);
  afterAll(() => e2e.close());

  const cards = () =>
    e2e.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.body.channel === APPROVALS_CHANNEL && !c.body.thread_ts);
  const requestIdOf = (card: FakeSlackCall) =>
    JSON.stringify(card.body.blocks).match(
      /"action_id":"request\.approve".*?"value":"(req_[a-z0-9]+)"/,
    )?.[1] ?? '';
  const approve = (card: FakeSlackCall) =>
    e2e.slack.blockAction({
      actionId: 'request.approve',
      value: requestIdOf(card),
      userId: APPROVER,
      channelId: APPROVALS_CHANNEL,
      messageTs: String(card.response.ts),
    });
  const sweep = async (minutes: number) => {
    e2e.sandbox.clock.advance(minutes * 60);
    await e2e.ops.jobs.runPollerOnce();
    await e2e.ops.jobs.runOutboxOnce();
  };

  it('help escapes its placeholders', async () => {
    await e2e.command('help');
    await expect.poll(() => e2e.responses().length).toBeGreaterThan(0);
    const help = textOf(e2e.responses().at(-1)!.body);
    expect(help).toContain('&lt;number, order or customer&gt;');
    expect(help).not.toMatch(UNESCAPED_PLACEHOLDER);
  });

  it('a request form needs a reason; the card carries it, the customer, the product in words and who asks', async () => {
    await e2e.command('provision 801');
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.provision');
    const fill = {
      productType: 'Sms+Data',
      messageRouteId: SEED_MESSAGE_ROUTE_IDS[0]!,
      assignedSubscriberId: { value: SEED_SUBSCRIBER_IDS[1]!, text: 'Chris Park — chris.park@example.com' },
    };
    const refused = await e2e.submit(form, { ...fill, reason: '' });
    expect(refused.body.response_action).toBe('errors');
    expect(Object.keys(refused.body.errors)).toContain('reason');
    expect(cards()).toHaveLength(0);

    await e2e.submit(form, { ...fill, reason: 'ZD-4821 new line for the field team' });
    await expect.poll(() => cards().length).toBe(1);
    const card = textOf(cards()[0]!.body);
    expect(card).toContain('ZD-4821 new line for the field team');
    expect(card).toContain('C. Park');
    expect(card).not.toContain('Chris Park'); // a channel reads the short name
    expect(card).toContain('SMS + data');
    expect(card).toContain(`<@${REQUESTER}>`);
    expect(card).not.toContain(SEED_SUBSCRIBER_IDS[1]!);

    await approve(cards()[0]!);
    await expect
      .poll(() =>
        e2e.fake.callsTo('chat.postMessage').some((c) => /Provision\*? done: \(801\)/.test(textOf(c.body))),
      )
      .toBe(true);
    const done = e2e.fake.callsTo('chat.postMessage').find((c) => /Provision\*? done/.test(textOf(c.body)))!;
    expect(textOf(done.body)).toContain('for C. Park');
  });

  it('the reason is in /telegent history', async () => {
    const provisioned = (await e2e.store.orders.listOpenByChannel(CHANNEL)).concat(
      await e2e.store.orders.listClosedSince(CHANNEL, new Date(0)),
    );
    const number = provisioned.find((o) => o.kind === 'provision')?.numbers[0];
    expect(number).toBeDefined();
    const before = e2e.responses().length;
    await e2e.command(`history ${number}`);
    await expect.poll(() => e2e.responses().length).toBe(before + 1);
    expect(textOf(e2e.responses().at(-1)!.body)).toContain('ZD-4821');
  });

  it('a port-in that was only submitted is never called done; the carrier code reads as words', async () => {
    const submitted = await e2e.ops.ctx.workflow.submit({
      kind: 'portin',
      raw: {
        phoneNumber: '+13135550142',
        currentCarrierName: 'Verizon',
        billingAddress: { street1: '9 Center St', city: 'Provo', state: 'UT', zip: '84601' },
        currentAccountNumber: PORTIN_BAD_ACCOUNT_NUMBER,
        currentAccountPassword: 'Words-Pass-5',
        assignedSubscriberId: SEED_SUBSCRIBER_IDS[3]!,
      },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      reason: 'ZD-5100 customer switching from Verizon',
      customerName: 'Dana Smith',
    });
    if (submitted.status !== 'pending_approval') throw new Error(submitted.status);
    await e2e.ops.ctx.messages.sync(submitted.request.id);
    const card = cards().find((c) => textOf(c.body).includes('(313) 555-0142'))!;
    expect(textOf(card.body)).toContain('D. Smith');
    expect(textOf(card.body)).toContain('ZD-5100');
    await approve(card);
    await expect
      .poll(async () => (await e2e.store.orders.listOpenByChannel(CHANNEL)).find((o) => o.kind === 'portin'))
      .toBeDefined();
    const order = (await e2e.store.orders.listOpenByChannel(CHANNEL)).find((o) => o.kind === 'portin')!;
    portInOrderId = order.orderId;
    await expect
      .poll(() =>
        e2e.fake.callsTo('chat.postMessage').some((c) => textOf(c.body).includes('submitted to Telegent')),
      )
      .toBe(true);
    const aboutPortIn = e2e.fake.calls.filter(
      (c) =>
        c.method.startsWith('chat.') && /Port-in/.test(textOf(c.body)) && textOf(c.body).includes('0142'),
    );
    for (const call of aboutPortIn) expect(textOf(call.body)).not.toMatch(/Port-in\*? done/);

    await sweep(6);
    await sweep(60);
    await expect
      .poll(() =>
        e2e.fake.calls.some((c) => textOf(c.body).includes('Carrier rejected: account number wrong (8A)')),
      )
      .toBe(true);
  });

  it('status, orders, App Home, digest and an unknown order answer in words', async () => {
    await e2e.command(`status ${portInOrderId}`);
    await e2e.command('orders');
    await e2e.command('status JNUOID-00000000-0000-4000-8000-000000000000');
    await e2e.slack.event({ type: 'app_home_opened', user: REQUESTER, tab: 'home', channel: 'D1' });
    await e2e.command('digest on 09:00 America/Denver');
    await expect.poll(() => e2e.fake.callsTo('views.publish').length).toBeGreaterThan(0);
    const at = new Date(e2e.sandbox.clock.now().getTime() + 24 * 3_600_000);
    await e2e.ops.jobs.runDigestOnce(at);
    await expect.poll(() => e2e.responses().length).toBeGreaterThanOrEqual(5);

    const orders = e2e.responses().find((r) => textOf(r.body).includes('Open orders'))!;
    const rows = readable(orders.body).filter((t) => /\* of /.test(t));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/<https:\/\/slack\.com\/archives\/C[A-Z0-9]+\/p\d+\|/);

    const unknown = e2e.responses().find((r) => textOf(r.body).includes('(ref '));
    expect(unknown).toBeDefined();
  });

  it("one top-level post per request in the requester's channel, edited in place; the rest is in its thread", async () => {
    const top = e2e.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.body.channel === CHANNEL && !c.body.thread_ts && c.response.ok);
    const kinds = top.map((c) => (c.body.metadata as { event_type?: string } | undefined)?.event_type);
    // The provision and the port-in: one message each; the digest is the only other top-level post.
    expect(kinds.filter((k) => k === 'telegent_request_story')).toHaveLength(2);
    expect(kinds.filter((k) => k !== 'telegent_request_story' && k !== 'telegent_digest')).toEqual([]);
    const waiting = top.find((c) => textOf(c.body).includes('(313) 555-0142'))!;
    expect(String(waiting.body.text)).toMatch(
      /^\[SANDBOX\] Port-in of \(313\) 555-0142 from Verizon.* — waiting for approval$/,
    );

    // The port-in's order is watched in that message's thread, and the message follows its status.
    const order = (await e2e.store.orders.get(portInOrderId))!;
    expect(order.threadTs).toBe(String(waiting.response.ts));
    const edits = e2e.fake.callsTo('chat.update').filter((c) => c.body.ts === order.threadTs);
    expect(edits.some((c) => textOf(c.body).includes('Carrier error'))).toBe(true);
    const thread = e2e.fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === order.threadTs);
    expect(thread.some((c) => textOf(c.body).includes('submitted to Telegent'))).toBe(true);
    expect(thread.some((c) => textOf(c.body).includes('Carrier rejected: account number wrong (8A)'))).toBe(
      true,
    );
  });

  it('no payload holds an ISO timestamp, UTC, an ISO date, an endpoint path or an unescaped placeholder', () => {
    const all = e2e.fake.allBodiesText();
    expect(all).not.toMatch(ISO_TIMESTAMP);
    expect(all).not.toMatch(ENDPOINT);
    const texts = e2e.fake.calls.flatMap((c) => readable(c.body));
    expect(texts.length).toBeGreaterThan(50);
    for (const text of texts) {
      expect(text, text).not.toMatch(/\bUTC\b/);
      expect(text, text).not.toMatch(ISO_DATE);
      expect(text, text).not.toMatch(UNESCAPED_PLACEHOLDER);
    }
  });
});
