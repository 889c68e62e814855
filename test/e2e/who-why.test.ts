import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import { APPROVER, CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

const SLOW = { timeout: 15_000 };

/**
 * Issue 24's "who and why": a port-in filed for Jane Doe with the ticket ZD-4821 keeps both once it is an
 * order — on its message in the channel, its thread lines, `/telegent orders`, the digest and the requester's
 * final DM — with the short name ("J. Doe") wherever the channel reads it.
 */
describe('a port-in for Jane Doe, ticket ZD-4821, says whom and why on every surface', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ now: 'sandbox' });
  }, 60_000);
  afterAll(() => e2e.close());

  const sweep = async (minutes: number) => {
    e2e.sandbox.clock.advance(minutes * 60);
    await e2e.ops.jobs.runPollerOnce();
    await e2e.ops.jobs.runOutboxOnce();
  };
  const channelPosts = () =>
    e2e.fake.calls.filter(
      (c) => (c.method === 'chat.postMessage' || c.method === 'chat.update') && c.body.channel === CHANNEL,
    );

  it('channel message, thread lines, /telegent orders, the digest and the final DM', async () => {
    const submitted = await e2e.ops.ctx.workflow.submit({
      kind: 'portin',
      raw: {
        phoneNumber: '+14155550142',
        currentCarrierName: 'Verizon',
        currentAccountNumber: '55667788',
        currentAccountPassword: 'WhoWhy-Pass-5',
        billingAddress: { street1: '9 Market St', city: 'San Francisco', state: 'CA', zip: '94103' },
        assignedSubscriberId: SEED_SUBSCRIBER_IDS[1]!,
      },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      reason: 'ZD-4821',
      customerName: 'Jane Doe',
    });
    if (submitted.status !== 'pending_approval') throw new Error(submitted.status);
    await e2e.ops.ctx.messages.sync(submitted.request.id);
    await e2e.slack.blockAction({
      actionId: 'request.approve',
      value: submitted.request.id,
      userId: APPROVER,
      channelId: CHANNEL,
      messageTs: '1.1',
    });
    await expect
      .poll(async () => (await e2e.store.orders.listOpenByChannel(CHANNEL))[0]?.threadTs, SLOW)
      .toBeTruthy();
    const order = (await e2e.store.orders.listOpenByChannel(CHANNEL))[0]!;
    // Stored with the order: what follows reads it from there.
    expect(order).toMatchObject({ customerName: 'Jane Doe', requestReason: 'ZD-4821' });

    // The request's message became the order's root: it leads with number, customer and ticket.
    const root = () =>
      e2e.fake
        .callsTo('chat.update')
        .filter((c) => c.body.ts === order.threadTs && c.response.ok)
        .at(-1);
    await expect.poll(() => textOf(root()?.body ?? {}), SLOW).toContain('(415) 555-0142 — J. Doe · ZD-4821');

    // Its thread lines: the outcome and every status change.
    await sweep(6); // Pending → Submitted
    const thread = () =>
      e2e.fake
        .callsTo('chat.postMessage')
        .filter((c) => c.body.thread_ts === order.threadTs && c.response.ok)
        .map((c) => textOf(c.body));
    await expect.poll(() => thread().some((t) => t.includes('Status update')), SLOW).toBe(true);
    const lines = thread();
    expect(lines.find((t) => t.includes('submitted to Telegent'))).toMatch(/for J\. Doe[\s\S]*ZD-4821/);
    expect(lines.find((t) => t.includes('Status update'))).toContain('Status update · J. Doe · ZD-4821');

    // `/telegent orders`.
    const answered = e2e.responses().length;
    await e2e.command('orders');
    await expect.poll(() => e2e.responses().length, SLOW).toBeGreaterThan(answered);
    const list = textOf(e2e.responses().at(-1)!.body);
    expect(list).toContain('Open orders');
    expect(list).toContain('(415) 555-0142> — J. Doe · ZD-4821');

    // The digest, the next morning.
    const at = new Date(Math.max(Date.now(), e2e.sandbox.clock.now().getTime()) + 86_400_000);
    const hhmm = at.toISOString().slice(11, 16);
    await e2e.command(`digest on ${hhmm} UTC`);
    expect((await e2e.ops.jobs.runDigestOnce(at)).posted).toEqual([CHANNEL]);
    const digest = e2e.fake
      .callsTo('chat.postMessage')
      .find(
        (c) => (c.body.metadata as { event_type?: string } | undefined)?.event_type === 'telegent_digest',
      )!;
    // The requester by the name Slack shows (users.info), not a mention: the digest pings nobody each morning.
    expect(textOf(digest.body)).toMatch(/\(415\) 555-0142> — J\. Doe · ZD-4821 · User U\w+ · open 1 day/);
    expect(textOf(digest.body)).not.toMatch(/<@U/);

    // App Home, while the port-in is open: its row leads with the number, the customer and the ticket.
    const homes = () => e2e.fake.callsTo('views.publish').filter((c) => c.body.user_id === REQUESTER);
    const before = homes().length;
    await e2e.slack.event({
      type: 'app_home_opened',
      user: REQUESTER,
      tab: 'home',
      channel: `D${REQUESTER}`,
    });
    await expect.poll(() => homes().length, SLOW).toBeGreaterThan(before);
    expect(textOf(homes().at(-1)!.body)).toMatch(/\(415\) 555-0142.{0,40} — J\. Doe · ZD-4821/);

    // The requester's final DM: the full name (a DM) and the ticket.
    for (const minutes of [60, 24 * 60, 2 * 24 * 60]) await sweep(minutes);
    await expect.poll(async () => (await e2e.store.orders.get(order.orderId))?.closedAt, SLOW).toBeTruthy();
    const dm = () =>
      e2e.fake
        .callsTo('chat.postMessage')
        .find((c) => c.body.channel === `D${REQUESTER}` && textOf(c.body).includes('is complete'));
    await expect.poll(() => dm() !== undefined, SLOW).toBe(true);
    expect(textOf(dm()!.body)).toContain('Your port-in of (415) 555-0142 for Jane Doe (order');
    expect(textOf(dm()!.body)).toContain('Reason / ticket: ZD-4821');

    // The channel never read the full name.
    expect(channelPosts().length).toBeGreaterThan(3);
    for (const post of channelPosts()) expect(textOf(post.body)).not.toContain('Jane');
  });
});
