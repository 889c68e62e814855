import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';

const T0 = new Date('2030-01-01T09:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const TOKEN = 'xwfp-repo-test-token-51c0';

/** The SQL behind completing a Workflow Builder run once: recorded once, one completer at a time, then done for good. */
describe.each(storeKinds())('step requests repo on %s', (kind) => {
  let store: TestStore;
  let seq = 0;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());

  const begin = (executionId: string) =>
    store.stepRequests.begin({
      functionExecutionId: executionId,
      callbackId: 'request_provision',
      token: TOKEN,
      workflowName: 'New hire',
      now: at(0),
    });
  const newRequest = async (status?: 'approved', idempotencyKey?: string) =>
    (
      await store.requests.insert({
        id: `req_steps_${++seq}_${Date.now()}`,
        kind: 'provision',
        input: {},
        requestedBy: 'U_REQUESTER',
        channelId: 'C_SUPPORT',
        ...(status ? { status } : {}),
        ...(idempotencyKey ? { idempotencyKey } : {}),
      })
    ).request.id;
  const owedIds = async (now: Date, limit?: number) =>
    (await store.stepRequests.listOwed(now, limit)).map((r) => r.functionExecutionId);
  const setRequest = (id: string, status: string, result: unknown, updatedAt: Date) =>
    store.db.query('UPDATE requests SET status = $2, result = $3::jsonb, updated_at = $4 WHERE id = $1', [
      id,
      status,
      result === null ? null : JSON.stringify(result),
      updatedAt,
    ]);

  it('a run is recorded once (a redelivery finds it) and its token is stored encrypted', async () => {
    const first = await begin('Fx_once');
    const again = await begin('Fx_once');
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, run: { functionExecutionId: 'Fx_once', requestId: null } });
    const raw = await store.db.query<{ token: string }>(
      "SELECT token FROM step_requests WHERE function_execution_id = 'Fx_once'",
    );
    expect(raw.rows[0]!.token).toMatch(/^v1:/);
    expect(raw.rows[0]!.token).not.toContain(TOKEN);
  });

  it('one completer at a time; a released or lapsed claim is taken again; a completed run never, its token gone', async () => {
    const requestId = await newRequest();
    await begin('Fx_claim');
    await store.stepRequests.attach('Fx_claim', requestId);
    expect((await store.stepRequests.getByRequest(requestId))?.functionExecutionId).toBe('Fx_claim');

    const claimed = await store.stepRequests.claim('Fx_claim', at(60), at(0));
    expect(claimed?.token).toBe(TOKEN);
    expect(await store.stepRequests.claim('Fx_claim', at(120), at(30))).toBeNull(); // held until 60
    expect(await store.stepRequests.claim('Fx_claim', at(180), at(61))).not.toBeNull(); // the holder died
    await store.stepRequests.release('Fx_claim', at(61));
    expect(await store.stepRequests.claim('Fx_claim', at(200), at(62))).not.toBeNull();

    await store.stepRequests.completed('Fx_claim', 'success', at(63));
    expect(await store.stepRequests.claim('Fx_claim', at(400), at(300))).toBeNull();
    const row = await store.db.query<{ token: string | null; outcome: string }>(
      "SELECT token, outcome FROM step_requests WHERE function_execution_id = 'Fx_claim'",
    );
    expect(row.rows[0]).toEqual({ token: null, outcome: 'success' });
  });

  it('owed: runs whose request is done and that are not completed, not those still waiting', async () => {
    const waiting = await newRequest();
    const done = await newRequest('approved');
    await begin('Fx_waiting');
    await begin('Fx_done');
    await store.stepRequests.attach('Fx_waiting', waiting);
    await store.stepRequests.attach('Fx_done', done);
    await store.db.query("UPDATE requests SET status = 'failed' WHERE id = $1", [done]);
    const owed = (await store.stepRequests.listOwed(at(20))).map((r) => r.functionExecutionId);
    expect(owed).toContain('Fx_done');
    expect(owed).not.toContain('Fx_waiting');
    await store.stepRequests.completed('Fx_done', 'error', at(10));
    expect((await store.stepRequests.listOwed(at(20))).map((r) => r.functionExecutionId)).not.toContain(
      'Fx_done',
    );
  });

  it('unknown is done for a step only once its read-back is over (stored, or 5 minutes without one)', async () => {
    const id = await newRequest('approved');
    await begin('Fx_unknown');
    await store.stepRequests.attach('Fx_unknown', id);
    // execute.ts stored `unknown` and is reading Telegent back: not owed, the read-back may still say succeeded.
    await setRequest(id, 'unknown', null, at(0));
    expect(await owedIds(at(30))).not.toContain('Fx_unknown');
    // The read-back stored its answer (still unknown): owed.
    await setRequest(id, 'unknown', { reconciliation: { checked: 'x', found: false, detail: '' } }, at(1));
    expect(await owedIds(at(31))).toContain('Fx_unknown');
    // No answer stored (the process died in it): owed after five minutes.
    await setRequest(id, 'unknown', null, at(0));
    expect(await owedIds(at(299))).not.toContain('Fx_unknown');
    expect(await owedIds(at(300))).toContain('Fx_unknown');
    await store.stepRequests.completed('Fx_unknown', 'error', at(300));
  });

  it('a run that died before attaching its request is found by its idempotency key (sweep and settle)', async () => {
    const swept = await newRequest('approved', 'step:Fx_unattached');
    await begin('Fx_unattached');
    await setRequest(swept, 'succeeded', {}, at(0));
    expect(await owedIds(at(10))).toContain('Fx_unattached');
    expect((await store.stepRequests.getByRequest(swept))?.functionExecutionId).toBe('Fx_unattached');
    await store.stepRequests.completed('Fx_unattached', 'success', at(10));

    const settled = await newRequest('approved', 'step:Fx_settled');
    await begin('Fx_settled');
    expect((await store.stepRequests.getByRequest(settled))?.functionExecutionId).toBe('Fx_settled');
    const redelivered = await newRequest('approved', 'step:Fx_redelivered');
    await begin('Fx_redelivered');
    expect(await store.stepRequests.findFiled('Fx_redelivered')).toBe(redelivered);
    expect(await store.stepRequests.findFiled('Fx_never_filed')).toBeNull();
  });

  it('the sweep takes never-tried runs first, then those tried longest ago: stuck runs do not hold back newer ones', async () => {
    await store.db.query('UPDATE step_requests SET completed_at = $1 WHERE completed_at IS NULL', [at(0)]);
    const old = await newRequest('approved');
    const fresh = await newRequest('approved');
    await begin('Fx_stuck');
    await begin('Fx_fresh');
    await store.stepRequests.attach('Fx_stuck', old);
    await store.stepRequests.attach('Fx_fresh', fresh);
    await setRequest(old, 'failed', null, at(0));
    await setRequest(fresh, 'failed', null, at(0));
    await store.db.query(
      "UPDATE step_requests SET created_at = $1 WHERE function_execution_id = 'Fx_stuck'",
      [at(-100)],
    );
    expect(await owedIds(at(10), 1)).toEqual(['Fx_stuck']);
    await store.stepRequests.claim('Fx_stuck', at(70), at(10));
    await store.stepRequests.release('Fx_stuck', at(10));
    expect(await owedIds(at(20), 1)).toEqual(['Fx_fresh']);
  });

  it('a token that no longer decrypts (ENCRYPTION_KEY changed) is no token, not a failure on every sweep', async () => {
    await begin('Fx_rekeyed');
    await store.db.query(
      "UPDATE step_requests SET token = 'v1:bm90LWEtdmFsaWQtY2lwaGVydGV4dA' WHERE function_execution_id = 'Fx_rekeyed'",
    );
    const claimed = await store.stepRequests.claim('Fx_rekeyed', at(60), at(0));
    expect(claimed).toMatchObject({ functionExecutionId: 'Fx_rekeyed', token: null });
  });
});
