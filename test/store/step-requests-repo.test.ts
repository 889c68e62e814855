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
  const newRequest = async (status?: 'approved') =>
    (
      await store.requests.insert({
        id: `req_steps_${++seq}_${Date.now()}`,
        kind: 'provision',
        input: {},
        requestedBy: 'U_REQUESTER',
        channelId: 'C_SUPPORT',
        ...(status ? { status } : {}),
      })
    ).request.id;

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
    await store.stepRequests.release('Fx_claim');
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
    const owed = (await store.stepRequests.listOwed()).map((r) => r.functionExecutionId);
    expect(owed).toContain('Fx_done');
    expect(owed).not.toContain('Fx_waiting');
    await store.stepRequests.completed('Fx_done', 'error', at(10));
    expect((await store.stepRequests.listOwed()).map((r) => r.functionExecutionId)).not.toContain('Fx_done');
  });
});
