import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortId } from '../../src/operations/glossary.js';
import { PORTIN_REJECTED_ACCOUNT_NUMBER } from '../../src/sandbox/magic.js';
import { SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import { APPROVER, CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

const NUMBER = '+13855550333';
const SUBSCRIBER = SEED_SUBSCRIBER_IDS[1]; // Ana Lopez, ana.lopez@example.com in the sandbox's seed

/** The lines of a history answer, newest first, as a person reads them. */
const linesOf = (body: { blocks: Array<{ type: string; text?: { text: string } }> }) =>
  body.blocks
    .filter((b) => b.type === 'section')
    .flatMap((b) => (b.text?.text ?? '').split('\n'))
    .filter((l) => l.startsWith('• '));

describe("/telegent history: our steps and the carrier's status changes, merged, newest first", () => {
  let e2e: E2E;
  let orderId: string;
  beforeAll(async () => {
    e2e = await startE2E({ now: 'sandbox' });
    const sweep = async (minutes: number) => {
      e2e.sandbox.clock.advance(minutes * 60);
      await e2e.ops.jobs.runPollerOnce();
      await e2e.ops.jobs.runOutboxOnce();
    };
    // A port-in the carrier rejects (the sandbox's magic account number) …
    const submitted = await e2e.ops.ctx.workflow.submit({
      kind: 'portin',
      raw: {
        phoneNumber: NUMBER,
        currentCarrierName: 'Verizon',
        currentAccountNumber: PORTIN_REJECTED_ACCOUNT_NUMBER,
        billingAddress: { street1: '9 Center St', city: 'Provo', state: 'UT', zip: '84601' },
        currentAccountPassword: 'History-Pass-5',
        assignedSubscriberId: SUBSCRIBER,
      },
      reason: 'ZD-4821 her port is stuck',
      customerName: 'Ana Lopez',
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (submitted.status !== 'pending_approval') throw new Error(submitted.status);
    await e2e.ops.ctx.workflow.approve(submitted.request.id, APPROVER);
    const order = (await e2e.store.orders.listOpenByChannel(CHANNEL)).find((o) =>
      o.numbers.includes(NUMBER),
    )!;
    orderId = order.orderId;
    await sweep(6);
    await sweep(60);
    expect((await e2e.store.orders.get(orderId))?.status).toBe('Rejected');
    // … then, fixed through an update, completes.
    const update = await e2e.ops.ctx.workflow.submit({
      kind: 'portin-update',
      raw: { orderId, currentAccountNumber: '55443322' },
      reason: 'ZD-4821 right account number',
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (update.status === 'pending_approval') await e2e.ops.ctx.workflow.approve(update.request.id, APPROVER);
    for (const minutes of [1, 6, 60, 24 * 60, 2 * 24 * 60]) await sweep(minutes);
    expect((await e2e.store.orders.get(orderId))?.status).toMatch(/^Complete/);
  });
  afterAll(() => e2e.close());

  const answer = async (text: string) => {
    const before = e2e.responses().length;
    await e2e.command(text);
    await expect.poll(() => e2e.responses().length).toBeGreaterThan(before);
    return e2e.responses()[before]!.body as {
      text: string;
      blocks: Array<{ type: string; text?: { text: string } }>;
    };
  };

  it("of the number: the carrier's rejection and completion among our steps, newest first, in words", async () => {
    const body = await answer(`history ${NUMBER}`);
    const lines = linesOf(body);
    expect(body.text).toBe('[SANDBOX] History of (385) 555-0333');
    const completed = lines.findIndex((l) =>
      /Port-in `JNUOID-[0-9a-f]{8}…`: Telegent says \*Completed\*/.test(l),
    );
    const rejected = lines.findIndex((l) =>
      l.includes('Telegent says *Rejected* — Carrier says: Rejected by losing carrier: account has a hold'),
    );
    expect(completed).toBe(0); // the newest
    expect(rejected).toBeGreaterThan(completed);
    // Each line says when (Slack's date token) and, for people's steps, who.
    for (const line of lines) expect(line).toMatch(/^• <!date\^\d+\^/);
    expect(textOf(body)).not.toContain('That is everything');
    expect(textOf(body)).toContain('history.older');
    // E.164 only in the Older… value the app reads back, never in what people read.
    expect(textOf(body.blocks.filter((b) => b.type !== 'actions'))).not.toContain(NUMBER);
  });

  it('Older… pages back through the merged list to our first steps, nothing shown twice', async () => {
    const first = await answer(`history ${NUMBER}`);
    const seen = linesOf(first);
    let page = first;
    for (let i = 0; i < 5 && textOf(page.blocks).includes('history.older'); i++) {
      const value = (
        page.blocks.find((b) => b.type === 'actions') as unknown as {
          elements: Array<{ value: string }>;
        }
      ).elements[0]!.value;
      const before = e2e.responses().length;
      await e2e.slack.blockAction({
        actionId: 'history.older',
        value,
        userId: REQUESTER,
        channelId: CHANNEL,
        messageTs: '1.5',
      });
      await expect.poll(() => e2e.responses().length).toBeGreaterThan(before);
      page = e2e.responses()[before]!.body as typeof first;
      expect(page.text).toContain('History of (385) 555-0333');
      seen.push(...linesOf(page));
    }
    expect(textOf(page.blocks)).toContain('That is everything this app recorded.');
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.at(-1)).toMatch(/Port-in: asked by <@U0REQUESTER1> — reason: “ZD-4821 her port is stuck”/);
    expect(seen.some((l) => l.includes('Port-in: approved by <@U0APPROVER01>'))).toBe(true);
    expect(seen.some((l) => l.includes('Port-in update: asked by'))).toBe(true);
    expect(seen.some((l) => l.includes('Telegent says *Submitted*'))).toBe(true);
    // Newest first across both sources: the first line of each page is newer than the last of the one before.
    const times = seen.map((l) => Number(/<!date\^(\d+)\^/.exec(l)![1]));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("the number card's recent history carries the carrier's last statuses too", async () => {
    const card = textOf((await answer(`number ${NUMBER}`)).blocks);
    expect(card).toContain('*Recent history*');
    expect(card).toMatch(/Port-in `JNUOID-[0-9a-f]{8}…`: Telegent says \*Completed\*/);
  });

  it('of the order, by its short id: the same carrier lines, the order not repeated on each', async () => {
    const lines = linesOf(await answer(`history ${shortId(orderId)}`));
    expect(lines[0]).toMatch(/Port-in: Telegent says \*Completed\*/);
    expect(lines.some((l) => l.includes('Telegent says *Rejected*'))).toBe(true);
  });

  it('of the customer, by TSUID or email: her requests and their orders; an unknown email is a sentence', async () => {
    for (const who of [SUBSCRIBER, 'ana.lopez@example.com']) {
      const body = await answer(`history ${who}`);
      expect(body.text, who).toBe('[SANDBOX] History of Ana Lopez');
      const lines = linesOf(body);
      expect(lines[0]).toMatch(/Telegent says \*Completed\*/);
      expect(lines.some((l) => l.includes('Telegent says *Rejected*'))).toBe(true);
    }
    const other = await answer(`history ${SEED_SUBSCRIBER_IDS[4]}`);
    expect(textOf(other)).toContain('Nothing from Telegent Ops about');
    const unknown = await answer('history nobody@example.com');
    expect(textOf(unknown)).toContain('No Telegent subscriber has the email nobody@example.com');
  });
});
