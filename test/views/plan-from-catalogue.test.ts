import { afterAll, describe, expect, it } from 'vitest';
import { SEED_PACKAGES } from '../../src/sandbox/plans-seed.js';
import { createPlanCatalogue } from '../../src/telegent/plan-catalogue.js';
import { PLAN_STILL_LOADING, planFromCatalogue } from '../../src/views/submissions/plan-from-catalogue.js';
import { startClientOnSandbox } from '../support/sandbox-client.js';

const env = await startClientOnSandbox({ speed: 0 });
afterAll(() => env.close());
const plans = createPlanCatalogue({ telegent: env.client, logger: env.log.logger });
const FIELDS = ['packageId'];

/** The Plan field of a provision or port-in form as filed: only a plan of the account is kept. */
describe('a form’s plan', () => {
  it('the picker’s "still loading" placeholder is never filed as a plan, whether or not the list is read', async () => {
    const cold = await planFromCatalogue({ packageId: PLAN_STILL_LOADING }, { plans }, 0, FIELDS);
    expect(cold).toEqual({ errors: { packageId: 'Plan: the plans were still loading; choose again.' } });
    await plans.list();
    const warm = await planFromCatalogue({ packageId: PLAN_STILL_LOADING }, { plans }, 3_000, FIELDS);
    expect(warm).toEqual({ errors: { packageId: 'Plan: the plans were still loading; choose again.' } });
  });

  it('a plan of the account is kept with its name', async () => {
    const filed = await planFromCatalogue(
      { packageId: SEED_PACKAGES.unlimitedPlus },
      { plans },
      3_000,
      FIELDS,
    );
    expect(filed).toMatchObject({
      values: { packageId: SEED_PACKAGES.unlimitedPlus, planName: 'Unlimited Plus' },
    });
  });
});
