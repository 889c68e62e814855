import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/open-store.js';
import { createPgRateSlots } from '../../src/telegent/pg-rate-slots.js';
import { RateLimiter, slotSpacingMs } from '../../src/telegent/rate-limiter.js';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';
import { secondReplica } from './harness.js';

describe.each(storeKinds())('Postgres rate slots on %s', (kind) => {
  let store: TestStore;
  let replica: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
    replica = kind === 'postgres' ? await secondReplica(store) : store;
  });
  afterAll(async () => {
    if (replica !== store) await replica?.close();
    await store?.close();
  });

  it('two replicas reserving from one bucket get evenly spaced slots', async () => {
    const perMinute = 1_200; // 50 ms + margin
    const a = createPgRateSlots({ rateLimits: store.rateLimits, perMinute, bucket: 'spacing' });
    const b = createPgRateSlots({ rateLimits: replica.rateLimits, perMinute, bucket: 'spacing' });
    const slots: number[] = [];
    for (let i = 0; i < 10; i++) slots.push(...(await Promise.all([a.reserve(), b.reserve()])));
    slots.sort((x, y) => x - y);
    const spacing = slotSpacingMs(perMinute);
    for (let i = 1; i < slots.length; i++) {
      // Local clocks turn the database's "wait N ms" into times: allow a few ms of round-trip jitter.
      expect((slots[i] as number) - (slots[i - 1] as number)).toBeGreaterThan(spacing - 15);
    }
    expect((slots.at(-1) as number) - (slots[0] as number)).toBeGreaterThan(spacing * 19 - 30);
  });

  it('holdUntil (a 429 Retry-After) holds every replica', async () => {
    const a = createPgRateSlots({ rateLimits: store.rateLimits, perMinute: 60_000, bucket: 'hold' });
    const b = createPgRateSlots({ rateLimits: replica.rateLimits, perMinute: 60_000, bucket: 'hold' });
    const until = Date.now() + 400;
    await a.holdUntil(until);
    expect(await b.reserve()).toBeGreaterThanOrEqual(until - 15);
  });

  it('behind the RateLimiter an interactive call overtakes queued background calls', async () => {
    const limiter = new RateLimiter(
      createPgRateSlots({ rateLimits: store.rateLimits, perMinute: 600, bucket: 'priority' }),
    );
    const order: string[] = [];
    const background = Array.from({ length: 5 }, (_, i) =>
      limiter.acquire('background').then(() => order.push(`b${i}`)),
    );
    await new Promise((r) => setTimeout(r, 20));
    const interactive = limiter.acquire('interactive').then(() => order.push('i'));
    await Promise.all([...background, interactive]);
    limiter.close();
    // b0 took the first slot; the interactive call takes the next one, ahead of b1…b4.
    expect(order.indexOf('i')).toBeLessThanOrEqual(2);
  });
});
