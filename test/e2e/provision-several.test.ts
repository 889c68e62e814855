import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/messages/ids.js';
import { formatPhone } from '../../src/operations/glossary.js';
import { SEED_PACKAGES } from '../../src/sandbox/plans-seed.js';
import { SEED_MESSAGE_ROUTE_IDS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import { callsTo } from '../support/sandbox-client.js';
import { APPROVALS_CHANNEL, APPROVER, CHANNEL, type E2E, startE2E, textOf } from './harness.js';

const SLOW = { timeout: 20_000 };
const PROVISION_PATH = '/v1.0/numbers/provision';

const FILL = {
  productType: 'Sms+Data',
  messageRouteId: SEED_MESSAGE_ROUTE_IDS[0]!,
  assignedSubscriberId: SEED_SUBSCRIBER_IDS[2]!,
  packageId: SEED_PACKAGES.unlimitedPlus,
};

/** "3" in the provision form: one approval, three provisions, three plans, one message listing the numbers. */
describe('provision several numbers in one request', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ now: 'sandbox' });
  }, 60_000);
  afterAll(() => e2e.close());

  const approve = (requestId: string) =>
    e2e.slack.blockAction({
      actionId: 'request.approve',
      value: requestId,
      userId: APPROVER,
      channelId: APPROVALS_CHANNEL,
      messageTs: '1.1',
    });

  it('0, 51, "three" → inline errors; "3" → one approval card "3 new lines" → exactly three provisions, three subscriptions, one story', async () => {
    await e2e.ops.ctx.plans.list();
    await e2e.command('provision 385');
    const folded = await e2e.latestView(
      (v) =>
        v.callback_id === 'telegent.provision' &&
        textOf(v).includes(ACTION.moreOptions) &&
        textOf(v).includes('"initial_value":"385"'),
    );
    // "Also: 1 number · …": how many waits behind "More options…" like every field with a default.
    expect(textOf(folded.view)).toContain('Also: 1 number');
    const form = await e2e.moreOptions(folded);
    // Bad input first: refused under the field, nothing filed or sent.
    for (const count of ['0', '51', 'three']) {
      const refused = await e2e.submit(form, { ...FILL, count });
      expect(refused.body).toMatchObject({ response_action: 'errors' });
      expect(textOf(refused.body)).toContain('"count":');
    }
    expect(callsTo(e2e.sandbox, PROVISION_PATH)).toHaveLength(0);

    const since = e2e.fake.calls.length;
    const answer = await e2e.submit(form, { ...FILL, count: '3' });
    expect(answer.body).toMatchObject({ response_action: 'update' });
    await expect
      .poll(
        () =>
          e2e.fake.calls
            .slice(since)
            .filter((c) => c.method === 'chat.postMessage' && c.body.channel === APPROVALS_CHANNEL).length,
        SLOW,
      )
      .toBe(1);
    const card = e2e.fake.calls
      .slice(since)
      .find((c) => c.method === 'chat.postMessage' && c.body.channel === APPROVALS_CHANNEL)!;
    expect(textOf(card.body)).toContain('3 new lines');
    const requestId = textOf(card.body).match(/"value":"(req_[a-z0-9]+)"/)![1]!;

    const subscriptionsBefore = e2e.sandbox.subscriptions().length;
    // A double click: two approvals arrive together; the claim lets one run.
    await Promise.all([approve(requestId), approve(requestId)]);
    await expect.poll(async () => (await e2e.store.requests.get(requestId))?.status, SLOW).toBe('succeeded');
    expect(callsTo(e2e.sandbox, PROVISION_PATH)).toHaveLength(3);

    const items = await e2e.store.requestItems.list(requestId);
    expect(items.map((i) => [i.item, i.status, i.attempts])).toEqual([
      [0, 'done', 1],
      [1, 'done', 1],
      [2, 'done', 1],
    ]);
    const numbers = items.flatMap((i) => (i.result as { numbers: string[] }).numbers);
    expect(new Set(numbers).size).toBe(3);

    await expect
      .poll(
        async () =>
          (await e2e.store.lineSubscriptions.listByRequest(requestId)).filter((s) => s.status === 'done')
            .length,
        SLOW,
      )
      .toBe(3);
    await e2e.ops.jobs.runLineSubscriptionsOnce();
    expect(e2e.sandbox.subscriptions()).toHaveLength(subscriptionsBefore + 3);

    // One story message in the requester's channel, edited in place to list the three numbers.
    const request = (await e2e.store.requests.get(requestId))!;
    const storyPosts = e2e.fake.calls
      .slice(since)
      .filter((c) => c.method === 'chat.postMessage' && c.body.channel === CHANNEL && !c.body.thread_ts);
    expect(storyPosts).toHaveLength(1);
    await expect
      .poll(() => {
        const edits = e2e.fake.calls.filter(
          (c) => c.method === 'chat.update' && c.body.channel === CHANNEL && c.body.ts === request.storyTs,
        );
        return textOf(edits.at(-1)?.body);
      }, SLOW)
      .toContain('Provisioned 3 of 3');
    const last = e2e.fake.calls
      .filter(
        (c) => c.method === 'chat.update' && c.body.channel === CHANNEL && c.body.ts === request.storyTs,
      )
      .at(-1)!;
    for (const n of numbers) expect(textOf(last.body)).toContain(formatPhone(n));
  });
});
