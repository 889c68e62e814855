import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCarrier } from '../../src/sandbox/magic.js';
import { SEED_NUMBERS } from '../../src/sandbox/seed.js';
import type { FakeSlackCall, Json } from '../support/fake-slack.js';
import { createSlackRequester, type SlackRequester } from '../support/slack-requests.js';
import { type E2E, SIGNING_SECRET, startE2E } from './harness.js';

/**
 * The read steps in Workflow Builder, end to end: signed `function_executed` events through the HTTP receiver,
 * the sandbox over real HTTP, and the step's outcome as Slack receives it (functions.completeSuccess / Error).
 */
/** The reads the steps make (the app's own background reads at start-up are not theirs). */
const stepReads = (e2e: E2E) =>
  e2e.sandbox
    .journal()
    .filter((e) => /^\/v1\.0\/(numbers|numbers\/portin\/eligibility|subscribers\/get)$/i.test(e.path)).length;

describe('Workflow Builder read steps', () => {
  let e2e: E2E;
  let run = 0;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  const STEP_TOKEN = 'xwfp-step-token-9d1e44b0c7';

  /** Runs a step as Workflow Builder does and returns Slack's record of how it ended. */
  async function runStep(callbackId: string, inputs: Json, from?: SlackRequester): Promise<FakeSlackCall> {
    run += 1;
    const executionId = `Fx0RUN${run}`;
    const answer = await (from ?? e2e.slack).event({
      type: 'function_executed',
      function: { id: `Fn0${callbackId}`, callback_id: callbackId, title: callbackId, type: 'app' },
      inputs,
      function_execution_id: executionId,
      workflow_execution_id: `Wf0RUN${run}`,
      bot_access_token: STEP_TOKEN,
    });
    expect(answer.status).toBe(200);
    let ended: FakeSlackCall | undefined;
    await expect
      .poll(
        () =>
          (ended = e2e.fake.calls.find(
            (c) => c.method.startsWith('functions.complete') && c.body.function_execution_id === executionId,
          )),
        { timeout: 5_000 },
      )
      .toBeDefined();
    // Completed with the step's own token, as Slack requires; exactly once.
    expect(ended!.token).toBe(STEP_TOKEN);
    expect(e2e.fake.calls.filter((c) => c.body.function_execution_id === executionId)).toHaveLength(1);
    return ended!;
  }

  /** Bolt's Web API client sends `outputs` as JSON text inside the form body. */
  const outputsOf = (call: FakeSlackCall): Json =>
    typeof call.body.outputs === 'string' ? JSON.parse(call.body.outputs) : call.body.outputs;
  const telegentCalls = () => stepReads(e2e);

  it('check_portin_eligibility: a portable mobile number is eligible, with its carrier', async () => {
    const ended = await runStep('check_portin_eligibility', { phone_number: '+13135550801' });
    expect(ended.method).toBe('functions.completeSuccess');
    expect(outputsOf(ended)).toEqual({
      eligible: true,
      carrier: currentCarrier('+13135550801'),
      number_type: expect.any(String),
      message: expect.any(String),
    });
    expect(outputsOf(ended).carrier).not.toBe('');
  });

  it('check_portin_eligibility: an ineligible number completes with eligible false (iot asked)', async () => {
    const ended = await runStep('check_portin_eligibility', {
      phone_number: '+13855551111',
      classification: 'iot',
    });
    expect(ended.method).toBe('functions.completeSuccess');
    expect(outputsOf(ended).eligible).toBe(false);
  });

  it('lookup_number: a seeded line on a plan: its status, subscriber, plan and SIM last 4', async () => {
    const number = SEED_NUMBERS[0]!;
    const iccid = e2e.sandbox.getNumber(number)!.Iccid!;
    const readsBefore = telegentCalls();
    const ended = await runStep('lookup_number', { phone_number: number });
    expect(ended.method).toBe('functions.completeSuccess');
    // The number and its subscriber were read (what "nothing reaches Telegent" below counts).
    expect(telegentCalls()).toBe(readsBefore + 2);
    expect(outputsOf(ended)).toMatchObject({
      status: 'Active',
      subscriber_name: 'Bennet Hill',
      sim_last4: iccid.slice(-4),
    });
    // The plan in the card's words (the seeded line is on Unlimited Plus).
    expect(outputsOf(ended).plan).toBe('Unlimited Plus · $45.00 / month');
    // The SIM is never passed on whole.
    expect(JSON.stringify(outputsOf(ended))).not.toContain(iccid);
  });

  it('lookup_number: a number not on the account fails the step with a sentence', async () => {
    const ended = await runStep('lookup_number', { phone_number: '+18015559876' });
    expect(ended.method).toBe('functions.completeError');
    expect(ended.body.error).toMatch(/is not on your Telegent account\. Check the number/);
  });

  it('a bad number fails the step with a sentence saying what to fix, and nothing reaches Telegent', async () => {
    const before = e2e.sandbox.mutations().length;
    const readsBefore = telegentCalls();
    for (const callbackId of ['check_portin_eligibility', 'lookup_number']) {
      const ended = await runStep(callbackId, { phone_number: '12345' });
      expect(ended.method).toBe('functions.completeError');
      expect(ended.body.error).toMatch(/phone number/i);
      expect(ended.body.error).toMatch(/\.$/);
    }
    const missing = await runStep('check_portin_eligibility', {});
    expect(missing.method).toBe('functions.completeError');
    expect(missing.body.error).toMatch(/phone number/i);
    const badClass = await runStep('check_portin_eligibility', {
      phone_number: '+13135550801',
      classification: 'satellite',
    });
    expect(badClass.method).toBe('functions.completeError');
    expect(badClass.body.error).toMatch(/mvno or iot/);
    expect(e2e.sandbox.mutations().length).toBe(before);
    expect(telegentCalls()).toBe(readsBefore);
  });

  it('a step this app does not run is logged and failed with a sentence', async () => {
    const ended = await runStep('start_portin', { phone_number: '+13135550801' });
    expect(ended.method).toBe('functions.completeError');
    expect(ended.body.error).toContain('Telegent Ops has no step "start_portin"');
    expect(e2e.log.lines.some((l) => l.includes('does not run') && l.includes('start_portin'))).toBe(true);
  });

  it('Telegent failing fails the step with a sentence and a reference', async () => {
    e2e.sandbox.injectFault({ kind: '503' });
    try {
      for (const [callbackId, number] of [
        ['check_portin_eligibility', '+13135550801'],
        ['lookup_number', SEED_NUMBERS[6]!],
      ] as const) {
        const ended = await runStep(callbackId, { phone_number: number });
        expect(ended.method).toBe('functions.completeError');
        expect(ended.body.error).toMatch(/Telegent/);
        expect(ended.body.error).toMatch(/\(ref [a-z0-9]+\)/);
      }
    } finally {
      e2e.sandbox.clearFaults();
    }
  });

  it('a run from another workspace is refused with a sentence, and nothing reaches Telegent', async () => {
    const other = createSlackRequester({
      baseUrl: `http://127.0.0.1:${e2e.port}`,
      signingSecret: SIGNING_SECRET,
      teamId: 'T0OTHER',
    });
    const readsBefore = telegentCalls();
    const ended = await runStep('lookup_number', { phone_number: SEED_NUMBERS[0]! }, other);
    expect(ended.method).toBe('functions.completeError');
    expect(ended.body.error).toMatch(/run only in workflows of/);
    expect(telegentCalls()).toBe(readsBefore);
    const audited = await e2e.store.db.query(
      "SELECT details FROM audit_log WHERE action = 'access_refused' ORDER BY id DESC LIMIT 1",
    );
    expect(audited.rows[0]?.details).toMatchObject({ surface: 'step', what: 'lookup_number' });
  });

  it('never logs the step token', () => {
    expect(e2e.log.lines.length).toBeGreaterThan(0);
    expect(e2e.log.lines.join('\n')).not.toContain(STEP_TOKEN);
  });

  it('registers the read steps and the request steps', () => {
    expect(e2e.ops.listeners.registered('function')).toEqual([
      'check_portin_eligibility',
      'lookup_number',
      'request_provision',
      'request_port_in',
    ]);
  });
});

describe('Workflow Builder read steps when reading is narrowed to a group', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ access: { readerUsergroupId: 'S0READERS' } });
  });
  afterAll(() => e2e.close());

  it('a step cannot show who runs it: refused with a sentence naming the way out, nothing read', async () => {
    const readsBefore = stepReads(e2e);
    await e2e.slack.event({
      type: 'function_executed',
      function: { id: 'Fn0lookup', callback_id: 'lookup_number', title: 'Look up', type: 'app' },
      inputs: { phone_number: SEED_NUMBERS[0]! },
      function_execution_id: 'Fx0NARROW',
      workflow_execution_id: 'Wf0NARROW',
      bot_access_token: 'xwfp-narrowed-token',
    });
    const ended = await e2e.fake.waitFor(
      'functions.completeError',
      (c) => c.body.function_execution_id === 'Fx0NARROW',
    );
    expect(ended.body.error).toContain('<!subteam^S0READERS>');
    expect(ended.body.error).toContain('/telegent');
    expect(e2e.fake.callsTo('functions.completeSuccess')).toHaveLength(0);
    expect(stepReads(e2e)).toBe(readsBefore);
  });
});
