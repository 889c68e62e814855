import { expect } from 'vitest';
import { SEED_PACKAGES } from '../../src/sandbox/plans-seed.js';
import { SEED_MESSAGE_ROUTE_IDS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import type { FakeSlackCall, Json } from '../support/fake-slack.js';
import { APPROVALS_CHANNEL, APPROVER, CHANNEL, type E2E, REQUESTER, textOf } from './harness.js';

/** Running Workflow Builder request steps in an e2e app, and reading how Slack saw each run end. */

export const STEP_TOKEN = 'xwfp-request-step-token-3f7a09c2e1';
export const PIN = 'pin-8675309';
export const ACCOUNT_NUMBER = 'acct-99887766554433';
export const WORKFLOW = 'New hire';

let run = 0;

/** Runs a step as Workflow Builder does; returns its function_execution_id. */
export async function runStep(
  e2e: E2E,
  callbackId: string,
  inputs: Json,
  token = STEP_TOKEN,
): Promise<string> {
  run += 1;
  const executionId = `Fx0REQ${run}${callbackId.length}`;
  const answer = await e2e.slack.event({
    type: 'function_executed',
    function: { id: `Fn0${callbackId}`, callback_id: callbackId, title: callbackId, type: 'app' },
    inputs,
    function_execution_id: executionId,
    workflow_execution_id: `Wf0REQ${run}`,
    bot_access_token: token,
  });
  expect(answer.status).toBe(200);
  return executionId;
}

/** Slack's completions of a run that it accepted (a refused second one is not a completion). */
export const completions = (e2e: E2E, executionId: string) =>
  e2e.fake.calls.filter(
    (c) =>
      c.method.startsWith('functions.complete') &&
      c.body.function_execution_id === executionId &&
      c.response.ok === true,
  );

export async function completionOf(
  e2e: E2E,
  executionId: string,
  token = STEP_TOKEN,
): Promise<FakeSlackCall> {
  await expect.poll(() => completions(e2e, executionId).length, { timeout: 8_000 }).toBeGreaterThan(0);
  const [done, ...more] = completions(e2e, executionId);
  expect(more).toHaveLength(0);
  // Completed with the run's own token (unless a test says otherwise).
  expect(done!.token).toBe(token);
  return done!;
}

export const outputsOf = (call: FakeSlackCall): Json =>
  typeof call.body.outputs === 'string' ? JSON.parse(call.body.outputs) : call.body.outputs;

/** The request a run filed and its approval card. */
export async function cardOf(
  e2e: E2E,
  executionId: string,
): Promise<{ requestId: string; ts: string; card: FakeSlackCall }> {
  let requestId = '';
  await expect
    .poll(
      async () => {
        const { rows } = await e2e.store.db.query<{ request_id: string | null }>(
          'SELECT request_id FROM step_requests WHERE function_execution_id = $1',
          [executionId],
        );
        requestId = rows[0]?.request_id ?? '';
        return requestId;
      },
      { timeout: 8_000 },
    )
    .not.toBe('');
  let card: FakeSlackCall | undefined;
  await expect
    .poll(
      () =>
        (card = e2e.fake
          .callsTo('chat.postMessage')
          .find(
            (c) =>
              c.body.channel === APPROVALS_CHANNEL &&
              textOf(c.body.blocks).includes('request.approve') &&
              textOf(c.body.blocks).includes(requestId),
          )),
      { timeout: 8_000 },
    )
    .toBeDefined();
  return { requestId, ts: String(card!.response.ts), card: card! };
}

export const approve = (e2e: E2E, requestId: string, ts: string) =>
  e2e.slack.blockAction({
    actionId: 'request.approve',
    value: requestId,
    userId: APPROVER,
    channelId: APPROVALS_CHANNEL,
    messageTs: ts,
  });

export const provisionInputs = (overrides: Json = {}): Json => ({
  requester: REQUESTER,
  area_code: '801',
  subscriber: 'ana.lopez@example.com',
  plan: 'Unlimited Plus',
  message_route: SEED_MESSAGE_ROUTE_IDS[0],
  reason: 'HR-1042 new hire starts Monday',
  channel: CHANNEL,
  workflow_name: WORKFLOW,
  ...overrides,
});

export const portInInputs = (overrides: Json = {}): Json => ({
  requester: REQUESTER,
  phone_number: '+13135550801',
  carrier_name: 'Verizon',
  account_number: ACCOUNT_NUMBER,
  account_pin: PIN,
  billing_street: '2701 N Thanksgiving Way',
  billing_city: 'Lehi',
  billing_state: 'UT',
  billing_zip: '84043',
  subscriber: SEED_SUBSCRIBER_IDS[2],
  plan: SEED_PACKAGES.unlimitedPlus,
  reason: 'HR-1043 keeps her number',
  channel: CHANNEL,
  workflow_name: WORKFLOW,
  ...overrides,
});
