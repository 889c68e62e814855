import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';

describe.each(storeKinds())('digest repo on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());

  it('subscribes, replaces and unsubscribes a channel', async () => {
    await store.digests.subscribe({ channelId: 'C1', localTime: '09:00', timeZone: 'UTC', createdBy: 'U1' });
    const replaced = await store.digests.subscribe({
      channelId: 'C1',
      localTime: '08:30',
      timeZone: 'America/Denver',
      createdBy: 'U2',
    });
    expect(replaced).toMatchObject({ localTime: '08:30', timeZone: 'America/Denver', createdBy: 'U2' });
    expect((await store.digests.list()).map((s) => s.channelId)).toEqual(['C1']);
    expect(await store.digests.unsubscribe('C1')).toBe(true);
    expect(await store.digests.unsubscribe('C1')).toBe(false);
    expect(await store.digests.get('C1')).toBeNull();
    await expect(
      store.digests.subscribe({ channelId: 'C2', localTime: '25:00', timeZone: 'UTC', createdBy: 'U1' }),
    ).rejects.toThrow(/check constraint/);
  });

  it('claims one run per channel and local day, even when many ask at once', async () => {
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => store.digests.claimRun('C9', '2030-01-02')),
    );
    expect(claims.filter((c) => c !== null)).toEqual([1]);
    expect(await store.digests.claimRun('C9', '2030-01-03')).toBe(1);
    await store.digests.releaseRun('C9', '2030-01-02');
    expect(await store.digests.claimRun('C9', '2030-01-02')).toBe(2);
    await store.digests.markPosted('C9', '2030-01-02', '1700000000.000200');
    await store.digests.releaseRun('C9', '2030-01-02');
    expect(await store.digests.claimRun('C9', '2030-01-02')).toBeNull();
  });

  it('a run its poster left unposted is taken over once its lease has passed, and counted as a second claim', async () => {
    const at = new Date('2030-02-01T09:00:00Z');
    const later = (s: number) => new Date(at.getTime() + s * 1000);
    expect(await store.digests.claimRun('C8', '2030-02-01', { now: at, leaseSeconds: 600 })).toBe(1);
    expect(
      await store.digests.claimRun('C8', '2030-02-01', { now: later(599), leaseSeconds: 600 }),
    ).toBeNull();
    const takeovers = await Promise.all(
      Array.from({ length: 5 }, () =>
        store.digests.claimRun('C8', '2030-02-01', { now: later(600), leaseSeconds: 600 }),
      ),
    );
    expect(takeovers.filter((c) => c !== null)).toEqual([2]);
    await store.digests.markPosted('C8', '2030-02-01', null);
    expect(
      await store.digests.claimRun('C8', '2030-02-01', { now: later(9_999), leaseSeconds: 600 }),
    ).toBeNull();
  });

  it('claims a cron slot once and throttles a shared rate-limit bucket', async () => {
    expect(await store.jobSlots.claim('poller:2030-01-02T00:00:00.000Z')).toBe(true);
    expect(await store.jobSlots.claim('poller:2030-01-02T00:00:00.000Z')).toBe(false);
    expect(await store.jobSlots.purgeBefore(new Date(Date.now() + 1000))).toBeGreaterThan(0);

    const now = new Date('2030-01-01T00:00:00Z');
    const first = await store.rateLimits.take('telegent', 60, 2, now);
    const second = await store.rateLimits.take('telegent', 60, 2, now);
    const third = await store.rateLimits.take('telegent', 60, 2, now);
    expect([first.allowed, second.allowed, third.allowed]).toEqual([true, true, false]);
    expect(third.retryAfterMs).toBe(1000);
    expect((await store.rateLimits.take('telegent', 60, 2, new Date(now.getTime() + 1000))).allowed).toBe(
      true,
    );
  });
});
