import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_PACKAGES } from '../../src/sandbox/plans-seed.js';
import { createPlanCatalogue } from '../../src/telegent/plan-catalogue.js';
import { PLANS_NOT_ENABLED } from '../../src/telegent/plans-availability.js';
import { callsTo, startClientOnSandbox } from '../support/sandbox-client.js';

const env = await startClientOnSandbox({ speed: 0 });
const { client, sb, log } = env;
afterAll(() => env.close());
beforeEach(() => {
  sb.allowPlans();
  sb.clearJournal();
});

/** A catalogue on its own clock. */
function catalogue(ttlMs = 60_000) {
  const clock = { ms: 1_000_000 };
  const made = createPlanCatalogue({ telegent: client, logger: log.logger, ttlMs, now: () => clock.ms });
  return { catalogue: made, clock };
}

const calls = (path: string) => callsTo(sb, path).length;

describe('plan catalogue', () => {
  it('lists the active packages offered to everyone, with what they contain', async () => {
    const { catalogue: plans } = catalogue();
    const result = await plans.list();
    if (!result.enabled) throw new Error('plans should be enabled');
    const names = result.plans.map((p) => p.name);
    expect(names).toEqual(['Unlimited Plus', 'Basic Talk & Text', 'IoT Data 1 GB', 'Activation']);
    expect(result.plans[0]).toEqual({
      packageId: SEED_PACKAGES.unlimitedPlus,
      name: 'Unlimited Plus',
      price: 45,
      monthly: true,
      contents: ['Unlimited talk & text', 'Unlimited 5G data'],
    });
    expect(result.plans.find((p) => p.name === 'Activation')).toMatchObject({ price: 10, monthly: false });
  });

  it('reads once for concurrent callers and within the lifetime; products are kept across lists', async () => {
    const { catalogue: plans, clock } = catalogue();
    await Promise.all([plans.list(), plans.list(), plans.list()]);
    await plans.list();
    expect(calls('/v1.0/account/packages')).toBe(1);
    const productReads = calls('/v1.0/products');
    expect(productReads).toBe(5);

    clock.ms += 61_000;
    const stale = await plans.list();
    expect(stale.enabled).toBe(true);
    await plans.list({ fresh: true });
    expect(calls('/v1.0/account/packages')).toBeGreaterThanOrEqual(2);
    expect(calls('/v1.0/products')).toBe(productReads);
  });

  it('get() finds a listed plan, an inactive one by id, and nothing for an unknown id', async () => {
    const { catalogue: plans } = catalogue();
    expect((await plans.get(SEED_PACKAGES.basic.toUpperCase()))?.name).toBe('Basic Talk & Text');
    expect(await plans.get(SEED_PACKAGES.legacy)).toMatchObject({ name: 'Legacy 2019', price: 25 });
    expect(await plans.get('PID-00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('plans not enabled (404 as an unknown path, or 403): enabled false with the sentence, logged once', async () => {
    const { catalogue: plans } = catalogue(1);
    const before = log.lines.filter((l) => l.includes(PLANS_NOT_ENABLED)).length;
    sb.refusePlans();
    expect(await plans.list({ fresh: true })).toEqual({ enabled: false, reason: PLANS_NOT_ENABLED });
    sb.refusePlans({ status: 403 });
    expect(await plans.list({ fresh: true })).toEqual({ enabled: false, reason: PLANS_NOT_ENABLED });
    expect(await plans.get(SEED_PACKAGES.basic)).toBeUndefined();
    expect(log.lines.filter((l) => l.includes(PLANS_NOT_ENABLED)).length - before).toBe(1);
    sb.allowPlans();
    expect((await plans.list({ fresh: true })).enabled).toBe(true);
  });

  it('a failure that is not "plans not enabled" is thrown, and the next call reads again', async () => {
    const { catalogue: plans } = catalogue();
    sb.injectFault({ endpoint: '/v1.0/account/packages', kind: '500', count: 10 });
    await expect(plans.list()).rejects.toMatchObject({ status: 500 });
    sb.clearFaults();
    expect((await plans.list()).enabled).toBe(true);
  });
});
