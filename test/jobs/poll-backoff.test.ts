import { describe, expect, it } from 'vitest';
import { nextPollSeconds, retryDelaySeconds } from '../../src/jobs/poll-backoff.js';

const bounds = { minSeconds: 300, maxSeconds: 21_600 };
const now = new Date('2030-01-10T12:00:00Z');
const order = (pollIntervalSeconds: number, portInDate: string | null = null) => ({
  kind: 'portin' as const,
  portInDate,
  pollIntervalSeconds,
});

describe('poll backoff', () => {
  it('doubles while nothing changes, up to the maximum, and resets on a change', () => {
    expect(nextPollSeconds(order(300), false, now, bounds)).toBe(600);
    expect(nextPollSeconds(order(600), false, now, bounds)).toBe(1200);
    expect(nextPollSeconds(order(20_000), false, now, bounds)).toBe(21_600);
    expect(nextPollSeconds(order(21_600), true, now, bounds)).toBe(300);
  });

  it('checks at the minimum around the port date and does not sleep past its start', () => {
    expect(nextPollSeconds(order(21_600, '2030-01-10'), false, now, bounds)).toBe(300);
    // Far from the port date the interval grows as usual; near it, the check lands at the window's start.
    expect(nextPollSeconds(order(10_800, '2030-01-11'), false, now, bounds)).toBe(21_600);
    const late = new Date('2030-01-10T23:00:00Z');
    expect(nextPollSeconds(order(21_600, '2030-01-12'), false, late, bounds)).toBe(21_600);
    const eve = new Date('2030-01-11T17:00:00Z');
    expect(nextPollSeconds(order(21_600, '2030-01-12'), false, eve, bounds)).toBe(3600);
    const onTheDay = new Date('2030-01-11T18:30:00Z'); // 13:30 on the 11th in New York, the eve of the date
    expect(nextPollSeconds(order(21_600, '2030-01-12'), false, onTheDay, bounds)).toBe(300);
    const after = new Date('2030-01-13T11:00:00Z');
    expect(nextPollSeconds(order(300, '2030-01-12'), false, after, bounds)).toBe(600);
    const before = new Date('2030-01-11T10:00:00Z');
    expect(nextPollSeconds(order(10_800, '2030-01-12'), false, before, bounds)).toBe(21_600);
    const closer = new Date('2030-01-11T15:00:00Z');
    expect(nextPollSeconds(order(10_800, '2030-01-12'), false, closer, bounds)).toBe(3 * 3600);
  });

  it('a failed check waits the current interval (never below the minimum)', () => {
    expect(retryDelaySeconds({ pollIntervalSeconds: 60 }, bounds)).toBe(300);
    expect(retryDelaySeconds({ pollIntervalSeconds: 4800 }, bounds)).toBe(4800);
  });
});
