import { describe, expect, it } from 'vitest';
import {
  limitValueSchema,
  parseThrottleSpeed,
  parseValueUnit,
  THROTTLE_SPEEDS,
  thresholdProblems,
} from '../../../src/operations/fields/data-limits.js';
import { limitsToTelegent } from '../../../src/operations/set-data-limits.js';

describe('data limit fields', () => {
  it('accepts the nine documented throttle speeds, in any casing', () => {
    expect(THROTTLE_SPEEDS).toHaveLength(9);
    for (const speed of THROTTLE_SPEEDS)
      expect(parseThrottleSpeed(speed.toUpperCase())).toEqual({ ok: true, value: speed });
    expect(parseThrottleSpeed('1mbps')).toEqual({ ok: true, value: '1-mbps' });
  });

  it.each(['2-mbps', '1024kbps', 'fast', ''])('rejects the throttle speed %j', (raw) => {
    expect(parseThrottleSpeed(raw).ok).toBe(false);
  });

  it('takes MB and GB in any casing; KB, TB and others are refused (Telegent takes MB)', () => {
    expect(parseValueUnit('gb')).toEqual({ ok: true, value: 'GB' });
    expect(parseValueUnit('MB')).toEqual({ ok: true, value: 'MB' });
    for (const unit of ['KB', 'TB', 'PB', 'bytes']) expect(parseValueUnit(unit).ok).toBe(false);
  });

  it('a request stored by an older version in KB or TB is still sent in MB, converted', () => {
    const stored = { numbers: ['+18015551234'], limitValue: 1, valueUnit: 'TB' } as never;
    expect(limitsToTelegent(stored)).toMatchObject({ ValueUnit: 'MB', LimitValue: 1_048_576 });
    const kb = { numbers: ['+18015551234'], limitValue: 2048, valueUnit: 'KB' } as never;
    expect(limitsToTelegent(kb)).toMatchObject({ ValueUnit: 'MB', LimitValue: 2 });
  });

  it('sends MB whatever was typed: 2 GB is LimitValue 2048, ValueUnit MB', () => {
    const input = {
      numbers: ['+18015551234'],
      notifyValue: 1,
      throttleValue: 1.5,
      limitValue: 2,
      valueUnit: 'GB' as const,
    };
    expect(limitsToTelegent({ ...input, throttleValue: undefined })).toMatchObject({
      ValueUnit: 'MB',
      NotifyValue: 1024,
      LimitValue: 2048,
    });
    expect(limitsToTelegent({ ...input, throttleValue: undefined, valueUnit: 'MB' })).toMatchObject({
      ValueUnit: 'MB',
      LimitValue: 2,
    });
  });

  it('takes positive integers, including numeric strings', () => {
    expect(limitValueSchema.parse(20)).toBe(20);
    expect(limitValueSchema.parse(' 15 ')).toBe(15);
    for (const bad of [0, -1, 1.5, '1.5', 'ten', Number.NaN, undefined]) {
      expect(limitValueSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('thresholdProblems: strictly ascending notify < throttle < limit', () => {
  it('passes strictly ascending values', () => {
    expect(
      thresholdProblems({ notifyValue: 10, throttleValue: 15, limitValue: 20, throttleSpeed: '1-mbps' }),
    ).toEqual({});
    expect(thresholdProblems({ limitValue: 20 })).toEqual({});
    expect(thresholdProblems({ notifyValue: 19, limitValue: 20 })).toEqual({});
  });

  it('rejects equal values, saying strict ascending is required', () => {
    const problems = thresholdProblems({
      notifyValue: 15,
      throttleValue: 15,
      limitValue: 15,
      throttleSpeed: '1-mbps',
    });
    expect(problems.notifyValue).toMatch(/less than the throttle value \(15\).*strictly ascending/);
    expect(problems.throttleValue).toMatch(/less than the limit \(15\)/);
  });

  it('rejects notify above the limit when there is no throttle', () => {
    expect(thresholdProblems({ notifyValue: 25, limitValue: 20 }).notifyValue).toMatch(/less than the limit/);
  });

  it('needs a throttle speed with a throttle value, and the reverse', () => {
    expect(thresholdProblems({ throttleValue: 15, limitValue: 20 }).throttleSpeed).toMatch(/required/);
    expect(thresholdProblems({ limitValue: 20, throttleSpeed: '5-mbps' }).throttleValue).toMatch(/required/);
  });
});
