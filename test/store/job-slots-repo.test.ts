import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';

describe.each(storeKinds())('claims that lapse (claimFor) on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());

  it('one caller holds a key until it releases it or its claim is older than the hold', async () => {
    const slots = store.jobSlots;
    expect(await slots.claimFor('mint:a', 60_000)).toBe(true);
    expect(await slots.claimFor('mint:a', 60_000)).toBe(false);
    expect(await slots.claimFor('mint:b', 60_000)).toBe(true);
    await slots.release('mint:a');
    expect(await slots.claimFor('mint:a', 60_000)).toBe(true);
    // A holder that died: its claim is taken over once older than the hold, and only by one caller.
    await store.db.query(
      "UPDATE job_slots SET claimed_at = now() - interval '2 minutes' WHERE key = 'mint:b'",
    );
    expect(await slots.claimFor('mint:b', 60_000)).toBe(true);
    expect(await slots.claimFor('mint:b', 60_000)).toBe(false);
  });
});
