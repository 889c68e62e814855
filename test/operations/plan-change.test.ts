import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpContext } from '../../src/operations/operation.js';
import { planChange } from '../../src/operations/plan-change.js';
import { planEnd } from '../../src/operations/plan-end.js';
import { subscriptionType } from '../../src/operations/plan-line.js';
import { validateInput } from '../../src/operations/validation-errors.js';
import { SEED_PACKAGES, SEED_SUBSCRIPTIONS } from '../../src/sandbox/plans-seed.js';
import { SEED_NUMBERS } from '../../src/sandbox/seed.js';
import { isPlansNotEnabled } from '../../src/telegent/plans-availability.js';
import { type Sandbox, startClientOnSandbox } from '../support/sandbox-client.js';

const CHANGE = {
  phoneNumber: '(385) 555-0102',
  packageId: SEED_PACKAGES.unlimitedPlus,
  newPlan: 'Unlimited Plus · $45.00 / month',
  subscriptionId: SEED_SUBSCRIPTIONS.basic.id,
  currentPackageId: SEED_PACKAGES.basic,
  currentPlan: 'Basic Talk & Text · $15.00 / month',
};

const valid = <T>(op: { schema: () => unknown } & Parameters<typeof validateInput>[0], raw: unknown) => {
  const result = validateInput(op, raw);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value as T;
};

describe('the plan operation: schema, words, request body', () => {
  it('a change names the subscription and the new package only; the approver reads old → new with prices', () => {
    const input = valid<typeof CHANGE>(planChange, CHANGE);
    expect(input.phoneNumber).toBe('+13855550102');
    expect(planChange.toTelegent(input)).toEqual({
      SubscriptionId: SEED_SUBSCRIPTIONS.basic.id,
      PackageId: SEED_PACKAGES.unlimitedPlus,
    });
    expect(planChange.summary(input)).toBe(
      'Change the plan of (385) 555-0102: Basic Talk & Text · $15.00 / month → Unlimited Plus · $45.00 / month',
    );
    expect(planChange.facts?.(input)).toEqual([
      ['Number', '(385) 555-0102'],
      ['Plan now', 'Basic Talk & Text · $15.00 / month'],
      ['New plan', 'Unlimited Plus · $45.00 / month'],
    ]);
    expect(planChange.needsApproval).toBe(true);
  });

  it('a first plan is a create for the number’s subscriber, TNID, SIM and lower-case type', () => {
    const input = valid<Record<string, unknown>>(planChange, {
      phoneNumber: '+12125550103',
      packageId: SEED_PACKAGES.basic,
      subscriberId: 'TSUID-1',
      tnid: 'TNID-9772956561860',
      iccid: '8901240397190556202',
      lineType: 'mvno',
    });
    expect(planChange.toTelegent(input as never)).toEqual({
      SubscriberId: 'TSUID-1',
      PackageId: SEED_PACKAGES.basic,
      Type: 'mvno',
      TNID: 'TNID-9772956561860',
      ICCID: '8901240397190556202',
    });
    expect(planChange.summary(input as never)).toBe(`Put (212) 555-0103 on ${SEED_PACKAGES.basic}`);
    expect(subscriptionType('IoT')).toBe('iot');
    expect(subscriptionType('MVNO')).toBe('mvno');
    expect(subscriptionType(undefined)).toBe('mvno');
  });

  it('refuses the plan the line is on, and a first plan without the number’s subscriber or TNID', () => {
    const same = validateInput(planChange, { ...CHANGE, packageId: SEED_PACKAGES.basic });
    expect(same.ok ? null : same.errors.packageId).toMatch(/on this plan already/);
    const orphan = validateInput(planChange, { phoneNumber: '+12125550103', packageId: SEED_PACKAGES.basic });
    expect(orphan.ok ? null : orphan.errors.phoneNumber).toMatch(/no subscriber/);
  });

  it('ending a plan says it is permanent and what to do instead', () => {
    const input = valid<{ phoneNumber: string; subscriptionId: string }>(planEnd, {
      phoneNumber: '+13855550102',
      subscriptionId: SEED_SUBSCRIPTIONS.basic.id,
      currentPlan: 'Basic Talk & Text · $15.00 / month',
    });
    expect(planEnd.toTelegent(input)).toEqual({ SubscriptionId: SEED_SUBSCRIPTIONS.basic.id });
    expect(planEnd.confirmApproval).toMatch(/permanent/);
    expect(planEnd.confirmApproval).toMatch(/park it instead/);
    expect(planEnd.summary(input)).toContain('permanently');
  });
});

describe('reconcile reads back and never sends (real HTTP to the sandbox)', () => {
  let sb: Sandbox;
  let ctx: OpContext;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const started = await startClientOnSandbox();
    sb = started.sb;
    close = started.close;
    ctx = { telegent: started.client, now: () => new Date() };
  });
  afterAll(() => close());

  const sent = () => sb.subscriptionMutations().length;

  it('a change not made: unresolved; made: resolved', async () => {
    const input = valid<typeof CHANGE>(planChange, CHANGE);
    const before = sent();
    const notYet = await planChange.reconcile!(ctx, input);
    expect(notYet).toMatchObject({ checked: 'subscription details', resolved: false });
    expect(notYet.detail).toContain('still on its old plan');
    await ctx.telegent.plans.updateSubscription({
      SubscriptionId: SEED_SUBSCRIPTIONS.basic.id,
      PackageId: SEED_PACKAGES.unlimitedPlus,
    });
    const done = await planChange.reconcile!(ctx, input);
    expect(done).toMatchObject({ resolved: true });
    expect(sent()).toBe(before + 1); // only the test's own update
  });

  it('a first plan: looked up by TNID before anything is sent again', async () => {
    const record = sb.getNumber(SEED_NUMBERS[3]!)!;
    const input = valid<Record<string, unknown>>(planChange, {
      phoneNumber: record.Number,
      packageId: SEED_PACKAGES.basic,
      subscriberId: record.AssignedSubscriberId,
      tnid: record.Tnid,
      lineType: 'mvno',
    });
    const before = sent();
    const none = await planChange.reconcile!(ctx, input as never);
    expect(none).toMatchObject({ checked: 'subscriptions of the line', resolved: false, found: false });
    expect(sent()).toBe(before);
    await ctx.telegent.plans.createSubscription(planChange.toTelegent(input as never) as never);
    const made = await planChange.reconcile!(ctx, input as never);
    expect(made).toMatchObject({ resolved: true });
    expect(sent()).toBe(before + 1);
  });

  it('an end of a plan: resolved once the subscription is gone, never a second delete', async () => {
    const input = { phoneNumber: '+13855550102', subscriptionId: SEED_SUBSCRIPTIONS.basic.id };
    const before = sent();
    expect(await planEnd.reconcile!(ctx, input)).toMatchObject({ resolved: false, found: true });
    await ctx.telegent.plans.deleteSubscription(SEED_SUBSCRIPTIONS.basic.id);
    expect(await planEnd.reconcile!(ctx, input)).toMatchObject({ resolved: true, found: false });
    expect(sent()).toBe(before + 1);
  });

  it('an end of a plan read back while plans answer 404 for the path is not taken for "ended"', async () => {
    const input = { phoneNumber: '+13855550102', subscriptionId: SEED_SUBSCRIPTIONS.iot.id };
    sb.refusePlans({ status: 404 });
    try {
      const error = await planEnd.reconcile!(ctx, input).catch((e: unknown) => e);
      expect(isPlansNotEnabled(error)).toBe(true);
    } finally {
      sb.allowPlans();
    }
  });
});
