import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow } from '../../src/requests/index.js';
import { SEED_PACKAGES } from '../../src/sandbox/plans-seed.js';
import type { Store } from '../../src/store/open-store.js';
import { approvalPolicy } from '../support/approval-policy.js';
import { startClientOnSandbox } from '../support/sandbox-client.js';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';
import { APPROVERS, CHANNEL, PROVISION_FORM, REQUESTER } from './fixture.js';

/**
 * A crash between Telegent's answer and the request's success record must not lose the new line's plan: the
 * plan step is stored first, so whenever the request could read as succeeded, its step is there.
 */
describe.each(storeKinds())('the plan step is stored before the success on %s', (kind) => {
  let store: TestStore;
  let close: () => Promise<void>;
  let workflow: ReturnType<typeof createWorkflow>;
  beforeAll(async () => {
    store = await openTestStore(kind);
    const env = await startClientOnSandbox({ rateLimitPerMinute: 100_000 }, { rateLimitPerMinute: 100_000 });
    close = env.close;
    // The success record fails (the process "dies" there): everything before it has happened.
    const requests = new Proxy(store.requests, {
      get(target, name, receiver) {
        if (name !== 'finish') return Reflect.get(target, name, receiver);
        return (id: string, status: string, ...rest: unknown[]) => {
          if (status === 'succeeded') return Promise.reject(new Error('crashed at the success record'));
          return (target.finish as (...a: unknown[]) => unknown).call(target, id, status, ...rest);
        };
      },
    });
    const crashing: Store = new Proxy(store, {
      get: (target, name, receiver) => (name === 'requests' ? requests : Reflect.get(target, name, receiver)),
    });
    workflow = createWorkflow({
      store: crashing,
      telegent: env.client,
      policy: approvalPolicy(),
      isApprover: async (userId) => APPROVERS.includes(userId),
      logger: env.log.logger,
    });
  });
  afterAll(async () => {
    await close?.();
    await store?.close();
  });

  it('a provision with a plan whose success record fails: still executing (recovery owns it), its step stored', async () => {
    const filed = await workflow.submit({
      kind: 'provision',
      raw: { ...PROVISION_FORM, packageId: SEED_PACKAGES.unlimitedPlus, planName: 'Unlimited Plus' },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
    });
    if (filed.status !== 'pending_approval') throw new Error(filed.status);
    await workflow.approve(filed.request.id, APPROVERS[0]!).catch(() => undefined);
    expect((await store.requests.get(filed.request.id))?.status).toBe('executing');
    expect(await store.lineSubscriptions.getByRequest(filed.request.id)).toMatchObject({
      status: 'pending',
      packageId: SEED_PACKAGES.unlimitedPlus,
    });
  });
});
