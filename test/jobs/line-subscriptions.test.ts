import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLineSubscriptions } from '../../src/jobs/line-subscriptions.js';
import { silentLogger } from '../../src/log.js';
import { SEED_PACKAGES } from '../../src/sandbox/plans-seed.js';
import { SEED_MESSAGE_ROUTE_IDS, SEED_NUMBERS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import type { TelegentClient } from '../../src/telegent/client.js';
import { type Sandbox, startClientOnSandbox } from '../support/sandbox-client.js';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';

const SUBSCRIBER = SEED_SUBSCRIBER_IDS[3]!;

/**
 * The job that puts each new line on its plan, against the sandbox over HTTP and real SQL: exactly one
 * subscription per line, whatever dies when; what Telegent refuses is kept as a sentence for the thread.
 */
describe.each(storeKinds())('line plan steps on %s', (kind) => {
  let store: TestStore;
  let sb: Sandbox;
  let telegent: TelegentClient;
  let close: () => Promise<void>;
  let seq = 0;
  const redrawn: string[] = [];
  beforeAll(async () => {
    store = await openTestStore(kind);
    ({ sb, client: telegent, close } = await startClientOnSandbox());
  });
  afterAll(async () => {
    await close();
    await store?.close();
  });

  const now = () => sb.clock.now();
  const job = (leaseSeconds = 60) =>
    createLineSubscriptions({
      lineSubscriptions: store.lineSubscriptions,
      orders: store.orders,
      telegent,
      redrawRequest: async (id) => {
        redrawn.push(id);
      },
      logger: silentLogger,
      now,
      leaseSeconds,
    });

  /** A new number at Telegent (a real provision) and a request whose step puts it on `packageId`. */
  async function provisioned(packageId: string = SEED_PACKAGES.unlimitedPlus) {
    const answer = await telegent.provisionNumber({
      NumberType: 'mvno',
      MessageType: 'p2p',
      MessageEnabled: true,
      VoiceEnabled: false,
      DataEnabled: true,
      ProductType: 'Sms+Data',
      MessageRouteId: SEED_MESSAGE_ROUTE_IDS[0]!,
      AssignedSubscriberId: SUBSCRIBER,
    });
    const { request } = await store.requests.insert({
      id: `req_line_${++seq}_${Date.now()}`,
      kind: 'provision',
      input: {},
      requestedBy: 'U_REQUESTER',
      channelId: 'C_SUPPORT',
    });
    const step = await store.lineSubscriptions.add(
      {
        requestId: request.id,
        phoneNumber: answer.PhoneNumberAssigned!,
        subscriberId: SUBSCRIBER,
        packageId,
        planName: 'Unlimited Plus',
        type: 'mvno',
        tnid: answer.PhoneNumberId!,
      },
      now(),
    );
    return { step, tnid: answer.PhoneNumberId!, number: answer.PhoneNumberAssigned! };
  }
  const subscriptionsOf = (tnid: string) => sb.subscriptions().filter((s) => s.TNID === tnid);
  const later = (seconds: number) => sb.clock.advance(seconds);
  /** A dead worker's lease running out (leases are on the database's clock). */
  const expireLease = (requestId: string) =>
    store.db.query(
      `UPDATE line_subscriptions SET claimed_until = now() - interval '1 minute' WHERE request_id = $1`,
      [requestId],
    );

  it('creates the one subscription of a new line: package, subscriber, TNID and Type as chosen', async () => {
    const { step, tnid } = await provisioned();
    const result = await job().runOnce();
    expect(result.done).toBeGreaterThanOrEqual(1);
    expect(subscriptionsOf(tnid)).toEqual([
      expect.objectContaining({
        SubscriberId: SUBSCRIBER,
        PackageId: SEED_PACKAGES.unlimitedPlus,
        TNID: tnid,
        Type: 'mvno',
        Active: true,
      }),
    ]);
    const stored = await store.lineSubscriptions.getByRequest(step.requestId);
    expect(stored).toMatchObject({ status: 'done', attempts: 1 });
    expect(stored?.subscriptionId).toBe(subscriptionsOf(tnid)[0]?.SubscriptionId);
    await job().runOnce();
    expect(subscriptionsOf(tnid)).toHaveLength(1);
  });

  it('a worker that died holding the step before sending: after its lease the step is created, once', async () => {
    const { step, tnid } = await provisioned();
    const dead = await store.lineSubscriptions.claimDue(100, { now: now(), leaseSeconds: 60 });
    expect(dead.map((s) => s.requestId)).toContain(step.requestId);
    await job().runOnce();
    expect(subscriptionsOf(tnid)).toHaveLength(0); // still held by the dead worker
    await expireLease(step.requestId);
    await job().runOnce();
    expect(subscriptionsOf(tnid)).toHaveLength(1);
    expect((await store.lineSubscriptions.getByRequest(step.requestId))?.status).toBe('done');
  });

  it('a worker that died after its create reached Telegent: the next one finds it and creates nothing', async () => {
    const { step, tnid } = await provisioned();
    const [dead] = (await store.lineSubscriptions.claimDue(100, { now: now(), leaseSeconds: 60 })).filter(
      (s) => s.requestId === step.requestId,
    );
    // What the dead worker did before it died: counted the create, sent it, and Telegent made it.
    expect(await store.lineSubscriptions.markSending(dead!, { now: now(), leaseSeconds: 60 })).toBe(true);
    await telegent.plans.createSubscription({
      SubscriberId: SUBSCRIBER,
      PackageId: SEED_PACKAGES.unlimitedPlus,
      Type: 'mvno',
      TNID: tnid,
    });
    const creates = sb.subscriptionMutations().length;
    await expireLease(step.requestId);
    const result = await job().runOnce();
    expect(result.found).toBeGreaterThanOrEqual(1);
    expect(subscriptionsOf(tnid)).toHaveLength(1);
    expect(sb.subscriptionMutations()).toHaveLength(creates); // looked up, never sent again
    expect(await store.lineSubscriptions.getByRequest(step.requestId)).toMatchObject({
      status: 'done',
      subscriptionId: subscriptionsOf(tnid)[0]?.SubscriptionId,
    });
  });

  it('an answer lost in flight (the create made it) is retried later by looking it up: still one', async () => {
    const { step, tnid } = await provisioned();
    sb.injectFault({ endpoint: '/v1.0/subscriptions', kind: '500', applyMutation: true, count: 1 });
    const first = await job().runOnce();
    expect(first.retried).toBeGreaterThanOrEqual(1);
    expect(subscriptionsOf(tnid)).toHaveLength(1); // Telegent made it; we do not know yet
    expect(await store.lineSubscriptions.getByRequest(step.requestId)).toMatchObject({
      status: 'pending',
      attempts: 1,
      failures: 1,
    });
    await job().runOnce();
    expect((await store.lineSubscriptions.getByRequest(step.requestId))?.status).toBe('pending'); // not due yet
    later(31);
    await job().runOnce();
    expect(subscriptionsOf(tnid)).toHaveLength(1);
    expect((await store.lineSubscriptions.getByRequest(step.requestId))?.status).toBe('done');
  });

  it('a line put on a plan before the job ran (Put on a plan…): it is looked up and recorded, no create sent', async () => {
    const { step, tnid } = await provisioned();
    const made = await telegent.plans.createSubscription({
      SubscriberId: SUBSCRIBER,
      PackageId: SEED_PACKAGES.basic,
      Type: 'mvno',
      TNID: tnid,
    });
    const creates = () =>
      sb.subscriptionMutations().filter((m) => m.path.toLowerCase() === '/v1.0/subscriptions').length;
    const before = creates();
    await job().runOnce();
    expect(creates()).toBe(before);
    expect(subscriptionsOf(tnid)).toHaveLength(1);
    expect(await store.lineSubscriptions.getByRequest(step.requestId)).toMatchObject({
      status: 'done',
      subscriptionId: made.SubscriptionId,
    });
  });

  it('a plan Telegent refuses: the sentence with what to do is kept and the request redrawn; never retried', async () => {
    const { step, number } = await provisioned(SEED_PACKAGES.legacy);
    await job().runOnce();
    const stored = await store.lineSubscriptions.getByRequest(step.requestId);
    expect(stored?.status).toBe('refused');
    const digits = number.slice(2);
    const shown = `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
    expect(stored?.detail).toContain(`Telegent refused the plan Unlimited Plus for ${shown}`);
    expect(stored?.detail).toContain(`put it on a plan from its card: \`/telegent number ${number}\``);
    expect(stored?.detail).toMatch(/\(ref [a-z0-9]+\)/);
    expect(stored?.detail).not.toContain('Package is not active'); // Telegent's own words go to the log
    expect(redrawn).toContain(step.requestId);
    const creates = sb.subscriptionMutations().length;
    later(3_600);
    await job().runOnce();
    expect(sb.subscriptionMutations()).toHaveLength(creates);
  });

  it('plans not enabled for the account (404 for the path, or 403): skipped with the sentence, once', async () => {
    for (const status of [404, 403] as const) {
      const { step, tnid } = await provisioned();
      sb.refusePlans({ status });
      try {
        await job().runOnce();
      } finally {
        sb.allowPlans();
      }
      const stored = await store.lineSubscriptions.getByRequest(step.requestId);
      expect(stored?.status).toBe('skipped');
      expect(stored?.detail).toContain('Plans are not enabled for this Telegent account');
      later(86_400);
      await job().runOnce();
      expect(subscriptionsOf(tnid)).toHaveLength(0);
    }
  });

  it('plans switched off while a create may have gone out: the look-up meets it and the step is skipped, said once', async () => {
    const { step } = await provisioned();
    const [dead] = (await store.lineSubscriptions.claimDue(100, { now: now(), leaseSeconds: 60 })).filter(
      (s) => s.requestId === step.requestId,
    );
    await store.lineSubscriptions.markSending(dead!, { now: now(), leaseSeconds: 60 });
    await expireLease(step.requestId);
    sb.refusePlans({ status: 404 });
    try {
      await job().runOnce();
    } finally {
      sb.allowPlans();
    }
    expect(await store.lineSubscriptions.getByRequest(step.requestId)).toMatchObject({
      status: 'skipped',
      detail: expect.stringContaining('Plans are not enabled for this Telegent account'),
    });
  });

  it('a port-in step waits for its order, then reads the number back for its TNID and classification', async () => {
    const number = SEED_NUMBERS[7]!;
    const record = sb.getNumber(number)!;
    const { request } = await store.requests.insert({
      id: `req_line_${++seq}_${Date.now()}`,
      kind: 'portin',
      input: {},
      requestedBy: 'U_REQUESTER',
      channelId: 'C_SUPPORT',
    });
    const orderId = `ORD-${request.id}`;
    await store.orders.insert({
      orderId,
      kind: 'portin',
      numbers: [number],
      status: 'Submitted',
      channelId: 'C_SUPPORT',
      requestedBy: 'U_REQUESTER',
      requestId: request.id,
      nextCheckAt: now(),
    });
    await store.lineSubscriptions.add(
      {
        requestId: request.id,
        waitForOrderId: orderId,
        phoneNumber: number,
        subscriberId: record.AssignedSubscriberId!,
        packageId: SEED_PACKAGES.basic,
        type: 'mvno',
      },
      now(),
    );
    await job().runOnce();
    expect((await store.lineSubscriptions.getByRequest(request.id))?.status).toBe('waiting');
    await store.orders.recordStatus(orderId, 'Completed', null, now(), true, { now: now() });
    await job().runOnce();
    const stored = await store.lineSubscriptions.getByRequest(request.id);
    expect(stored).toMatchObject({ status: 'done', tnid: record.Tnid });
    expect(sb.subscriptions().filter((s) => s.TNID === record.Tnid)).toEqual([
      expect.objectContaining({ PackageId: SEED_PACKAGES.basic, Type: record.Classification?.toLowerCase() }),
    ]);
  });
});
