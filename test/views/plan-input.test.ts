import { describe, expect, it } from 'vitest';
import { ACTION } from '../../src/messages/ids.js';
import { operations } from '../../src/operations/registry.js';
import { validateInput } from '../../src/operations/validation-errors.js';
import { planPreset } from '../../src/views/forms/plan-field.js';
import type { PlanField } from '../../src/views/modals/plan-input.js';
import { provisionModal } from '../../src/views/modals/provision-modal.js';
import { assertWithinSlackLimits } from '../messages/slack-limits.js';
import { inputIds } from '../support/fill-view.js';

const META = JSON.stringify({ channelId: 'C0CHANNEL' });
const UNLIMITED = { text: 'Unlimited Plus · $45.00 / month', value: 'PID-unlimited' };
const BASIC = { text: 'Basic · $25.00 / month', value: 'PID-basic' };
const form = (plan: PlanField, moreOptions = false) => provisionModal({ metadata: META, plan, moreOptions });

describe('the Plan field of a new line’s form', () => {
  it('several plans: a required list among the main fields', () => {
    const view = form({ ask: 'choose', plans: [UNLIMITED, BASIC] });
    assertWithinSlackLimits(view);
    const block = (view.blocks as Array<{ block_id?: string; optional?: boolean }>).find(
      (b) => b.block_id === 'packageId',
    );
    expect(block?.optional).toBe(false);
    expect(JSON.stringify(block)).toContain('Unlimited Plus · $45.00 / month');
    expect(inputIds(view).indexOf('packageId')).toBe(inputIds(view).indexOf('assignedSubscriberId') + 1);
  });

  it('one plan: chosen for the person, folded and said in the defaults line; shown preselected under More options…', () => {
    const only: PlanField = { ask: 'only', plan: UNLIMITED };
    const folded = form(only);
    expect(inputIds(folded)).not.toContain('packageId');
    expect(JSON.stringify(folded)).toContain('plan Unlimited Plus · $45.00 / month (the only one)');
    expect(planPreset(only)).toEqual({ packageId: 'PID-unlimited' });
    const expanded = form(only, true);
    expect(JSON.stringify(expanded)).toContain('"initial_option"');
    expect(inputIds(expanded)).toContain('packageId');
  });

  it('plans not enabled: no field; a list not read in time: an optional plan picker', () => {
    expect(inputIds(form({ ask: 'none' }))).not.toContain('packageId');
    expect(planPreset({ ask: 'none' })).toEqual({});
    const cold = form({ ask: 'search' });
    const block = (
      cold.blocks as Array<{ block_id?: string; optional?: boolean; element?: { action_id?: string } }>
    ).find((b) => b.block_id === 'packageId');
    expect(block).toMatchObject({ optional: true, element: { action_id: ACTION.planPicker } });
  });

  it('the approval card names the plan and its price; without a plan, nothing about one', () => {
    const input = {
      productType: 'Sms+Data',
      messageRouteId: 'MRID-ad0ff867-57dc-4aeb-80e9-9d18349080e9',
      assignedSubscriberId: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
    };
    const planned = validateInput(operations.provision, {
      ...input,
      packageId: 'PID-unlimited',
      planName: 'Unlimited Plus',
      planPrice: '$45.00 / month',
    });
    if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
    expect(operations.provision.facts?.(planned.value)).toContainEqual([
      'Plan',
      'Unlimited Plus · $45.00 / month',
    ]);
    expect(operations.provision.summary(planned.value)).toContain('on Unlimited Plus ($45.00 / month)');
    const plain = validateInput(operations.provision, input);
    if (!plain.ok) throw new Error(JSON.stringify(plain.errors));
    expect(operations.provision.facts?.(plain.value).map(([label]) => label)).not.toContain('Plan');
    expect(
      operations.provision.outcome?.(plain.value, {
        OrderId: 'JNUOID-1',
        PhoneNumberAssigned: '+18015550100',
      } as never),
    ).not.toHaveProperty('plan');
    expect(
      operations.provision.outcome?.(planned.value, {
        OrderId: 'JNUOID-1',
        PhoneNumberAssigned: '+18015550100',
        PhoneNumberId: 'NID-1',
      } as never).plan,
    ).toMatchObject({ packageId: 'PID-unlimited', phoneNumber: '+18015550100', tnid: 'NID-1', type: 'mvno' });
  });
});
