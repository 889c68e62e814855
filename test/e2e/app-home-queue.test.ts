import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPhone } from '../../src/operations/glossary.js';
import { SEED_NUMBERS } from '../../src/sandbox/seed.js';
import type { FakeSlackCall } from '../support/fake-slack.js';
import { APPROVALS_CHANNEL, APPROVER, CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

describe("App Home's approver queue", () => {
  let clock = new Date('2030-06-03T15:00:00Z');
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ now: () => clock });
  });
  afterAll(() => e2e.close());

  /** A pending park of a seeded number, its card posted, filed `minutesAgo` before the clock. */
  async function pendingPark(number: string, at: Date) {
    clock = at;
    const outcome = await e2e.ops.ctx.workflow.submit({
      kind: 'park',
      raw: { phoneNumber: number, reason: 'customer on holiday, ticket 4411' },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (outcome.status !== 'pending_approval') throw new Error(JSON.stringify(outcome));
    await e2e.ops.ctx.messages.sync(outcome.request.id);
    return (await e2e.store.requests.get(outcome.request.id))!;
  }
  const parks = () => e2e.sandbox.mutations().filter((m) => m.path.toLowerCase() === '/v1.0/numbers/status');
  const home = async (user: string) => {
    const count = e2e.fake.callsTo('views.publish').length;
    await e2e.slack.event({ type: 'app_home_opened', user, tab: 'home', channel: 'D1' });
    await expect.poll(() => e2e.fake.callsTo('views.publish').length).toBeGreaterThan(count);
    return e2e.fake.callsTo('views.publish').at(-1)!;
  };
  /** The Approve button element for `requestId` among `blocks`, as JSON. */
  const approveButtonIn = (blocks: unknown, requestId: string) =>
    JSON.stringify(
      (blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>)
        .flatMap((b) => b.elements ?? [])
        .find((e) => e.action_id === 'request.approve' && e.value === requestId),
    );
  const decidedCard = (ts: string): FakeSlackCall | undefined =>
    e2e.fake
      .callsTo('chat.update')
      .findLast((c) => c.body.ts === ts && textOf(c.body).includes('Approved by'));

  it('lists what waits oldest first with age, who asked and the summary; Approve there takes the card path', async () => {
    const older = await pendingPark(SEED_NUMBERS[7]!, new Date('2030-06-03T15:00:00Z'));
    const newer = await pendingPark(SEED_NUMBERS[8]!, new Date('2030-06-03T16:30:00Z'));
    clock = new Date('2030-06-03T17:05:00Z');

    const view = await home(APPROVER);
    const text = textOf(view.body.view);
    expect(text).toContain('Waiting for your approval* (2, oldest first)');
    // Each row leads with the number it is about.
    expect(text).toContain(
      `*${formatPhone(SEED_NUMBERS[7]!)}* · Park line · waiting 2 h 5 min · asked by <@${REQUESTER}>`,
    );
    expect(text).toContain(
      `*${formatPhone(SEED_NUMBERS[8]!)}* · Park line · waiting 35 min · asked by <@${REQUESTER}>`,
    );
    expect(text.indexOf('waiting 2 h 5 min')).toBeLessThan(text.indexOf('waiting 35 min'));
    // The very same Approve button (and confirm dialog) as on the card.
    const card = e2e.fake
      .callsTo('chat.postMessage')
      .find((c) => c.body.channel === APPROVALS_CHANNEL && c.response.ts === older.cardTs)!;
    const onCard = approveButtonIn(card.body.blocks, older.id);
    expect(onCard).toContain('"confirm"');
    expect(approveButtonIn(view.body.view.blocks, older.id)).toBe(onCard);

    // Approve the older one from App Home, the newer one on its card.
    await e2e.slack.blockAction({
      actionId: 'request.approve',
      value: older.id,
      userId: APPROVER,
      view: { id: String(view.response.view?.id), type: 'home' },
    });
    await e2e.slack.blockAction({
      actionId: 'request.approve',
      value: newer.id,
      userId: APPROVER,
      channelId: APPROVALS_CHANNEL,
      messageTs: newer.cardTs!,
    });
    await expect.poll(() => parks().length).toBe(2);
    for (const { id } of [older, newer]) {
      await expect.poll(async () => (await e2e.store.requests.get(id))?.status).toBe('succeeded');
    }

    // The card in the approvals channel is updated exactly as when clicked on the card.
    await expect.poll(() => decidedCard(older.cardTs!) && decidedCard(newer.cardTs!)).toBeTruthy();
    const normalise = (c: FakeSlackCall) =>
      textOf(c.body.blocks)
        .replaceAll(older.id, 'REQ')
        .replaceAll(newer.id, 'REQ')
        .replace(/\+1\d{10}/g, 'NUM')
        .replace(/\(\d{3}\) \d{3}-\d{4}/g, 'NUM')
        .replace(/req_[0-9a-f]{8}…/g, 'REQ')
        .replace(/<!date\^\d+/g, '<!date');
    expect(normalise(decidedCard(older.cardTs!)!)).toBe(normalise(decidedCard(newer.cardTs!)!));
    const audit = async (id: string) =>
      (await e2e.store.audit.listByRequest(id)).map((e) => `${e.actor}:${e.action}`);
    await expect
      .poll(async () => [(await audit(older.id)).join(), (await audit(newer.id)).join()])
      .toEqual([
        expect.stringContaining('execution_succeeded'),
        expect.stringContaining('execution_succeeded'),
      ]);
    expect(await audit(older.id)).toEqual(await audit(newer.id));
    expect(await audit(older.id)).toContain(`${APPROVER}:approved`);

    // The queue is shown again without what was just decided.
    await expect
      .poll(() => textOf(e2e.fake.callsTo('views.publish').at(-1)?.body.view))
      .toContain('Nothing to approve.');
  });
});
