import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../support/fake-slack.js';
import { type E2E, startE2E, startReplica } from './harness.js';
import {
  approve,
  cardOf,
  completionOf,
  completions,
  provisionInputs,
  runStep,
  STEP_TOKEN,
} from './step-runs.js';

/**
 * A request step never fails its run while the request it filed can still go ahead: whatever throws once filing
 * began (the audit row refused, a redraw failing) and whatever a redelivery's checks meet (Slack or Telegent
 * down) leaves the run to be completed by its request's end — else the workflow says failed, someone runs it
 * again, and a second line is bought.
 */

/** The database refuses the `submitted` audit row of step requests whose run id starts with `prefix`. */
async function refuseSubmittedAudit(e2e: E2E, prefix: string): Promise<() => Promise<void>> {
  await e2e.store.db.query(`
    CREATE OR REPLACE FUNCTION refuse_step_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.action = 'submitted' AND EXISTS (
        SELECT 1 FROM requests WHERE id = NEW.request_id AND idempotency_key LIKE 'step:${prefix}%'
      ) THEN RAISE EXCEPTION 'audit log refused the row'; END IF;
      RETURN NEW;
    END $$`);
  await e2e.store.db.query(
    'CREATE TRIGGER refuse_step_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_step_audit()',
  );
  return async () => {
    await e2e.store.db.query('DROP TRIGGER IF EXISTS refuse_step_audit ON audit_log');
    await e2e.store.db.query('DROP FUNCTION IF EXISTS refuse_step_audit()');
  };
}

describe('a request step whose request was filed is never failed', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  it('something throws after the request was stored: the run stays open, and completes once with the new number', async () => {
    const restore = await refuseSubmittedAudit(e2e, 'Fx0REQ');
    let executionId: string;
    try {
      executionId = await runStep(e2e, 'request_provision', provisionInputs());
      await expect
        .poll(() => e2e.log.text().includes('request step failed after filing its request'), {
          timeout: 8_000,
        })
        .toBe(true);
    } finally {
      await restore();
    }
    expect(completions(e2e, executionId)).toHaveLength(0);
    // The request is there and its card was drawn; the run is attached to it.
    const { requestId, ts } = await cardOf(e2e, executionId);
    await approve(e2e, requestId, ts);
    const done = await completionOf(e2e, executionId);
    expect(done.method).toBe('functions.completeSuccess');
    // The only completion Slack was asked for: no error before it.
    expect(
      e2e.fake.calls.filter(
        (c) => c.method === 'functions.completeError' && c.body.function_execution_id === executionId,
      ),
    ).toHaveLength(0);
    const ref = /"ref":"([^"]+)"[^\n]*request step failed after filing/.exec(e2e.log.text());
    expect(ref).not.toBeNull();
  });

  it('a redelivery meets Slack and Telegent down (another replica, nothing cached): the filed request’s run is not failed', async () => {
    const executionId = `Fx0REDELIVER${Date.now()}`;
    const event: Json = {
      type: 'function_executed',
      function: { id: 'Fn0request_provision', callback_id: 'request_provision', title: 't', type: 'app' },
      inputs: provisionInputs(),
      function_execution_id: executionId,
      workflow_execution_id: 'Wf0REDELIVER',
      bot_access_token: STEP_TOKEN,
    };
    await e2e.slack.event(event);
    const { requestId, ts } = await cardOf(e2e, executionId);

    const replica = await startReplica(e2e);
    try {
      e2e.sandbox.injectFault({ kind: '500', share: 1 });
      for (let i = 0; i < 5; i++) e2e.fake.failNext('users.info', { error: 'internal_error' });
      const answer = await replica.slack.event(event, { retryNum: 1 });
      expect(answer.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(completions(e2e, executionId)).toHaveLength(0);
      expect(
        e2e.fake.calls.filter(
          (c) => c.method === 'functions.completeError' && c.body.function_execution_id === executionId,
        ),
      ).toHaveLength(0);
    } finally {
      e2e.sandbox.clearFaults();
      await replica.close();
    }
    await approve(e2e, requestId, ts);
    expect((await completionOf(e2e, executionId)).method).toBe('functions.completeSuccess');
  });
});
