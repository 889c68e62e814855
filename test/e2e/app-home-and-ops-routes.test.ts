import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVER, type E2E, fileProvision, REQUESTER, STRANGER, startE2E, textOf } from './harness.js';

describe('App Home, user-group approvers and the ops routes', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ approvals: { approverUserIds: [], approverUsergroupId: 'S0APPROVERS' } });
    e2e.fake.setUsergroupMembers('S0APPROVERS', [APPROVER]);
  });
  afterAll(() => e2e.close());

  it('App Home shows my open requests, and an approver the requests waiting for them', async () => {
    const outcome = await fileProvision(e2e, { route: 1, subscriber: 2 });
    expect(outcome.status).toBe('pending_approval');

    await e2e.slack.event({ type: 'app_home_opened', user: REQUESTER, tab: 'home', channel: 'D1' });
    await e2e.slack.event({ type: 'app_home_opened', user: APPROVER, tab: 'home', channel: 'D2' });
    await e2e.slack.event({ type: 'app_home_opened', user: STRANGER, tab: 'home', channel: 'D3' });
    await expect.poll(() => e2e.fake.callsTo('views.publish').length).toBe(3);
    const home = (user: string) =>
      textOf(e2e.fake.callsTo('views.publish').find((c) => c.body.user_id === user)!.body.view);
    expect(home(REQUESTER)).toContain('Provision');
    expect(home(APPROVER)).toContain('request.approve');
    expect(home(STRANGER)).not.toContain('request.approve');
  });

  it('members of the approver user group may approve; others may not', async () => {
    expect(await e2e.ops.ctx.approvers.isApprover(APPROVER)).toBe(true);
    expect(await e2e.ops.ctx.approvers.isApprover(STRANGER)).toBe(false);
    expect(e2e.fake.callsTo('usergroups.users.list').length).toBe(1); // cached
  });

  it('serves /healthz, /readyz and /metrics', async () => {
    const base = `http://127.0.0.1:${e2e.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, checks: { store: 'ok', telegent: 'ok' } });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('telegent_ops_slack_ack_seconds_bucket');
    expect(metrics).toContain('telegent_ops_slack_requests_total');
    expect(metrics).toMatch(/telegent_ops_order_stalest_seconds \d/);
    expect(metrics).toMatch(/telegent_ops_order_poll_budget_per_minute \d/);
    expect(metrics).toContain(
      'telegent_ops_requests_total{operation="provision",outcome="pending_approval"} 1',
    );
  });
});
