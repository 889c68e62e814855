import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPhone } from '../../src/operations/glossary.js';
import { SEED_PACKAGES, SEED_SUBSCRIPTIONS } from '../../src/sandbox/plans-seed.js';
import { SEED_NUMBERS } from '../../src/sandbox/seed.js';
import { TEST_DATABASE_URL } from '../support/test-db.js';
import { CHANNEL, type E2E, startE2E, textOf } from './harness.js';
import { type Card, planSteps } from './plan-steps.js';

const UPDATE = '/v1.0/subscriptions/update';
const CREATE = '/v1.0/subscriptions';
const DELETE = '/v1.0/subscriptions/delete';
const STATUS = '/v1.0/numbers/status';

/** Seeded lines: 0 on Unlimited Plus (TNID as NID-), 1 on Basic (TNID-), 2 on none, 4 (IoT) on IoT Data. */
const ON_UNLIMITED = SEED_NUMBERS[0]!;
const ON_BASIC = SEED_NUMBERS[1]!;
const NO_PLAN = SEED_NUMBERS[2]!;
const ON_IOT = SEED_NUMBERS[4]!;

describe('plans on the number and customer cards, Change plan…, Put on a plan…, ending a plan with Cancel line…', () => {
  let e2e: E2E;
  beforeAll(async () => {
    // The server when CI gives one (the one-plan-step-at-a-time check is plain SQL on both), else PGlite.
    e2e = await startE2E({ storeKind: TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });
  afterAll(() => e2e.close());
  const { mutations, card, openForm, approvalCard, approve, finished, subscriptionOf } = planSteps(() => e2e);

  it('the number card shows the plan with its price, or "No plan", and offers the matching button', async () => {
    const onPlan = textOf((await card(ON_BASIC)).blocks);
    // Mrkdwn: the plan's "&" is escaped.
    expect(onPlan).toContain('*Plan*\\nBasic Talk &amp; Text · $15.00 / month');
    expect(onPlan).toContain('Change plan…');
    expect(onPlan).not.toContain('Put on a plan…');
    // Matched by SIM when the subscription names the number by provision's NID- (number details give TNID-).
    expect(textOf((await card(ON_UNLIMITED)).blocks)).toContain('Unlimited Plus · $45.00 / month');
    const none = textOf((await card(NO_PLAN)).blocks);
    expect(none).toContain('*Plan*\\nNo plan');
    expect(none).toContain('Put on a plan…');
    expect(none).not.toContain('Change plan…');
    // Its other parts stand as before.
    expect(none).toContain('number.park');
    expect(none).toContain('*Subscriber*');
  });

  it('Change plan… → approval (number, customer, old → new plan with prices, reason) → one subscriptions/update, even on a double click → the card shows the new plan', async () => {
    const form = await openForm('number.plan', 'telegent.plan', ON_BASIC);
    const shown = textOf(form.view.blocks);
    expect(shown).toContain('*Plan now*\\nBasic Talk &amp; Text · $15.00 / month');
    expect(shown).toContain('Unlimited Plus · $45.00 / month'); // on offer
    expect(shown).not.toContain(`"value":"${SEED_PACKAGES.basic}"`); // not the one it is on
    expect(shown).not.toContain(SEED_PACKAGES.legacy); // inactive plans are not offered
    await e2e.submit(form, { packageId: SEED_PACKAGES.unlimitedPlus, reason: 'ZD-5150 wants unlimited' });
    const { requestId, ts, body } = await approvalCard(ON_BASIC, 'Change plan');
    const said = textOf(body);
    expect(said).toContain('Basic Talk & Text · $15.00 / month');
    expect(said).toContain('Unlimited Plus · $45.00 / month');
    expect(said).toContain('ZD-5150 wants unlimited');
    expect(said).toContain('A. Lopez'); // the customer, shortened in a channel
    expect(mutations(UPDATE)).toHaveLength(0); // nothing before the approval
    await Promise.all([approve(requestId, ts), approve(requestId, ts)]);
    await finished(requestId);
    expect(mutations(UPDATE)).toHaveLength(1);
    expect(mutations(UPDATE)[0]!.body).toEqual({
      SubscriptionId: SEED_SUBSCRIPTIONS.basic.id,
      PackageId: SEED_PACKAGES.unlimitedPlus,
    });
    expect(subscriptionOf(SEED_SUBSCRIPTIONS.basic.id)?.PackageId).toBe(SEED_PACKAGES.unlimitedPlus);
    // The result was read back (subscription details) and kept with the request.
    expect(textOf((await e2e.store.requests.get(requestId))?.result)).toContain('readBack');
    // The request's message in the requester's channel ends as done, naming the new plan.
    await expect
      .poll(
        () =>
          e2e.fake
            .callsTo('chat.update')
            .some(
              (c) =>
                c.body.channel === CHANNEL &&
                String(c.body.text).includes('Change plan done') &&
                textOf(c.body.blocks).includes('→ Unlimited Plus · $45.00 / month'),
            ),
        { timeout: 5_000 },
      )
      .toBe(true);
    const after = textOf((await card(ON_BASIC)).blocks);
    expect(after).toContain('*Plan*\\nUnlimited Plus · $45.00 / month');
  });

  it('Put on a plan… on a line without one → approval → exactly one subscription, for its subscriber, TNID, SIM and type', async () => {
    const record = e2e.sandbox.getNumber(NO_PLAN)!;
    const form = await openForm('number.plan', 'telegent.plan', NO_PLAN);
    expect(textOf(form.view)).toContain('Put on a plan');
    await e2e.submit(form, { packageId: SEED_PACKAGES.basic });
    const { requestId, ts } = await approvalCard(NO_PLAN, 'Change plan');
    await Promise.all([approve(requestId, ts), approve(requestId, ts)]);
    await finished(requestId);
    expect(mutations(CREATE)).toHaveLength(1);
    expect(mutations(CREATE)[0]!.body).toEqual({
      SubscriberId: record.AssignedSubscriberId,
      PackageId: SEED_PACKAGES.basic,
      Type: 'mvno',
      TNID: record.Tnid,
      ICCID: record.Iccid,
    });
    const live = e2e.sandbox.subscriptions().filter((s) => s.TNID === record.Tnid && s.Active);
    expect(live).toHaveLength(1);
    expect(textOf((await card(NO_PLAN)).blocks)).toContain('*Plan*\\nBasic Talk &amp; Text · $15.00 / month');
  });

  it('one plan step of a line at a time: a second Change plan… is refused while the first waits', async () => {
    const number = SEED_NUMBERS[6]!; // Bennet Hill's line without a plan
    const first = await openForm('number.plan', 'telegent.plan', number);
    await e2e.submit(first, { packageId: SEED_PACKAGES.basic });
    await approvalCard(number, 'Change plan');
    const second = await openForm('number.plan', 'telegent.plan', number);
    await e2e.submit(second, { packageId: SEED_PACKAGES.unlimitedPlus });
    await e2e.viewShows(second.id, 'already has a request about its plan');
    expect(mutations(CREATE)).toHaveLength(1); // only the Put on a plan… above
  });

  it('an unknown outcome of a plan change is read back and settled without a second update', async () => {
    const before = mutations(UPDATE).length;
    const form = await openForm('number.plan', 'telegent.plan', ON_UNLIMITED);
    await e2e.submit(form, { packageId: SEED_PACKAGES.basic });
    const { requestId, ts } = await approvalCard(ON_UNLIMITED, 'Change plan');
    e2e.sandbox.injectFault({ endpoint: UPDATE, kind: '504', count: 1, applyMutation: true });
    await approve(requestId, ts);
    await finished(requestId);
    expect(mutations(UPDATE)).toHaveLength(before + 1);
    expect(textOf((await e2e.store.requests.get(requestId))?.result)).toContain(
      'the plan change went through',
    );
    expect(subscriptionOf(SEED_SUBSCRIPTIONS.unlimited.id)?.PackageId).toBe(SEED_PACKAGES.basic);
  });

  it('Cancel line… with "also end the plan" left unticked: the line is cancelled, the subscription stays', async () => {
    const form = await openForm('number.cancel-line', 'telegent.line.cancel-line', ON_UNLIMITED);
    const shown = textOf(form.view);
    expect(shown).toContain('Also end the plan (irreversible)');
    expect(shown).toContain('permanent');
    expect(shown).toContain('park it instead');
    expect(shown).not.toContain('initial_options'); // unticked
    await e2e.submit(form, {});
    const { requestId, ts } = await approvalCard(ON_UNLIMITED, 'Cancel line');
    await approve(requestId, ts);
    await finished(requestId);
    expect(mutations(STATUS).some((m) => JSON.stringify(m.body).includes(ON_UNLIMITED))).toBe(true);
    expect(mutations(DELETE)).toHaveLength(0);
    expect(subscriptionOf(SEED_SUBSCRIPTIONS.unlimited.id)?.Active).toBe(true);
    const requests = await e2e.store.requests.listOpenForNumber(ON_UNLIMITED);
    expect(requests.filter((r) => r.kind === 'plan-end')).toHaveLength(0);
  });

  it('Cancel line… with the box ticked: ending the plan is its own request and approval, one subscriptions/delete', async () => {
    const form = await openForm('number.cancel-line', 'telegent.line.cancel-line', ON_IOT);
    expect(textOf(form.view)).toContain('IoT Data 1 GB');
    await e2e.submit(form, { endPlan: ['true'] });
    await e2e.viewShows(form.id, 'its own request');
    const cancel = await approvalCard(ON_IOT, 'Cancel line');
    const end = await approvalCard(ON_IOT, 'End plan');
    expect(end.requestId).not.toBe(cancel.requestId);
    expect(textOf(end.body)).toContain('IoT Data 1 GB · $5.00 / month');
    expect(textOf(end.body)).toContain('cannot be undone');
    expect(textOf(end.body)).toContain(`Cancel line (${cancel.requestId})`);
    // Approving the cancel alone never ends the plan: it is a step of its own.
    await approve(cancel.requestId, cancel.ts);
    await finished(cancel.requestId);
    expect(mutations(DELETE)).toHaveLength(0);
    expect(subscriptionOf(SEED_SUBSCRIPTIONS.iot.id)).toBeDefined();
    await Promise.all([approve(end.requestId, end.ts), approve(end.requestId, end.ts)]);
    await finished(end.requestId);
    expect(mutations(DELETE)).toHaveLength(1);
    expect(mutations(DELETE)[0]!.body).toEqual({ SubscriptionId: SEED_SUBSCRIPTIONS.iot.id });
    expect(subscriptionOf(SEED_SUBSCRIPTIONS.iot.id)).toBeUndefined();
  });

  it('End plan approved before the cancel it was filed with has run is not sent: an active line never loses its plan', async () => {
    // NO_PLAN was put on a plan above (Put on a plan…).
    const deletes = mutations(DELETE).length;
    const subscriptions = e2e.sandbox.subscriptions().length;
    const form = await openForm('number.cancel-line', 'telegent.line.cancel-line', NO_PLAN);
    await e2e.submit(form, { endPlan: ['true'] });
    await e2e.viewShows(form.id, 'its own request');
    const cancel = await approvalCard(NO_PLAN, 'Cancel line');
    const end = await approvalCard(NO_PLAN, 'End plan');
    expect(textOf(end.body)).toContain('approve that one first');
    await approve(end.requestId, end.ts);
    await expect
      .poll(async () => (await e2e.store.requests.get(end.requestId))?.status, { timeout: 5_000 })
      .toBe('failed');
    const failed = await e2e.store.requests.get(end.requestId);
    expect(JSON.stringify(failed)).toContain('has not cancelled the line yet');
    expect(mutations(DELETE)).toHaveLength(deletes);
    expect(e2e.sandbox.subscriptions()).toHaveLength(subscriptions);
    // The cancel itself still goes through on its own approval.
    await approve(cancel.requestId, cancel.ts);
    await finished(cancel.requestId);
    expect(mutations(DELETE)).toHaveLength(deletes);
  });

  it('a line without a plan is not offered to end one', async () => {
    const number = SEED_NUMBERS[8]!;
    const form = await openForm('number.cancel-line', 'telegent.line.cancel-line', number);
    expect(textOf(form.view)).not.toContain('Also end the plan');
  });

  it('slow subscriptions do not hold the card: it comes within about 3 s, the plan "could not be read"', async () => {
    e2e.sandbox.injectFault({
      endpoint: '/v1.0/distributor/subscriptions',
      kind: 'latency',
      latencyMs: 8_000,
    });
    try {
      const started = Date.now();
      const before = e2e.responses().length;
      await e2e.command(`number ${ON_BASIC}`);
      await expect.poll(() => e2e.responses().length, { timeout: 6_000 }).toBe(before + 1);
      expect(Date.now() - started).toBeLessThan(6_000);
      const shown = textOf((e2e.responses()[before]!.body as Card).blocks);
      expect(shown).toContain('*Plan*\\ncould not be read');
      expect(shown).toContain('number.park');
    } finally {
      e2e.sandbox.clearFaults();
    }
  });

  it('subscriptions that cannot be read: the card says so and works', async () => {
    e2e.sandbox.injectFault({ endpoint: '/v1.0/distributor/subscriptions', kind: '500', count: 20 });
    try {
      const shown = textOf((await card(ON_BASIC)).blocks);
      expect(shown).toContain('*Plan*\\ncould not be read');
      expect(shown).not.toContain('Change plan…');
      expect(shown).toContain('number.park');
    } finally {
      e2e.sandbox.clearFaults();
    }
  });
});

describe('plans not enabled for the account', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ beforeStart: (sandbox) => sandbox.refusePlans({ status: 404 }) });
  });
  afterAll(() => e2e.close());
  const { card, openForm } = planSteps(() => e2e);

  it('the number and customer cards hide plan fields and buttons and keep working; Cancel line… offers no plan end', async () => {
    const shown = textOf((await card(ON_BASIC)).blocks);
    expect(shown).toContain(formatPhone(ON_BASIC));
    expect(shown).toContain('number.park');
    expect(shown).not.toContain('*Plan*');
    expect(shown).not.toContain('number.plan');
    const before = e2e.responses().length;
    await e2e.command('customer ana.lopez@example.com');
    await expect.poll(() => e2e.responses().length, { timeout: 5_000 }).toBe(before + 1);
    const customer = textOf(e2e.responses()[before]!.body);
    expect(customer).toContain(formatPhone(ON_BASIC));
    expect(customer).not.toMatch(/plan/i);
    const form = await openForm('number.cancel-line', 'telegent.line.cancel-line', ON_BASIC);
    expect(textOf(form.view)).not.toContain('Also end the plan');
  });
});
