import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PACKAGES } from '../../src/sandbox/plans-seed.js';
import { SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import type { Json } from '../support/fake-slack.js';
import {
  APPROVALS_CHANNEL,
  APPROVER,
  BOT_TOKEN,
  CHANNEL,
  type E2E,
  OTHER_APPROVER,
  REQUESTER,
  startE2E,
  startReplica,
  textOf,
} from './harness.js';
import {
  ACCOUNT_NUMBER,
  approve,
  cardOf,
  completionOf,
  completions,
  outputsOf,
  PIN,
  portInInputs,
  provisionInputs,
  runStep,
  STEP_TOKEN,
  WORKFLOW,
} from './step-runs.js';

/**
 * The request steps in Workflow Builder, end to end: a signed `function_executed` files an ordinary request (the
 * approval card, the same approval and execution as /telegent), and the run is completed once the request is
 * done — with the new number, the port-in's order, or the sentence saying why not — exactly once, also across a
 * restart. Slack's record of how each run ended is the fake's functions.completeSuccess / completeError calls.
 */

/** Every call the app made to Telegent (reads too): "nothing reached Telegent" counts these. */
const telegentCalls = (e2e: E2E) => e2e.sandbox.journal().length;
const provisions = (e2e: E2E) =>
  e2e.sandbox.mutations().filter((m) => m.path.toLowerCase() === '/v1.0/numbers/provision').length;

describe('Workflow Builder request steps', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    e2e.fake.setUser('U0GUEST', { is_restricted: true });
  });
  afterAll(() => e2e.close());

  it('request_provision: an ordinary approval card from workflow "New hire"; approved → completes with the new number', async () => {
    const before = provisions(e2e);
    const executionId = await runStep(e2e, 'request_provision', provisionInputs());
    const { requestId, ts, card } = await cardOf(e2e, executionId);
    // Filed for the requester, shown as coming from the workflow, on the card and in the requester's channel.
    expect(textOf(card.body.blocks)).toContain(`<@${REQUESTER}> from workflow *${WORKFLOW}*`);
    expect(textOf(card.body.blocks)).toContain('HR-1042 new hire');
    await expect
      .poll(() =>
        e2e.fake.calls
          .filter((c) => ['chat.postMessage', 'chat.update'].includes(c.method) && c.body.channel === CHANNEL)
          .some((c) => textOf(c.body.blocks).includes(`from workflow *${WORKFLOW}*`)),
      )
      .toBe(true);
    const stored = await e2e.store.requests.get(requestId);
    expect(stored).toMatchObject({
      kind: 'provision',
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      status: 'pending_approval',
    });
    expect(stored!.input).toMatchObject({
      assignedSubscriberId: SEED_SUBSCRIBER_IDS[1],
      areaCode: '801',
      packageId: SEED_PACKAGES.unlimitedPlus,
    });
    // Not completed while it waits; nothing sent to Telegent before the approval.
    expect(completions(e2e, executionId)).toHaveLength(0);
    expect(provisions(e2e)).toBe(before);

    await approve(e2e, requestId, ts);
    const done = await completionOf(e2e, executionId);
    expect(done.method).toBe('functions.completeSuccess');
    const order = await e2e.store.orders.getByRequest(requestId);
    expect(outputsOf(done)).toEqual({ phone_number: order!.numbers[0], order_id: order!.orderId });
    expect(outputsOf(done).phone_number).toMatch(/^\+1801\d{7}$/);
    expect(provisions(e2e)).toBe(before + 1);
  });

  it('a run whose token Slack revoked while it waited (approved after the token’s life) is completed with the bot token', async () => {
    const shortLived = 'xwfp-short-lived-token-77aa0b';
    const executionId = await runStep(e2e, 'request_provision', provisionInputs(), shortLived);
    const { requestId, ts } = await cardOf(e2e, executionId);
    e2e.fake.revokeToken(shortLived);
    await approve(e2e, requestId, ts);
    const done = await completionOf(e2e, executionId, BOT_TOKEN);
    expect(done.method).toBe('functions.completeSuccess');
    // The run's token was tried first and refused; nothing else.
    const refused = e2e.fake.calls.filter(
      (c) => c.body.function_execution_id === executionId && c.response.error === 'token_revoked',
    );
    expect(refused.map((c) => c.token)).toEqual([shortLived]);
    expect(e2e.log.text()).not.toContain(shortLived);
  });

  it('request_provision rejected: completes with an error naming who rejected it and why', async () => {
    const executionId = await runStep(e2e, 'request_provision', provisionInputs());
    const { requestId, ts } = await cardOf(e2e, executionId);
    await e2e.slack.blockAction({
      actionId: 'request.reject',
      value: requestId,
      userId: APPROVER,
      channelId: APPROVALS_CHANNEL,
      messageTs: ts,
    });
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.reject-reason');
    await e2e.submit(form, { reason: 'No budget for a line this quarter' }, APPROVER);
    const done = await completionOf(e2e, executionId);
    expect(done.method).toBe('functions.completeError');
    expect(done.body.error).toMatch(
      /^Rejected by .+: "No budget for a line this quarter"\. Nothing was sent to Telegent/,
    );
    expect(done.body.error).toContain(requestId);
  });

  it('bad input fails the run with a sentence naming the field, files nothing and calls Telegent 0 times', async () => {
    const requestsBefore = (await e2e.store.db.query('SELECT id FROM requests')).rows.length;
    const callsBefore = telegentCalls(e2e);
    const cases: Array<[string, Json, RegExp]> = [
      [
        'request_provision',
        provisionInputs({ area_code: '123', subscriber: SEED_SUBSCRIBER_IDS[1] }),
        /area code/i,
      ],
      ['request_provision', provisionInputs({ subscriber: 'TSUID-nope!' }), /Subscriber/],
      ['request_provision', provisionInputs({ reason: '' }), /Reason \/ ticket/],
      ['request_port_in', portInInputs({ phone_number: '12345' }), /phone number/i],
      ['request_port_in', portInInputs({ billing_state: 'ZZ' }), /state/i],
    ];
    for (const [callbackId, inputs, expected] of cases) {
      const executionId = await runStep(e2e, callbackId, inputs);
      const done = await completionOf(e2e, executionId);
      expect(done.method).toBe('functions.completeError');
      expect(done.body.error).toMatch(expected);
      expect(done.body.error).toMatch(/\.$/);
    }
    expect(telegentCalls(e2e)).toBe(callsBefore);
    expect((await e2e.store.db.query('SELECT id FROM requests')).rows.length).toBe(requestsBefore);
  });

  it('a requester the slash command would refuse (a guest) is refused: error, audited, nothing filed or read', async () => {
    const callsBefore = telegentCalls(e2e);
    const executionId = await runStep(e2e, 'request_provision', provisionInputs({ requester: 'U0GUEST' }));
    const done = await completionOf(e2e, executionId);
    expect(done.method).toBe('functions.completeError');
    expect(done.body.error).toMatch(/^Refused for the requester: .*guest accounts cannot use it/);
    expect(telegentCalls(e2e)).toBe(callsBefore);
    const { rows } = await e2e.store.db.query<{ actor: string; details: Json }>(
      "SELECT actor, details FROM audit_log WHERE action = 'access_refused' ORDER BY id DESC LIMIT 1",
    );
    expect(rows[0]).toMatchObject({
      actor: 'U0GUEST',
      details: { surface: 'step', what: 'request_provision', reason: 'guest' },
    });
  });

  it('request_port_in: approved → completes when submitted, with the order and its status (not the carrier’s answer)', async () => {
    const executionId = await runStep(e2e, 'request_port_in', portInInputs());
    const { requestId, ts, card } = await cardOf(e2e, executionId);
    expect(textOf(card.body.blocks)).toContain(`from workflow *${WORKFLOW}*`);
    await approve(e2e, requestId, ts);
    const done = await completionOf(e2e, executionId);
    expect(done.method).toBe('functions.completeSuccess');
    const order = await e2e.store.orders.getByRequest(requestId);
    expect(order).not.toBeNull();
    expect(outputsOf(done)).toEqual({ order_id: order!.orderId, status: expect.any(String) });
    expect(outputsOf(done).status).not.toBe('');
    // The carrier's secrets were kept encrypted with the request until it was sent, then purged.
    expect((await e2e.store.requests.get(requestId))?.hasSecrets).toBe(false);
  });

  it('never puts the run token, the carrier PIN or the account number in a log line or a Slack body', async () => {
    const logs = e2e.log.text();
    const slackBodies = JSON.stringify(e2e.fake.calls.map((c) => c.body));
    for (const secret of [STEP_TOKEN, PIN, ACCOUNT_NUMBER]) {
      expect(logs, `logs leak ${secret.slice(0, 5)}…`).not.toContain(secret);
      expect(slackBodies, `Slack bodies leak ${secret.slice(0, 5)}…`).not.toContain(secret);
    }
    // Stored encrypted while the run waits, dropped once it is completed.
    const { rows } = await e2e.store.db.query<{ token: string | null; completed_at: Date | null }>(
      'SELECT token, completed_at FROM step_requests',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.token ?? '').not.toContain(STEP_TOKEN);
      if (row.completed_at) expect(row.token).toBeNull();
    }
  });

  it('a redelivered run files nothing new and completes once', async () => {
    const inputs = provisionInputs();
    const executionId = `Fx0REDELIVERED`;
    const event = {
      type: 'function_executed',
      function: { id: 'Fn0request_provision', callback_id: 'request_provision', title: 't', type: 'app' },
      inputs,
      function_execution_id: executionId,
      workflow_execution_id: 'Wf0REDELIVERED',
      bot_access_token: STEP_TOKEN,
    };
    await e2e.slack.event(event);
    await e2e.slack.event(event, { retryNum: 1 });
    const { requestId, ts } = await cardOf(e2e, executionId);
    const filed = await e2e.store.db.query('SELECT id FROM requests WHERE idempotency_key = $1', [
      `step:${executionId}`,
    ]);
    expect(filed.rows).toHaveLength(1);
    await approve(e2e, requestId, ts);
    await completionOf(e2e, executionId);
  });
});

describe('Workflow Builder request steps across a restart', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  it('Slack answered but the answer was lost: the retry is refused as already completed, taken as done', async () => {
    const executionId = await runStep(e2e, 'request_provision', provisionInputs());
    const { requestId, ts } = await cardOf(e2e, executionId);
    e2e.fake.failNext('functions.completeSuccess', { acceptedThenStatus: 500 });
    await approve(e2e, requestId, ts);
    await expect
      .poll(
        async () => {
          const { rows } = await e2e.store.db.query<{ completed_at: Date | null }>(
            'SELECT completed_at FROM step_requests WHERE function_execution_id = $1',
            [executionId],
          );
          return rows[0]?.completed_at ?? null;
        },
        { timeout: 8_000 },
      )
      .not.toBeNull();
    // Slack holds exactly one completion (the lost answer's); the retry was refused.
    const calls = e2e.fake.calls.filter((c) => c.body.function_execution_id === executionId);
    expect(calls.filter((c) => c.response.error === 'execution_not_in_running_state').length).toBeGreaterThan(
      0,
    );
    await e2e.ops.runExpiryOnce();
    expect(e2e.fake.calls.filter((c) => c.body.function_execution_id === executionId)).toHaveLength(
      calls.length,
    );
  });

  it('the app stops after the request finished but before the run was completed: the restarted app completes it once', async () => {
    const executionId = await runStep(e2e, 'request_provision', provisionInputs());
    const { requestId, ts } = await cardOf(e2e, executionId);
    // Slack does not take the completion (an outage): the run stays owed when the request succeeds.
    e2e.fake.failNext('functions.completeSuccess', { error: 'internal_error' });
    await approve(e2e, requestId, ts);
    await expect
      .poll(async () => (await e2e.store.requests.get(requestId))?.status, { timeout: 8_000 })
      .toBe('succeeded');
    await expect
      .poll(() => e2e.fake.calls.filter((c) => c.body.function_execution_id === executionId).length, {
        timeout: 8_000,
      })
      .toBe(1);
    expect(completions(e2e, executionId)).toHaveLength(0);
    await e2e.ops.stop();

    // Restarted on the same store: its housekeeping at start completes the run, and a second run does nothing.
    const restarted = await startReplica(e2e);
    try {
      await restarted.ops.runExpiryOnce();
      const done = await completionOf(e2e, executionId);
      expect(done.method).toBe('functions.completeSuccess');
      const order = await e2e.store.orders.getByRequest(requestId);
      expect(outputsOf(done)).toEqual({ phone_number: order!.numbers[0], order_id: order!.orderId });
      await restarted.ops.runExpiryOnce();
      expect(e2e.fake.calls.filter((c) => c.body.function_execution_id === executionId)).toHaveLength(2);
      expect(e2e.log.text()).not.toContain(STEP_TOKEN);
    } finally {
      await restarted.close();
    }
  });
});

describe('Workflow Builder request steps when requesters are named and reading is narrowed', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ access: { requesterUserIds: [REQUESTER], readerUsergroupId: 'S0READERS' } });
  });
  afterAll(() => e2e.close());

  it('a step names its person, so narrowed reading does not turn it off: a named requester’s request is filed', async () => {
    // A step not given the workflow's name still says the request came from a workflow.
    const executionId = await runStep(
      e2e,
      'request_provision',
      provisionInputs({ workflow_name: undefined }),
    );
    const { requestId, card } = await cardOf(e2e, executionId);
    expect((await e2e.store.requests.get(requestId))?.requestedBy).toBe(REQUESTER);
    expect(textOf(card.body.blocks)).toContain(`<@${REQUESTER}> from a Workflow Builder workflow`);
    const audited = (await e2e.store.audit.listByRequest(requestId)).find((a) => a.action === 'submitted');
    expect(audited?.details).toMatchObject({ workflow: 'unnamed' });
    expect(completions(e2e, executionId)).toHaveLength(0);
  });

  it('someone the slash command would refuse as a requester is refused the same way, and Telegent is not called', async () => {
    const callsBefore = telegentCalls(e2e);
    const executionId = await runStep(e2e, 'request_port_in', portInInputs({ requester: OTHER_APPROVER }));
    const done = await completionOf(e2e, executionId);
    expect(done.method).toBe('functions.completeError');
    expect(done.body.error).toMatch(
      new RegExp(`^Refused for the requester: Only <@${REQUESTER}> can file Telegent requests`),
    );
    expect(telegentCalls(e2e)).toBe(callsBefore);
    expect(e2e.log.text()).not.toContain(PIN);
  });
});

describe('Workflow Builder request steps: expiry, and a request that needs no approval', () => {
  let e2e: E2E;
  let clock = new Date();
  beforeAll(async () => {
    e2e = await startE2E({ now: () => clock, approvals: { requiredFor: ['portin'] } });
  });
  afterAll(() => e2e.close());

  it('a provision APPROVAL_REQUIRED_FOR leaves out still needs an approver when a workflow files it (its requester is an input)', async () => {
    const before = provisions(e2e);
    const executionId = await runStep(e2e, 'request_provision', provisionInputs());
    const { requestId, ts, card } = await cardOf(e2e, executionId);
    expect(textOf(card.body.blocks)).toContain('Needs approval: filed by a workflow.');
    expect((await e2e.store.requests.get(requestId))?.status).toBe('pending_approval');
    expect(provisions(e2e)).toBe(before);
    expect(completions(e2e, executionId)).toHaveLength(0);
    await approve(e2e, requestId, ts);
    const done = await completionOf(e2e, executionId);
    expect(done.method).toBe('functions.completeSuccess');
    const order = await e2e.store.orders.getByRequest(requestId);
    expect(outputsOf(done)).toEqual({ phone_number: order!.numbers[0], order_id: order!.orderId });
    expect(provisions(e2e)).toBe(before + 1);
  });

  it('a port-in nobody approved in time expires: the run ends with a sentence, completed with the bot token a day later', async () => {
    const executionId = await runStep(e2e, 'request_port_in', portInInputs({ phone_number: '+13135550802' }));
    const { requestId } = await cardOf(e2e, executionId);
    await e2e.ops.runExpiryOnce(); // not yet due
    expect(completions(e2e, executionId)).toHaveLength(0);
    clock = new Date(clock.getTime() + 24 * 3_600_000 + 1_000);
    await e2e.ops.runExpiryOnce();
    expect((await e2e.store.requests.get(requestId))?.status).toBe('expired');
    // The run's own token died long ago: the bot token, at once, not a refused try first.
    const done = await completionOf(e2e, executionId, BOT_TOKEN);
    expect(done.method).toBe('functions.completeError');
    expect(done.body.error).toMatch(
      /^Nobody approved it in time, so it expired and nothing was sent to Telegent/,
    );
    expect(e2e.fake.calls.filter((c) => c.body.function_execution_id === executionId)).toHaveLength(1);
  });
});
