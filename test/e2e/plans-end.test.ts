import type { ModalView } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPhone } from '../../src/operations/glossary.js';
import { SEED_SUBSCRIPTIONS } from '../../src/sandbox/plans-seed.js';
import { SEED_NUMBERS } from '../../src/sandbox/seed.js';
import { TEST_DATABASE_URL } from '../support/test-db.js';
import { type E2E, startE2E, textOf } from './harness.js';
import { planSteps } from './plan-steps.js';

const DELETE = '/v1.0/subscriptions/delete';

/** Seeded line 1: Active, on Basic Talk & Text. */
const ON_BASIC = SEED_NUMBERS[1]!;

describe('End plan… on the number card of a line that no longer runs', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ storeKind: TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });
  afterAll(() => e2e.close());

  const { card, click, approvalCard, approve, finished } = planSteps(() => e2e);
  const deletes = () => e2e.sandbox.subscriptionMutations().filter((m) => m.path.toLowerCase() === DELETE);
  /** The view a click opened or turned into, holding `text` (a form, or the sentence that replaces it). */
  const viewAfterClick = async (actionId: string, number: string, text: string) => {
    const since = e2e.fake.calls.length;
    await click(actionId, number);
    let found: { id: string; view: ModalView } | undefined;
    await expect
      .poll(
        () => {
          const call = e2e.fake.calls
            .slice(since)
            .findLast(
              (c) => ['views.open', 'views.update'].includes(c.method) && textOf(c.body.view).includes(text),
            );
          found = call
            ? { id: String(call.response.view?.id), view: call.body.view as ModalView }
            : undefined;
          return found;
        },
        { timeout: 5_000 },
      )
      .toBeDefined();
    return found!;
  };
  it('an Active line with a plan is not offered End plan… (park it, or Cancel line… with the tick)', async () => {
    const shown = textOf((await card(ON_BASIC)).blocks);
    expect(shown).toContain('Change plan…');
    expect(shown).not.toContain('End plan…');
    expect(shown).not.toContain('number.plan-end');
  });

  it('a cancelled line that kept its plan shows End plan… → approval → one subscriptions/delete, even on a double click → "No plan"', async () => {
    // Cancel line… with the box left unticked: the line is cancelled, its plan stays.
    const cancelForm = await viewAfterClick('number.cancel-line', ON_BASIC, 'telegent.line.cancel-line');
    await e2e.submit(cancelForm, {});
    const cancel = await approvalCard(ON_BASIC, 'Cancel line');
    await approve(cancel.requestId, cancel.ts);
    await finished(cancel.requestId);
    expect(deletes()).toHaveLength(0);

    const cancelled = textOf((await card(ON_BASIC)).blocks);
    expect(cancelled).toContain('Cancelled');
    expect(cancelled).toContain('*Plan*\\nBasic Talk &amp; Text · $15.00 / month');
    expect(cancelled).toContain('End plan…');
    expect(cancelled).toContain('"action_id":"number.plan-end"');

    const form = await viewAfterClick('number.plan-end', ON_BASIC, 'telegent.plan-end');
    const said = textOf(form.view);
    expect(said).toContain(formatPhone(ON_BASIC));
    expect(said).toContain('Basic Talk &amp; Text · $15.00 / month');
    expect(said).toContain('cannot be undone');
    await e2e.submit(form, { reason: 'ZD-7001 line cancelled last month, still billed' });
    const end = await approvalCard(ON_BASIC, 'End plan');
    expect(textOf(end.body)).toContain('Basic Talk & Text · $15.00 / month');
    expect(textOf(end.body)).toContain('ZD-7001');
    expect(deletes()).toHaveLength(0); // nothing before the approval
    await Promise.all([approve(end.requestId, end.ts), approve(end.requestId, end.ts)]);
    await finished(end.requestId);
    expect(deletes()).toHaveLength(1);
    expect(deletes()[0]!.body).toEqual({ SubscriptionId: SEED_SUBSCRIPTIONS.basic.id });

    const after = textOf((await card(ON_BASIC)).blocks);
    expect(after).toContain('*Plan*\\nNo plan');
    expect(after).not.toContain('number.plan-end');
  });

  it('a stale card: End plan… on a line whose plan already ended says so and files nothing', async () => {
    const requests = await e2e.store.requests.listOpenForNumber(ON_BASIC);
    const shown = await viewAfterClick('number.plan-end', ON_BASIC, 'has no plan to end any more');
    expect(shown.view.callback_id).not.toBe('telegent.plan-end');
    expect(await e2e.store.requests.listOpenForNumber(ON_BASIC)).toHaveLength(requests.length);
    expect(deletes()).toHaveLength(1);
  });

  it('a stale card: End plan… on a line that runs again (Active) says so and files nothing', async () => {
    const active = SEED_NUMBERS[0]!; // Active, on Unlimited Plus
    const shown = await viewAfterClick('number.plan-end', active, 'is Active now');
    expect(textOf(shown.view)).toContain('Park it');
    expect(await e2e.store.requests.listOpenForNumber(active)).toHaveLength(0);
    expect(deletes()).toHaveLength(1);
  });
});
