import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewRequest } from '../../src/store/requests-repo.js';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';

let seq = 0;
const newRequest = (overrides: Partial<NewRequest> = {}): NewRequest => ({
  id: `req_test_${++seq}_${Date.now()}`,
  kind: 'portout',
  input: { number: '+18015551234' },
  requestedBy: 'U_REQUESTER',
  channelId: 'C_SUPPORT',
  ...overrides,
});

/** One approval of a request needing one: the approved request, or null when the guard refused it. */
async function approveOnce(
  store: Pick<TestStore, 'requests'>,
  ...args: Parameters<TestStore['requests']['recordApproval']>
) {
  const write = await store.requests.recordApproval(...args);
  return write.status === 'approved' ? write.request : null;
}

describe.each(storeKinds())('requests repo on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());

  it('inserts once per idempotency key and returns the existing row on a redelivery', async () => {
    const first = await store.requests.insert(newRequest({ idempotencyKey: 'V_view_1' }));
    const again = await store.requests.insert(newRequest({ idempotencyKey: 'V_view_1' }));
    expect(first.created).toBe(true);
    expect(again).toEqual({ created: false, request: first.request });
    expect(first.request).toMatchObject({ status: 'pending_approval', kind: 'portout', hasSecrets: false });
    expect(first.request.createdAt).toBeInstanceOf(Date);
  });

  it('listOpenForNumber finds a number in a list change (phoneNumbers) as well as a single one', async () => {
    const listed = `+1801555${String(seq).padStart(4, '0')}`;
    const { request } = await store.requests.insert(
      newRequest({
        kind: 'park',
        input: { phoneNumber: '+18015550001', phoneNumbers: ['+18015550001', listed] },
      }),
    );
    expect((await store.requests.listOpenForNumber(listed)).map((r) => r.id)).toEqual([request.id]);
    expect((await store.requests.listOpenForNumber('+18015550001')).map((r) => r.id)).toContain(request.id);
    expect(await store.requests.listOpenForNumber(listed.replace('+1801', '+1802'))).toEqual([]);
  });

  it('the race guard: exactly one of 50 concurrent approvers wins; the others change nothing', async () => {
    const { request } = await store.requests.insert(newRequest());
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => approveOnce(store, request.id, `U_APPROVER_${i}`)),
    );
    const winners = outcomes.filter((o) => o !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ status: 'approved', approver: expect.stringMatching(/^U_APPROVER_/) });
    expect(await store.requests.get(request.id)).toMatchObject({ approver: winners[0]!.approver });
  });

  it('the guard refuses the requester unless self-approval is allowed', async () => {
    const { request } = await store.requests.insert(newRequest());
    expect(await approveOnce(store, request.id, 'U_REQUESTER')).toBeNull();
    expect((await store.requests.get(request.id))?.status).toBe('pending_approval');
    const allowed = await approveOnce(store, request.id, 'U_REQUESTER', { allowSelfApproval: true });
    expect(allowed).toMatchObject({ status: 'approved', approver: 'U_REQUESTER' });
  });

  it('the guard refuses an expired request; the expiry job expires it once', async () => {
    const now = new Date();
    const { request } = await store.requests.insert(
      newRequest({ expiresAt: new Date(now.getTime() - 1000) }),
    );
    expect(await approveOnce(store, request.id, 'U_APPROVER', { now })).toBeNull();
    const due = await store.requests.listExpiredPending(now);
    expect(due.map((r) => r.id)).toContain(request.id);
    expect((await store.requests.expire(request.id, now))?.status).toBe('expired');
    expect(await store.requests.expire(request.id, now)).toBeNull();
    expect(await approveOnce(store, request.id, 'U_APPROVER')).toBeNull();
  });

  it('rejects like it approves, purging secrets; a decided request takes no second decision', async () => {
    expect(await approveOnce(store, 'req_missing', 'U_APPROVER')).toBeNull();
    const { request } = await store.requests.insert(newRequest({ secrets: { pin: '1234' } }));
    const rejected = await store.requests.reject(request.id, 'U_APPROVER', { reason: 'wrong number' });
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: 'wrong number', hasSecrets: false });
    expect(await approveOnce(store, request.id, 'U_OTHER')).toBeNull();
    expect(await store.requests.get(request.id)).toMatchObject({
      status: 'rejected',
      approver: 'U_APPROVER',
    });
  });

  it('lists approved requests nobody claimed since a time, and none once claimed', async () => {
    const at = new Date('2031-05-01T10:00:00Z');
    const { request } = await store.requests.insert(newRequest({ status: 'approved', now: at }));
    const ids = async (before: Date) =>
      (await store.requests.listApprovedUnclaimed(before)).map((r) => r.id).filter((id) => id === request.id);
    expect(await ids(at)).toEqual([]);
    expect(await ids(new Date(at.getTime() + 1))).toEqual([request.id]);
    await store.requests.claimExecution(request.id, at);
    expect(await ids(new Date(at.getTime() + 60_000))).toEqual([]);
  });

  it('hands execution to one caller only', async () => {
    const { request } = await store.requests.insert(newRequest({ status: 'approved' }));
    const claims = await Promise.all(
      Array.from({ length: 20 }, () => store.requests.claimExecution(request.id)),
    );
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
    expect((await store.requests.get(request.id))?.status).toBe('executing');
  });

  it('stores secrets only encrypted and purges them when finished', async () => {
    const pin = '90817263';
    const { request } = await store.requests.insert(
      newRequest({ secrets: { portOutPin: pin, currentAccountPassword: 'hunter2-secret' } }),
    );
    expect(request.hasSecrets).toBe(true);
    const raw = await store.db.query<Record<string, unknown>>('SELECT * FROM requests WHERE id = $1', [
      request.id,
    ]);
    const rawText = JSON.stringify(raw.rows[0]);
    expect(rawText).not.toContain(pin);
    expect(rawText).not.toContain('hunter2-secret');
    expect(String(raw.rows[0]!.secrets)).toMatch(/^v1:/);
    expect(await store.requests.getSecrets(request.id)).toEqual({
      portOutPin: pin,
      currentAccountPassword: 'hunter2-secret',
    });

    await approveOnce(store, request.id, 'U_APPROVER');
    await store.requests.claimExecution(request.id);
    const done = await store.requests.finish(request.id, 'succeeded', { result: { orderId: 'ORD-1' } });
    expect(done).toMatchObject({ status: 'succeeded', result: { orderId: 'ORD-1' }, hasSecrets: false });
    const after = await store.db.query<{ secrets: string | null }>(
      'SELECT secrets FROM requests WHERE id = $1',
      [request.id],
    );
    expect(after.rows[0]!.secrets).toBeNull();
    expect(await store.requests.getSecrets(request.id)).toBeNull();
  });

  it('records the card and lists open and pending requests', async () => {
    const requester = `U_LISTER_${kind}`;
    const pending = (await store.requests.insert(newRequest({ requestedBy: requester }))).request;
    const approved = (await store.requests.insert(newRequest({ requestedBy: requester, status: 'approved' })))
      .request;
    const finished = (await store.requests.insert(newRequest({ requestedBy: requester, status: 'approved' })))
      .request;
    await store.requests.claimExecution(finished.id);
    await store.requests.finish(finished.id, 'failed', { error: 'carrier said no' });
    await store.requests.setCard(pending.id, 'C_APPROVALS', '1700000000.000100');

    const open = await store.requests.listOpenByRequester(requester);
    expect(open.map((r) => r.id).sort()).toEqual([pending.id, approved.id].sort());
    expect(open.find((r) => r.id === pending.id)).toMatchObject({
      cardChannelId: 'C_APPROVALS',
      cardTs: '1700000000.000100',
    });
    const listed = (await store.requests.listPending()).map((r) => r.id);
    expect(listed).toContain(pending.id);
    expect(listed).not.toContain(approved.id);
    expect(await store.requests.cancel(pending.id, 'U_NOT_THE_REQUESTER')).toBeNull();
    expect((await store.requests.cancel(pending.id, requester))?.status).toBe('cancelled');
  });
});
