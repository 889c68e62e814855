import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow } from '../../src/requests/index.js';
import { approvalPolicy } from '../support/approval-policy.js';
import { storeKinds } from '../support/test-db.js';
import { APPROVERS, CHANNEL, PROVISION_FORM, REQUESTER, startWorkflowFixture } from './fixture.js';

describe.each(storeKinds())('approvals on %s', (kind) => {
  let fx: Awaited<ReturnType<typeof startWorkflowFixture>>;
  beforeAll(async () => {
    fx = await startWorkflowFixture(kind);
  });
  afterAll(() => fx.close());

  const submitProvision = async (key: string) => {
    const outcome = await fx.workflow.submit({
      kind: 'provision',
      raw: PROVISION_FORM,
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      idempotencyKey: key,
    });
    if (outcome.status !== 'pending_approval') throw new Error(`expected pending, got ${outcome.status}`);
    return outcome.request;
  };

  it('50 concurrent approvals from different approvers execute once and provision once', async () => {
    const request = await submitProvision('view-50');
    const before = fx.mutations('/v1.0/numbers/provision').length;
    const outcomes = await Promise.all(
      APPROVERS.map((approver) => fx.workflow.approve(request.id, approver)),
    );

    const winners = outcomes.filter((o) => o.status === 'approved');
    expect(winners).toHaveLength(1);
    const losers = outcomes.filter((o) => o.status === 'already_decided');
    expect(losers).toHaveLength(49);
    const winner = winners[0]!;
    if (winner.status !== 'approved') throw new Error('unreachable');
    expect(winner.execution.status).toBe('succeeded');
    for (const loser of losers) {
      if (loser.status === 'already_decided') expect(loser.decidedBy).toBe(winner.request.approver);
    }
    expect(fx.mutations('/v1.0/numbers/provision').length - before).toBe(1);

    const stored = await fx.store.requests.get(request.id);
    expect(stored?.status).toBe('succeeded');
    const orders = await fx.store.orders.listOpenByChannel(CHANNEL);
    const closed = await fx.store.orders.listClosedSince(CHANNEL, new Date(0));
    const order = [...orders, ...closed].find((o) => o.requestId === request.id);
    expect(order?.kind).toBe('provision');
    expect(order?.orderId).toMatch(/^JN/);
    const audit = await fx.store.audit.listByRequest(request.id);
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['submitted', 'approved', 'execution_started', 'execution_succeeded']),
    );
    expect(audit.filter((a) => a.action === 'approve_refused')).toHaveLength(49);
  });

  it('the same form submitted twice is one request', async () => {
    const first = await submitProvision('view-dup');
    const again = await fx.workflow.submit({
      kind: 'provision',
      raw: PROVISION_FORM,
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      idempotencyKey: 'view-dup',
    });
    expect(again).toMatchObject({ status: 'duplicate', request: { id: first.id } });
  });

  it('refuses self-approval and non-approvers, and leaves the request pending', async () => {
    const request = await submitProvision('view-self');
    expect((await fx.workflow.approve(request.id, REQUESTER)).status).toBe('not_approver');
    const selfApprover = startSelfApproverWorkflow();
    expect((await selfApprover.approve(request.id, REQUESTER)).status).toBe('self_approval');
    expect((await fx.workflow.approve(request.id, 'U0STRANGER')).status).toBe('not_approver');
    expect((await fx.store.requests.get(request.id))?.status).toBe('pending_approval');
    const actions = (await fx.store.audit.listByRequest(request.id)).map((a) => a.action);
    expect(actions.filter((a) => a === 'approve_refused')).toHaveLength(3);
  });

  function startSelfApproverWorkflow() {
    return createWorkflow({
      store: fx.store,
      telegent: fx.telegent,
      policy: approvalPolicy(),
      isApprover: async () => true,
      logger: fx.log.logger,
    });
  }

  it('refuses to approve a rejected request, and the requester withdraws with Reject', async () => {
    const rejected = await submitProvision('view-rejected');
    expect(await fx.workflow.reject(rejected.id, APPROVERS[0]!, 'wrong subscriber')).toMatchObject({
      status: 'rejected',
      request: { status: 'rejected', decisionReason: 'wrong subscriber' },
    });
    expect(await fx.workflow.approve(rejected.id, APPROVERS[1]!)).toMatchObject({
      status: 'already_decided',
      decidedBy: APPROVERS[0],
    });

    const withdrawn = await submitProvision('view-withdrawn');
    expect(await fx.workflow.reject(withdrawn.id, REQUESTER)).toMatchObject({ status: 'cancelled' });
  });

  it('expires pending requests past the TTL and then refuses to approve them', async () => {
    let clock = new Date();
    const timed = startWorkflowWithClock(() => clock);
    const outcome = await timed.submit({
      kind: 'provision',
      raw: PROVISION_FORM,
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      idempotencyKey: 'view-expire',
    });
    if (outcome.status !== 'pending_approval') throw new Error(outcome.status);
    clock = new Date(clock.getTime() + 25 * 3_600_000);
    expect((await timed.approve(outcome.request.id, APPROVERS[0]!)).status).toBe('expired');
    const expired = await timed.expireDue();
    expect(expired.map((r) => r.id)).toContain(outcome.request.id);
    expect((await fx.store.requests.get(outcome.request.id))?.status).toBe('expired');
    expect(await timed.approve(outcome.request.id, APPROVERS[0]!)).toMatchObject({
      status: 'already_decided',
    });
  });

  it('a process that dies between the decision and the claim: the recovery job executes the request once', async () => {
    let clock = new Date();
    const dying = startWorkflowWithClock(() => clock);
    const survivor = startWorkflowWithClock(() => clock);
    const request = await submitProvision('view-stranded');
    const before = fx.mutations('/v1.0/numbers/provision').length;
    // The approver's process stops inside onApproved (posting the decided card): never reaches the claim.
    await expect(
      dying.approve(request.id, APPROVERS[0]!, {
        onApproved: async () => {
          throw new Error('process stopped');
        },
      }),
    ).rejects.toThrow('process stopped');
    expect((await fx.store.requests.get(request.id))?.status).toBe('approved');

    expect(await survivor.recoverUnclaimedApprovals()).toEqual([]); // not a minute yet
    clock = new Date(clock.getTime() + 61_000);
    const [recovered, raced] = await Promise.all([
      survivor.recoverUnclaimedApprovals(),
      dying.recoverUnclaimedApprovals(), // another replica's job at the same time
    ]);
    const outcomes = [...recovered, ...raced].filter((o) => o.request?.id === request.id);
    expect(outcomes.map((o) => o.status)).toEqual(['succeeded']);
    expect(fx.mutations('/v1.0/numbers/provision').length - before).toBe(1);
    expect((await fx.store.requests.get(request.id))?.status).toBe('succeeded');
    const actions = (await fx.store.audit.listByRequest(request.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['approved', 'execution_started', 'approval_recovered']));
    expect(await survivor.recoverUnclaimedApprovals()).toEqual([]);
  });

  it('an approval stranded for over an hour is failed with a sentence, never sent late', async () => {
    let clock = new Date();
    const dying = startWorkflowWithClock(() => clock);
    const request = await submitProvision('view-stale');
    const before = fx.mutations('/v1.0/numbers/provision').length;
    await expect(
      dying.approve(request.id, APPROVERS[0]!, {
        onApproved: async () => {
          throw new Error('process stopped');
        },
      }),
    ).rejects.toThrow('process stopped');
    clock = new Date(clock.getTime() + 2 * 3_600_000); // the app was down for two hours
    const outcomes = (await startWorkflowWithClock(() => clock).recoverUnclaimedApprovals()).filter(
      (o) => o.request?.id === request.id,
    );
    expect(outcomes).toMatchObject([{ status: 'failed', error: expect.stringMatching(/Submit it again/) }]);
    expect(fx.mutations('/v1.0/numbers/provision').length).toBe(before);
    expect(await fx.store.requests.get(request.id)).toMatchObject({ status: 'failed', hasSecrets: false });
  });

  it('"waiting for you" follows decideApproval: own requests appear only where self-approval is allowed', async () => {
    const request = await submitProvision('view-waiting');
    const listedFor = async (workflow: ReturnType<typeof createWorkflow>, user: string) =>
      (await workflow.listWaitingFor(user)).some((r) => r.id === request.id);
    const strict = fx.workflow;
    const lenient = createWorkflow(everyoneApproves(true));
    expect(await listedFor(strict, APPROVERS[1]!)).toBe(true);
    expect(await listedFor(strict, 'U0NOTAPPROVER')).toBe(false);
    expect(await listedFor(lenient, REQUESTER)).toBe(true);
    expect(await listedFor(createWorkflow(everyoneApproves(false)), REQUESTER)).toBe(false);
    await fx.workflow.reject(request.id, REQUESTER);
    expect(await listedFor(lenient, REQUESTER)).toBe(false);
  });

  /** Everyone is an approver (the requester too): only the self-approval policy decides. */
  function everyoneApproves(allowSelfApproval: boolean) {
    return {
      store: fx.store,
      telegent: fx.telegent,
      policy: approvalPolicy({ allowSelfApproval }),
      isApprover: async () => true,
      logger: fx.log.logger,
    };
  }

  function startWorkflowWithClock(now: () => Date) {
    const policy = approvalPolicy();
    return createWorkflow({
      store: fx.store,
      telegent: fx.telegent,
      policy,
      isApprover: async (u) => APPROVERS.includes(u),
      logger: fx.log.logger,
      now,
    });
  }
});
