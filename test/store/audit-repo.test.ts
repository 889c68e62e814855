import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';

describe.each(storeKinds())('audit log on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());

  it('appends and lists entries of a request in order', async () => {
    await store.audit.append({
      actor: 'U1',
      action: 'request.submitted',
      requestId: 'req_a',
      details: { kind: 'portout' },
    });
    await store.audit.append({ actor: 'U2', action: 'request.approved', requestId: 'req_a' });
    await store.audit.append({ actor: 'U3', action: 'request.submitted', requestId: 'req_b' });
    const entries = await store.audit.listByRequest('req_a');
    expect(entries.map((e) => [e.actor, e.action])).toEqual([
      ['U1', 'request.submitted'],
      ['U2', 'request.approved'],
    ]);
    expect(entries[0]).toMatchObject({ details: { kind: 'portout' }, orderId: null });
    expect(typeof entries[0]!.id).toBe('number');
    expect(entries[0]!.at).toBeInstanceOf(Date);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await store.audit.append({ actor: 'U1', action: 'order.tracked', orderId: 'ORD-9' });
    await expect(store.db.query("UPDATE audit_log SET actor = 'someone else'")).rejects.toThrow(
      /append-only/,
    );
    await expect(store.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(store.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await store.audit.listByOrder('ORD-9')).toHaveLength(1);
  });
});
