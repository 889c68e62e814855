import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';
import { approve, cardOf, provisionInputs, runStep } from './step-runs.js';

/**
 * A run Slack will not let the app complete does not stay in the log forever: a refusal retrying cannot fix
 * (parameter_validation_failed, access_denied…) or one that lasted GIVE_UP_AFTER_MS ends it in the store, and the
 * requester reads it in the request's thread with a reference that is also on the log line.
 */
describe('a workflow step Slack will not complete', () => {
  let e2e: E2E;
  let clock = new Date();
  beforeAll(async () => {
    e2e = await startE2E({ now: () => clock });
  });
  afterAll(() => e2e.close());

  const stepCalls = (executionId: string) =>
    e2e.fake.calls.filter((c) => c.body.function_execution_id === executionId);
  const completedAs = async (executionId: string) =>
    (
      await e2e.store.db.query<{ outcome: string | null }>(
        'SELECT outcome FROM step_requests WHERE function_execution_id = $1',
        [executionId],
      )
    ).rows[0]?.outcome ?? null;

  /** The reply in the request's story thread for the requester, and the log line's reference. */
  async function toldInThread(requestId: string): Promise<string> {
    const storyTs = (await e2e.store.requests.get(requestId))?.storyTs;
    expect(storyTs).toBeTruthy();
    const reply = await e2e.fake.waitFor(
      'chat.postMessage',
      (c) =>
        c.body.channel === CHANNEL &&
        c.body.thread_ts === storyTs &&
        textOf(c.body.blocks).includes('could not be told'),
      8_000,
    );
    expect(textOf(reply.body.blocks)).toContain(`<@${REQUESTER}>`);
    const ref = /reference ([A-Za-z0-9_-]+)/.exec(textOf(reply.body.blocks))?.[1];
    expect(ref).toBeTruthy();
    expect(e2e.log.text()).toMatch(new RegExp(`"ref":"${ref}"[^\\n]*gave up completing a workflow step`));
    return ref!;
  }

  it('outputs Slack refuses (parameter_validation_failed): ended as an error at once, told in the thread, never retried', async () => {
    const executionId = await runStep(e2e, 'request_provision', provisionInputs());
    const { requestId, ts } = await cardOf(e2e, executionId);
    e2e.fake.failNext('functions.completeSuccess', { error: 'parameter_validation_failed' });
    await approve(e2e, requestId, ts);
    await expect.poll(() => completedAs(executionId), { timeout: 8_000 }).toBe('error');
    const ref = await toldInThread(requestId);
    // The workflow stops waiting: the step ends with an error carrying the same reference.
    const ended = stepCalls(executionId).find((c) => c.method === 'functions.completeError');
    expect(ended?.response.ok).toBe(true);
    expect(String(ended?.body.error)).toContain(ref);
    const calls = stepCalls(executionId).length;
    await e2e.ops.runExpiryOnce();
    expect(stepCalls(executionId)).toHaveLength(calls);
  });

  it('Slack failing for a passing reason is tried again, until six hours after the request ended: then ended and told', async () => {
    const executionId = await runStep(e2e, 'request_provision', provisionInputs());
    const { requestId, ts } = await cardOf(e2e, executionId);
    e2e.fake.failNext('functions.completeSuccess', { error: 'internal_error' });
    await approve(e2e, requestId, ts);
    await expect.poll(() => stepCalls(executionId).length, { timeout: 8_000 }).toBe(1);
    expect(await completedAs(executionId)).toBeNull();
    // An hour on: tried again, refused again, still owed.
    clock = new Date(clock.getTime() + 3_600_000);
    e2e.fake.failNext('functions.completeSuccess', { error: 'internal_error' });
    await e2e.ops.runExpiryOnce();
    expect(stepCalls(executionId)).toHaveLength(2);
    expect(await completedAs(executionId)).toBeNull();
    // Six hours on: refused once more, and given up.
    clock = new Date(clock.getTime() + 5 * 3_600_000);
    e2e.fake.failNext('functions.completeSuccess', { error: 'internal_error' });
    await e2e.ops.runExpiryOnce();
    expect(await completedAs(executionId)).toBe('error');
    await toldInThread(requestId);
    await e2e.ops.runExpiryOnce();
    expect(stepCalls(executionId)).toHaveLength(3);
  });
  it('a run recorded but never filed (the app stopped in between): ended by the sweep after 10 minutes, once', async () => {
    const executionId = 'Fx0UNFILED001';
    await e2e.store.stepRequests.begin({
      functionExecutionId: executionId,
      callbackId: 'request_provision',
      token: null,
      workflowName: 'New hire',
      now: clock,
    });
    // Filing takes seconds: a run a minute old may still be being filed, and is left alone.
    clock = new Date(clock.getTime() + 60_000);
    await e2e.ops.runExpiryOnce();
    expect(stepCalls(executionId)).toHaveLength(0);

    clock = new Date(clock.getTime() + 10 * 60_000);
    await e2e.ops.runExpiryOnce();
    const ended = stepCalls(executionId).filter((c) => c.method === 'functions.completeError');
    expect(ended).toHaveLength(1);
    expect(String(ended[0]?.body.error)).toContain('The request was not filed');
    expect(await completedAs(executionId)).toBe('error');
    await e2e.ops.runExpiryOnce();
    expect(stepCalls(executionId)).toHaveLength(1);
  });
});
