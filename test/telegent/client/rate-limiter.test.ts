import { describe, expect, it } from 'vitest';
import {
  type CallPriority,
  InMemoryRateSlots,
  RateLimiter,
  type RateSlotSource,
  slotSpacingMs,
} from '../../../src/telegent/rate-limiter.js';

describe('slotSpacingMs', () => {
  it('spaces slots a little wider than 60 s / limit, so a sliding window never exceeds it', () => {
    expect(slotSpacingMs(50)).toBeGreaterThan(1200);
    expect(slotSpacingMs(50)).toBeLessThanOrEqual(1250);
    expect(slotSpacingMs(600)).toBeCloseTo(102, 5);
    expect(() => slotSpacingMs(0)).toThrow(RangeError);
  });
});

describe('InMemoryRateSlots', () => {
  it('hands out evenly spaced slots and respects holdUntil', async () => {
    let now = 1_000_000;
    const slots = new InMemoryRateSlots(600, () => now);
    const a = await slots.reserve();
    const b = await slots.reserve();
    expect(a).toBe(now);
    expect(b - a).toBeCloseTo(102, 5);
    slots.holdUntil(now + 5_000);
    expect(await slots.reserve()).toBe(now + 5_000);
    now += 60_000;
    expect(await slots.reserve()).toBe(now);
  });
});

describe('RateLimiter', () => {
  it('lets an interactive call issued behind 100 queued background calls go next', async () => {
    const limiter = new RateLimiter(new InMemoryRateSlots(6_000)); // a slot every ~10 ms
    const order: string[] = [];
    const background = Array.from({ length: 100 }, (_, i) =>
      limiter.acquire('background').then(() => order.push(`bg${i}`)),
    );
    await expect.poll(() => order.length).toBeGreaterThanOrEqual(2);
    const admittedBefore = order.length;
    await limiter.acquire('interactive');
    order.push('interactive');
    // At most the slot already reserved when it arrived goes to a background call first.
    expect(order.indexOf('interactive') - admittedBefore).toBeLessThanOrEqual(1);
    expect(limiter.pending().background).toBeGreaterThan(80);
    limiter.close();
    await Promise.allSettled(background);
  });

  it('serves waiting interactive calls before background ones in each slot, FIFO within a priority', async () => {
    const limiter = new RateLimiter(new InMemoryRateSlots(12_000));
    const order: string[] = [];
    const issue = (p: CallPriority, name: string) => limiter.acquire(p).then(() => order.push(name));
    await Promise.all([
      issue('background', 'b1'),
      issue('background', 'b2'),
      issue('interactive', 'i1'),
      issue('interactive', 'i2'),
    ]);
    // All four queue before the first slot is granted (reservations are async).
    expect(order).toEqual(['i1', 'i2', 'b1', 'b2']);
    limiter.close();
  });

  it('admits calls on an even schedule: n calls take at least (n - 1) spacings', async () => {
    const limiter = new RateLimiter(new InMemoryRateSlots(3_000)); // 20 ms + margin
    // Measured from before the first acquire: a busy event loop can only record admissions late, never early,
    // so the bound holds on a loaded machine (the first admission's own timestamp may be late, the start not).
    const start = performance.now();
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 15 }, () =>
        limiter.acquire('background').then(() => times.push(performance.now())),
      ),
    );
    const span = Math.max(...times) - start;
    expect(span).toBeGreaterThanOrEqual(14 * slotSpacingMs(3_000) - 2); // 2 ms timer granularity
    limiter.close();
  });

  it('rejects an aborted waiter and keeps serving the others', async () => {
    const limiter = new RateLimiter(new InMemoryRateSlots(600));
    await limiter.acquire('background'); // consume the immediate slot
    const controller = new AbortController();
    const aborted = limiter.acquire('interactive', controller.signal);
    const other = limiter.acquire('background');
    controller.abort(new Error('user gave up'));
    await expect(aborted).rejects.toThrow('user gave up');
    await expect(other).resolves.toBeUndefined();
    limiter.close();
  });

  it('keeps one reservation outstanding with a pluggable slot source', async () => {
    let outstanding = 0;
    let maxOutstanding = 0;
    let reservations = 0;
    const source: RateSlotSource = {
      async reserve() {
        outstanding++;
        maxOutstanding = Math.max(maxOutstanding, outstanding);
        reservations++;
        await new Promise((r) => setTimeout(r, 2));
        outstanding--;
        return Date.now();
      },
    };
    const limiter = new RateLimiter(source);
    await Promise.all(Array.from({ length: 10 }, () => limiter.acquire('background')));
    expect(maxOutstanding).toBe(1);
    expect(reservations).toBe(10);
    limiter.close();
  });

  it('rejects queued calls on close and when the slot source fails', async () => {
    const failing = new RateLimiter({ reserve: () => Promise.reject(new Error('bucket down')) });
    await expect(failing.acquire()).rejects.toThrow('bucket down');
    const limiter = new RateLimiter(new InMemoryRateSlots(1));
    await limiter.acquire();
    const queued = limiter.acquire();
    limiter.close();
    await expect(queued).rejects.toThrow(/closed/);
  });
});
