import { afterAll, describe, expect, it } from 'vitest';
import { SEED_PACKAGES, SEED_PRODUCTS, SEED_SUBSCRIPTIONS } from '../../../src/sandbox/plans-seed.js';
import { SEED_NUMBERS, SEED_SUBSCRIBER_IDS } from '../../../src/sandbox/seed.js';
import { TelegentError } from '../../../src/telegent/errors.js';
import { startClientOnSandbox } from '../../support/sandbox-client.js';

const env = await startClientOnSandbox({ speed: 0 });
const { client, sb } = env;
const plans = client.plans;
afterAll(() => env.close());

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a TelegentError');
    },
    (error: unknown) => {
      if (!(error instanceof TelegentError)) throw error;
      return { status: error.status, message: error.telegentMessage, kind: error.kind };
    },
  );

describe('telegent.plans against the sandbox (real HTTP)', () => {
  it('lists packages and reads one, prices as numbers', async () => {
    const list = await plans.listAccountPackages({ Filter: 'Active' });
    expect(list.Filter).toBe('Active');
    expect(list.Results.map((p) => p.PackageName)).toEqual(
      expect.arrayContaining(['Unlimited Plus', 'Basic Talk & Text', 'IoT Data 1 GB', 'Activation']),
    );
    expect(list.Results.map((p) => p.PackageName)).not.toContain('Legacy 2019');
    const one = await plans.getPackage(SEED_PACKAGES.unlimitedPlus);
    expect(one).toMatchObject({ PackageName: 'Unlimited Plus', Price: 45, Monthly: true, Active: true });
    expect(one.SubscriberId).toBeNull();
  });

  it('reads package items from a bare array with string prices, and products', async () => {
    const items = await plans.listPackageItems(SEED_PACKAGES.unlimitedPlus);
    expect(items.map((i) => [i.ProductId, i.Price])).toEqual([
      [SEED_PRODUCTS.unlimitedTalkText, 20],
      [SEED_PRODUCTS.unlimited5g, 25],
    ]);
    const product = await plans.getProduct(SEED_PRODUCTS.unlimited5g);
    expect(product).toMatchObject({ Description: 'Unlimited 5G data', BillingFrequency: 'MRC', Cost: 18.5 });
    const products = await plans.listAccountProducts({ Filter: 'All' });
    expect(products.Results.length).toBe(6);
  });

  it('creates, reads, changes the plan of and deletes a subscription', async () => {
    const line = sb.getNumber(SEED_NUMBERS[8] as string);
    const created = await plans.createSubscription({
      SubscriberId: line?.AssignedSubscriberId as string,
      PackageId: SEED_PACKAGES.basic,
      Type: 'mvno',
      TNID: line?.PhoneNumberId,
      ICCID: line?.Iccid ?? undefined,
    });
    expect(created).toMatchObject({
      PackageId: SEED_PACKAGES.basic,
      TNID: line?.PhoneNumberId,
      Active: true,
    });
    expect(created.SubscriptionId).toMatch(/^SUB-/);
    expect(await plans.getSubscription(created.SubscriptionId)).toEqual(created);
    const changed = await plans.updateSubscription({
      SubscriptionId: created.SubscriptionId,
      PackageId: SEED_PACKAGES.unlimitedPlus,
    });
    expect(changed.PackageId).toBe(SEED_PACKAGES.unlimitedPlus);
    const active = await plans.listDistributorSubscriptions({ Filter: 'Active' });
    expect(active.Results.map((s) => s.SubscriptionId)).toContain(created.SubscriptionId);
    const mine = await plans.listAccountSubscriptions({ Filter: 'Active' });
    expect(mine.Results.map((s) => s.SubscriptionId)).toContain(created.SubscriptionId);
    expect(await plans.deleteSubscription(created.SubscriptionId)).toEqual({
      SubscriptionId: created.SubscriptionId,
      SubscriptionStatus: 'Deleted',
    });
    expect(sb.subscriptions().some((s) => s.SubscriptionId === created.SubscriptionId)).toBe(false);
    expect(sb.subscriptionMutations().map((e) => [e.path, e.status])).toEqual([
      ['/v1.0/subscriptions', 200],
      ['/v1.0/subscriptions/update', 200],
      ['/v1.0/subscriptions/delete', 200],
    ]);
  });

  it("surfaces 409, 404 and 400 as TelegentErrors with Telegent's words, sent once each", async () => {
    const taken = sb.getNumber(SEED_NUMBERS[SEED_SUBSCRIPTIONS.unlimited.numberIndex] as string);
    const base = { SubscriberId: SEED_SUBSCRIBER_IDS[0], PackageId: SEED_PACKAGES.basic, Type: 'mvno' };
    const before = sb.subscriptionMutations().length;
    expect(await failure(plans.createSubscription({ ...base, TNID: taken?.Tnid }))).toEqual({
      status: 409,
      message: 'An active subscription already exists for this TNID',
      kind: 'http',
    });
    expect(await failure(plans.createSubscription({ ...base, SubscriberId: 'TSUID-nope' }))).toMatchObject({
      status: 404,
      message: 'Subscriber not found',
    });
    expect(
      await failure(plans.createSubscription({ ...base, PackageId: SEED_PACKAGES.legacy })),
    ).toMatchObject({
      status: 400,
      message: 'Package is not active.',
    });
    expect(await failure(plans.getSubscription('SUB-nope'))).toMatchObject({ status: 404 });
    expect(sb.subscriptionMutations().length - before).toBe(3);
    // Our own check refuses it before anything is sent (it throws at the call).
    expect(await failure((async () => plans.createSubscription({ ...base, Type: '' }))())).toMatchObject({
      kind: 'invalid-request',
    });
    expect(sb.subscriptionMutations().length - before).toBe(3);
  });

  it('plans not enabled: 404 as an unknown path, 403 after one fresh token', async () => {
    sb.refusePlans();
    try {
      expect(await failure(plans.listAccountPackages())).toMatchObject({
        status: 404,
        message: expect.stringMatching(/No HTTP resource was found/),
      });
      sb.refusePlans({ status: 403 });
      expect(await failure(plans.listDistributorSubscriptions({ Filter: 'Active' }))).toMatchObject({
        status: 403,
      });
    } finally {
      sb.allowPlans();
    }
  });
});
