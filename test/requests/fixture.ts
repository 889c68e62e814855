import { createWorkflow, type WorkflowDeps } from '../../src/requests/index.js';
import { SEED_MESSAGE_ROUTE_IDS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import { approvalPolicy } from '../support/approval-policy.js';
import { startClientOnSandbox } from '../support/sandbox-client.js';
import { openTestStore, type StoreKind, type TestStore } from '../support/test-db.js';

export const REQUESTER = 'U0REQUESTER';
export const APPROVERS = Array.from({ length: 50 }, (_, i) => `U0APPROVER${String(i).padStart(2, '0')}`);
export const CHANNEL = 'C0SUPPORT';

export const PROVISION_FORM = {
  productType: 'Sms+Data',
  messageRouteId: SEED_MESSAGE_ROUTE_IDS[0],
  assignedSubscriberId: SEED_SUBSCRIBER_IDS[0],
  areaCode: '801',
};

export const PORTIN_FORM = {
  phoneNumber: '(415) 555-0142',
  currentCarrierName: 'Verizon',
  currentAccountNumber: '77441234',
  currentAccountPassword: 'Tulip-Secret-93',
  billingAddress: { street1: '1 Market St', city: 'San Francisco', state: 'CA', zip: '94105' },
  assignedSubscriberId: SEED_SUBSCRIBER_IDS[1],
};

/** A workflow on a real store, a real client and the sandbox, with every log line kept. */
export async function startWorkflowFixture(kind: StoreKind, overrides: Partial<WorkflowDeps> = {}) {
  const {
    sb: sandbox,
    client: telegent,
    log,
    close,
  } = await startClientOnSandbox(
    { rateLimitPerMinute: 100_000 },
    { rateLimitPerMinute: 100_000, retry: { baseDelayMs: 10, maxDelayMs: 500 } },
  );
  const store: TestStore = await openTestStore(kind);
  const policy = approvalPolicy();
  const workflow = createWorkflow({
    store,
    telegent,
    policy,
    isApprover: async (userId) => APPROVERS.includes(userId),
    logger: log.logger,
    ...overrides,
  });
  return {
    sandbox,
    telegent,
    store,
    workflow,
    log,
    mutations: (path: string) => sandbox.mutations().filter((entry) => entry.path.toLowerCase() === path),
    close: async () => {
      await close();
      await store.close();
    },
  };
}

/** What the database's clock does while a dead worker's claims wait (item leases run on it): they run out. */
export function leaseRunsOut(store: TestStore, requestId: string) {
  return store.db.query(
    `UPDATE request_items SET claimed_until = now() - interval '1 second'
     WHERE request_id = $1 AND status = 'claimed'`,
    [requestId],
  );
}

/**
 * The workflow on a clock the test moves (a crash, then a restart past the leases): approval off, everyone an
 * approver, on the fixture's store, client and log.
 */
export function workflowOnClock(fx: Awaited<ReturnType<typeof startWorkflowFixture>>, now: () => Date) {
  return createWorkflow({
    store: fx.store,
    telegent: fx.telegent,
    policy: approvalPolicy({ requiredFor: [] }),
    isApprover: async () => true,
    logger: fx.log.logger,
    now,
  });
}
