import { describe, expect, it } from 'vitest';
import { pollBudgetPerMinute, pollWeight, URGENT_WEIGHT } from '../../src/jobs/poll-schedule.js';

const portIn = (portInDate: string | null = null) => ({ kind: 'portin' as const, portInDate });

describe('poll weight: how many times as often as a quiet order', () => {
  const now = new Date('2030-01-10T12:00:00Z');
  it.each([
    ['a quiet port-in', portIn(), 'Submitted', now, 1],
    ['a port-in the carrier refused (Error)', portIn(), 'Error', now, URGENT_WEIGHT],
    ['a Rejected port-in (fix or cancel it)', portIn(), 'Rejected', now, URGENT_WEIGHT],
    ['ResolutionRequired', portIn(), 'ResolutionRequired', now, URGENT_WEIGHT],
    ['on its port date', portIn('2030-01-10'), 'FOC', now, URGENT_WEIGHT],
    // The window opens 6 h before the date starts in UTC (the date's evening in the US ends 10 h after it).
    [
      '5.5 h before the date starts in UTC',
      portIn('2030-01-12'),
      'FOC',
      new Date('2030-01-11T18:30:00Z'),
      URGENT_WEIGHT,
    ],
    ['a day before the window', portIn('2030-01-12'), 'FOC', new Date('2030-01-11T10:00:00Z'), 1],
    ['after the window', portIn('2030-01-12'), 'FOC', new Date('2030-01-13T11:00:00Z'), 1],
    [
      'a provision (no port date, no carrier)',
      { kind: 'provision' as const, portInDate: null },
      'Error',
      now,
      1,
    ],
  ])('%s', (_name, order, status, at, weight) => {
    expect(pollWeight(order, status, at)).toBe(weight);
  });
});

describe('poll budget: reads per minute for all replicas together', () => {
  const policy = { maxSeconds: 21_600 };
  it.each([
    ['half of 50/min, whatever the orders', 50, 0.5, 100, 25],
    ['a larger share', 600, 0.8, 10, 480],
    // 20,000 orders read every 6 h need 55.6/min: more than the share (50), within the limit (100).
    [
      'the floor raises it so no order waits longer than ORDER_POLL_MAX_SECONDS',
      100,
      0.5,
      20_000,
      20_000 / 360,
    ],
    ['never above the limit itself', 50, 0.5, 1_000_000, 50],
  ])('%s', (_name, limit, share, open, expected) => {
    expect(pollBudgetPerMinute(limit, share, open, policy)).toBeCloseTo(expected, 6);
  });
});
