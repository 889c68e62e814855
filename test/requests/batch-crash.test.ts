import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provision, provisionToTelegent } from '../../src/operations/provision.js';
import { ITEM_LEASE_SECONDS } from '../../src/requests/batch.js';
import { SEED_PACKAGES } from '../../src/sandbox/plans-seed.js';
import { SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import { storeKinds } from '../support/test-db.js';
import {
  APPROVERS,
  CHANNEL,
  leaseRunsOut as leaseRunsOutIn,
  PROVISION_FORM,
  REQUESTER,
  startWorkflowFixture,
  workflowOnClock,
} from './fixture.js';

/** Another subscriber than the first case's: its read-back sees only this case's numbers. */
const PROVISION_FORM_OTHER_SUBSCRIBER = SEED_SUBSCRIBER_IDS[1]!;

/** The two-kills case's own subscriber: its read-backs see only its lines. */
const TWO_KILLS_SUBSCRIBER = SEED_SUBSCRIBER_IDS[3]!;

const PROVISION_PATH = '/v1.0/numbers/provision';

/**
 * kill -9 in the middle of "provision 3": one item's provision reached Telegent but its answer died with the
 * worker, one item was claimed by the dead worker and never sent, one was never reached. After the lease runs
 * out the restart submits the rest and none twice: exactly three provisions.
 */
describe.each(storeKinds())('a batch taken over after a crash on %s', (kind) => {
  let fx: Awaited<ReturnType<typeof startWorkflowFixture>>;
  beforeAll(async () => {
    fx = await startWorkflowFixture(kind);
  }, 60_000);
  afterAll(() => fx?.close());
  const leaseRunsOut = (requestId: string) => leaseRunsOutIn(fx.store, requestId);

  it('item sent before the crash is read back (not re-sent); the dead claim and the untouched one are sent once', async () => {
    let clock = new Date();
    const workflow = workflowOnClock(fx, () => clock);
    // On a plan: the line settled by the read-back gets none, and says so.
    const input = provision.input.parse({
      ...PROVISION_FORM,
      count: '3',
      packageId: SEED_PACKAGES.unlimitedPlus,
      planName: 'Unlimited Plus',
    });
    const { request } = await fx.store.requests.insert({
      kind: 'provision',
      status: 'approved',
      input: input as unknown as Record<string, unknown>,
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      now: clock,
    });
    // The dead process: claimed the request, stored the items, …
    expect(await fx.store.requests.claimExecution(request.id, clock)).not.toBeNull();
    await fx.store.requestItems.addAll(request.id, 3, clock);
    const lease = { now: clock, leaseSeconds: ITEM_LEASE_SECONDS };
    // … sent item 0 (Telegent made the number) and died before recording the answer, …
    const sent = (await fx.store.requestItems.claimNext(request.id, lease))!;
    expect(await fx.store.requestItems.markSending(sent, lease)).toBe(true);
    const made = await fx.telegent.provisionNumber(provisionToTelegent(input));
    // … and had claimed item 1 without sending it.
    expect((await fx.store.requestItems.claimNext(request.id, lease))?.item).toBe(1);
    expect(fx.mutations(PROVISION_PATH)).toHaveLength(1);

    // Restarted before the lease ran out: nothing is taken over yet.
    clock = new Date(clock.getTime() + 30_000);
    expect(await workflow.recoverStuckExecutions()).toEqual([]);
    expect(fx.mutations(PROVISION_PATH)).toHaveLength(1);

    // The lease ran out: the housekeeping job takes the batch over.
    clock = new Date(clock.getTime() + (ITEM_LEASE_SECONDS + 1) * 1000);
    await leaseRunsOut(request.id);
    const outcomes = await workflow.recoverStuckExecutions();
    // The item whose answer was lost is not sent again; what the read-back found is said, for a person to check
    // ("a number bought today for this subscriber" may be another request's line): the batch is not known.
    expect(outcomes.map((o) => o.status)).toEqual(['unknown']);
    expect(fx.mutations(PROVISION_PATH)).toHaveLength(3);

    const items = await fx.store.requestItems.list(request.id);
    expect(items.map((i) => [i.item, i.status, i.attempts])).toEqual([
      [0, 'unknown', 1],
      [1, 'done', 1],
      [2, 'done', 1],
    ]);
    expect(items[0]!.result).toMatchObject({
      reconciliation: { found: true, number: made.PhoneNumberAssigned },
    });
    expect(items[0]!.error).toContain('not sent again');
    expect(JSON.stringify(items[0]!.result)).toContain('Its plan Unlimited Plus was not applied');
    const numbers = items.slice(1).map((i) => (i.result as { numbers: string[] }).numbers[0]);
    expect(new Set([made.PhoneNumberAssigned, ...numbers]).size).toBe(3);
    const actions = (await fx.store.audit.listByRequest(request.id)).map((a) => a.action);
    expect(actions).toContain('batch_resumed');
    expect(actions).toContain('item_unknown');
    expect((await fx.store.requests.get(request.id))?.status).toBe('unknown');

    // Run again: nothing is left, nothing more is sent.
    clock = new Date(clock.getTime() + 3_600_000);
    expect(await workflow.recoverStuckExecutions()).toEqual([]);
    expect(fx.mutations(PROVISION_PATH)).toHaveLength(3);
  });

  it('two items killed mid-call in one batch: each read-back names its own line, never the other’s', async () => {
    let clock = new Date();
    const workflow = workflowOnClock(fx, () => clock);
    const input = provision.input.parse({
      ...PROVISION_FORM,
      assignedSubscriberId: TWO_KILLS_SUBSCRIBER,
      count: '3',
    });
    const { request } = await fx.store.requests.insert({
      kind: 'provision',
      status: 'approved',
      input: input as unknown as Record<string, unknown>,
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      now: clock,
    });
    expect(await fx.store.requests.claimExecution(request.id, clock)).not.toBeNull();
    await fx.store.requestItems.addAll(request.id, 3, clock);
    const lease = () => ({ now: clock, leaseSeconds: ITEM_LEASE_SECONDS });
    const before = fx.mutations(PROVISION_PATH).length;
    // The first executor sent item 0 and died before recording it …
    const first = (await fx.store.requestItems.claimNext(request.id, lease()))!;
    expect(await fx.store.requestItems.markSending(first, lease())).toBe(true);
    const made0 = await fx.telegent.provisionNumber(provisionToTelegent(input));
    clock = new Date(clock.getTime() + (ITEM_LEASE_SECONDS + 1) * 1000);
    await leaseRunsOut(request.id);
    // … the batch was taken over: item 0 read back (unknown, its line found), and the second executor died
    // after sending item 1.
    const taken = (await fx.store.requestItems.claimNext(request.id, lease()))!;
    expect(taken.item).toBe(0);
    await fx.store.requestItems.finish(
      taken,
      {
        status: 'unknown',
        error: 'not sent again',
        result: { reconciliation: { checked: 'inventory', found: true, number: made0.PhoneNumberAssigned } },
      },
      clock,
    );
    const second = (await fx.store.requestItems.claimNext(request.id, lease()))!;
    expect(second.item).toBe(1);
    expect(await fx.store.requestItems.markSending(second, lease())).toBe(true);
    const made1 = await fx.telegent.provisionNumber(provisionToTelegent(input));

    clock = new Date(clock.getTime() + (ITEM_LEASE_SECONDS + 1) * 1000);
    await leaseRunsOut(request.id);
    await workflow.recoverStuckExecutions();
    expect(fx.mutations(PROVISION_PATH).length - before).toBe(3);
    const items = await fx.store.requestItems.list(request.id);
    expect(items.map((i) => i.status)).toEqual(['unknown', 'unknown', 'done']);
    // Before: item 1's read-back excluded only done items' numbers, and named item 0's line again.
    expect(items[1]!.result).toMatchObject({
      reconciliation: { found: true, number: made1.PhoneNumberAssigned },
    });
  });

  it('a lost answer mid-batch (504 after Telegent made the number) is read back, not re-sent; the rest go on', async () => {
    const outcome = await fx.workflow.submit({
      kind: 'provision',
      raw: { ...PROVISION_FORM, assignedSubscriberId: PROVISION_FORM_OTHER_SUBSCRIBER, count: '3' },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (outcome.status !== 'pending_approval') throw new Error(outcome.status);
    const before = fx.mutations(PROVISION_PATH).length;
    fx.sandbox.injectFault({ endpoint: PROVISION_PATH, kind: '504', count: 1, applyMutation: true });
    const approved = await fx.workflow.approve(outcome.request.id, APPROVERS[0]!);
    if (approved.status !== 'approved') throw new Error(approved.status);
    expect(approved.execution.status).toBe('unknown');
    expect(fx.mutations(PROVISION_PATH).length - before).toBe(3);
    const items = await fx.store.requestItems.list(outcome.request.id);
    expect(items.map((i) => [i.status, i.attempts])).toEqual([
      ['unknown', 1],
      ['done', 1],
      ['done', 1],
    ]);
    expect(items[0]!.result).toMatchObject({ reconciliation: { checked: 'inventory', found: true } });
    const numbers = items.slice(1).map((i) => (i.result as { numbers: string[] }).numbers[0]);
    expect(new Set(numbers).size).toBe(2);
  });
  it('killed right after the claim (before any item ran): the claim stored the items, recovery sends all three once', async () => {
    let clock = new Date();
    const workflow = workflowOnClock(fx, () => clock);
    const input = provision.input.parse({
      ...PROVISION_FORM,
      assignedSubscriberId: SEED_SUBSCRIBER_IDS[2]!,
      count: '3',
    });
    const { request } = await fx.store.requests.insert({
      kind: 'provision',
      status: 'approved',
      input: input as unknown as Record<string, unknown>,
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      now: clock,
    });
    const before = fx.mutations(PROVISION_PATH).length;
    // The dead process claimed the request (as executeRequest does: the item count with it) and died.
    expect(await fx.store.requests.claimExecution(request.id, clock, 3)).not.toBeNull();
    expect((await fx.store.requestItems.list(request.id)).map((i) => i.status)).toEqual([
      'pending',
      'pending',
      'pending',
    ]);

    clock = new Date(clock.getTime() + (ITEM_LEASE_SECONDS + 1) * 1000);
    const outcomes = await workflow.recoverStuckExecutions();
    // Not read back as one unknown request: nothing had been sent, so the batch runs.
    expect(outcomes.map((o) => o.status)).toEqual(['succeeded']);
    expect(fx.mutations(PROVISION_PATH).length - before).toBe(3);
    expect((await fx.store.requestItems.list(request.id)).map((i) => i.status)).toEqual([
      'done',
      'done',
      'done',
    ]);
  });
});
