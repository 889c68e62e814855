import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announcePendingRequest } from '../../src/notify/announcer.js';
import { SEED_MESSAGE_ROUTE_IDS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import { APPROVALS_CHANNEL, APPROVER, type E2E, fileProvision, startE2E, textOf } from './harness.js';

describe('approval cards when Slack misbehaves', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  it('the card is posted and then at once shows the decision, not live buttons', async () => {
    const outcome = await fileProvision(e2e);
    if (outcome.status !== 'pending_approval') throw new Error(outcome.status);
    expect((await e2e.ops.ctx.workflow.approve(outcome.request.id, APPROVER)).status).toBe('approved');

    await announcePendingRequest(e2e.ops.ctx, outcome.request);
    const card = e2e.fake.callsTo('chat.postMessage').find((c) => c.body.channel === APPROVALS_CHANNEL);
    const update = e2e.fake.callsTo('chat.update').find((c) => c.body.ts === card?.response.ts);
    expect(textOf(update?.body)).toContain(`Approved by <@${APPROVER}>`);
    expect(textOf(update?.body)).not.toContain('request.approve');
  });

  it('a card Slack will not take (rate limited past the retries) leaves a clear warning and App Home to approve from', async () => {
    await e2e.command('provision 801');
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.provision');
    for (let i = 0; i < 8; i++) e2e.fake.failNext('chat.postMessage', { error: 'ratelimited' });
    await e2e.submit(form, {
      productType: 'Sms-Only',
      messageRouteId: SEED_MESSAGE_ROUTE_IDS[0]!,
      assignedSubscriberId: SEED_SUBSCRIBER_IDS[4]!,
    });
    await expect
      .poll(
        () =>
          e2e.fake
            .callsTo('views.update')
            .some((c) => textOf(c.body.view).includes('did not accept the approval card')),
        { timeout: 20_000 },
      )
      .toBe(true);
    const pending = await e2e.ops.ctx.workflow.listWaitingFor(APPROVER);
    expect(pending.some((r) => r.cardTs === null)).toBe(true);
    expect(e2e.log.text()).not.toMatch(/"level":50/);
  }, 30_000);
});
