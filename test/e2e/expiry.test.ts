import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVALS_CHANNEL, APPROVER, CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

describe('approval expiry', () => {
  let e2e: E2E;
  let clock = new Date();
  beforeAll(async () => {
    e2e = await startE2E({ now: () => clock });
  });
  afterAll(() => e2e.close());

  it('marks a request expired after APPROVAL_TTL_HOURS, updates its card, tells the requester, purges secrets', async () => {
    const outcome = await e2e.ops.ctx.workflow.submit({
      kind: 'portin',
      raw: {
        phoneNumber: '+14155550199',
        currentCarrierName: 'Verizon',
        currentAccountNumber: '66110022',
        currentAccountPassword: 'Expiring-Secret-1',
        billingAddress: { street1: '1 Main St', city: 'Provo', state: 'UT', zip: '84601' },
        assignedSubscriberId: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
      },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (outcome.status !== 'pending_approval') throw new Error(outcome.status);
    await e2e.ops.ctx.messages.sync(outcome.request.id);
    const carded = await e2e.store.requests.get(outcome.request.id);
    expect(carded?.cardTs).toBeTruthy();

    await e2e.ops.runExpiryOnce(); // not yet due
    expect((await e2e.store.requests.get(outcome.request.id))?.status).toBe('pending_approval');

    clock = new Date(clock.getTime() + 24 * 3_600_000 + 1_000);
    await e2e.ops.runExpiryOnce();
    const expired = await e2e.store.requests.get(outcome.request.id);
    expect(expired).toMatchObject({ status: 'expired', hasSecrets: false });
    const raw = (await e2e.store.db.query('SELECT secrets FROM requests WHERE id = $1', [outcome.request.id]))
      .rows[0];
    expect(raw).toEqual({ secrets: null });

    const cardUpdate = e2e.fake
      .callsTo('chat.update')
      .find((c) => c.body.channel === APPROVALS_CHANNEL && c.body.ts === carded!.cardTs);
    expect(textOf(cardUpdate?.body)).toMatch(/[Ee]xpired/);
    expect(textOf(cardUpdate?.body)).not.toContain('request.approve');
    const notice = e2e.fake
      .callsTo('chat.postMessage')
      .find((c) => c.body.channel === CHANNEL && textOf(c.body).includes('expired'));
    expect(textOf(notice?.body)).toContain(`<@${REQUESTER}>`);
    const actions = (await e2e.store.audit.listByRequest(outcome.request.id)).map((a) => a.action);
    expect(actions).toContain('expired');

    // A late approval is refused.
    expect(await e2e.ops.ctx.workflow.approve(outcome.request.id, APPROVER)).toMatchObject({
      status: 'already_decided',
    });
  });
});
