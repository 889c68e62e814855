import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestPicture } from '../../src/messages/request-picture.js';
import { redactInput } from '../../src/operations/operation.js';
import { portIn } from '../../src/operations/portin-submit.js';
import { provision } from '../../src/operations/provision.js';
import { ITEM_LEASE_SECONDS } from '../../src/requests/batch.js';
import { resumeBatch } from '../../src/requests/execute.js';
import { storeKinds } from '../support/test-db.js';
import {
  CHANNEL,
  PORTIN_FORM,
  PROVISION_FORM,
  REQUESTER,
  startWorkflowFixture,
  workflowOnClock,
} from './fixture.js';

const PORTIN_PATH = '/v1.0/numbers/portin';
const LIST = ['+14155550181', '+14155550182', '+14155550183'];

/**
 * A batch taken over before its first item ran (its executor died right after the claim, before or while checking
 * the preconditions): the preconditions are checked by the one taking it over, and a batch stopped by them is told
 * with why, not as "3 still on the way".
 */
describe.each(storeKinds())('a batch taken over before its first item, on %s', (kind) => {
  let fx: Awaited<ReturnType<typeof startWorkflowFixture>>;
  beforeAll(async () => {
    fx = await startWorkflowFixture(kind);
  }, 60_000);
  afterAll(() => fx?.close());

  it('a number that got another port-in meanwhile stops the batch: nothing sent, the reason on its story', async () => {
    let clock = new Date();
    const workflow = workflowOnClock(fx, () => clock);
    const input = portIn.input.parse({ ...PORTIN_FORM, phoneNumber: LIST[0], phoneNumbers: LIST });
    const { request } = await fx.store.requests.insert({
      kind: 'portin',
      status: 'approved',
      input: redactInput(portIn, input) as unknown as Record<string, unknown>,
      secrets: {
        currentAccountNumber: input.currentAccountNumber,
        currentAccountPassword: input.currentAccountPassword,
      },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      now: clock,
    });
    // The dead process claimed it (the items with it) and died before sending anything.
    expect(await fx.store.requests.claimExecution(request.id, clock, LIST.length)).not.toBeNull();
    // Meanwhile someone filed a port-in of the second number.
    await fx.store.requests.insert({
      kind: 'portin',
      input: { ...redactInput(portIn, { ...input, phoneNumbers: undefined, phoneNumber: LIST[1]! }) },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      now: clock,
    });
    const before = fx.mutations(PORTIN_PATH).length;

    clock = new Date(clock.getTime() + (ITEM_LEASE_SECONDS + 1) * 1000);
    const outcomes = await workflow.recoverStuckExecutions();
    expect(outcomes.map((o) => o.status)).toEqual(['failed']);
    expect(fx.mutations(PORTIN_PATH).length - before).toBe(0);
    const failed = await fx.store.requests.get(request.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toContain('(415) 555-0182 is already in a port-in request');

    // Its story says why, not "3 still on the way".
    const story = JSON.stringify(
      requestPicture(
        {
          request: failed!,
          order: null,
          accountName: null,
          items: await fx.store.requestItems.list(request.id),
        },
        { approvalsChannelId: CHANNEL, sandbox: false },
      ).story,
    );
    expect(story).toContain('already in a port-in request');
    expect(story).not.toContain('still on the way');
  });
  it('two workers finishing the same batch at once (every item settled, the request not): recorded and announced once', async () => {
    const input = provision.input.parse({ ...PROVISION_FORM, count: '2' });
    const { request } = await fx.store.requests.insert({
      kind: 'provision',
      status: 'approved',
      input: input as unknown as Record<string, unknown>,
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    expect(await fx.store.requests.claimExecution(request.id, new Date(), 2)).not.toBeNull();
    // The executor settled both items and died before finishing the request.
    for (let n = 0; n < 2; n++) {
      const lease = { now: new Date(), leaseSeconds: ITEM_LEASE_SECONDS };
      const item = (await fx.store.requestItems.claimNext(request.id, lease))!;
      expect(await fx.store.requestItems.markSending(item, lease)).toBe(true);
      const done = { status: 'done', result: { numbers: [`+1801555090${n}`] } } as const;
      expect(await fx.store.requestItems.finish(item, done, new Date())).toBe(true);
    }
    const deps = {
      store: fx.store,
      telegent: fx.telegent,
      logger: fx.log.logger,
      now: () => new Date(),
      firstCheckSeconds: 60,
    };
    // Two replicas' housekeeping take it over at the same moment.
    const outcomes = await Promise.all([
      resumeBatch(deps, request.id, 'system'),
      resumeBatch(deps, request.id, 'system'),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['not_claimed', 'succeeded']);
    const audit = await fx.store.audit.listByRequest(request.id);
    expect(audit.filter((a) => a.action === 'execution_succeeded')).toHaveLength(1);
  });
});
