import { z } from 'zod';
import { THROTTLE_SPEEDS } from '../../telegent/request-schemas.js';
import { type FieldResult, fail, ok, parsedString } from './result.js';

/**
 * The units a person may type. Telegent documents `ValueUnit` as MB only (a Telegent that reads every value
 * as MB would turn a 15 GB cap into 15 MB), so GB is converted before sending: 1 GB = 1024 MB.
 */
export const VALUE_UNITS = ['MB', 'GB'] as const;
export type ValueUnit = (typeof VALUE_UNITS)[number];
export const MB_PER_GB = 1024;

/** Per unit, how many MB one is. KB and TB are no longer typed, but a request stored by an older version may carry them. */
const MB_PER_UNIT: Record<string, number> = { KB: 1 / 1024, MB: 1, GB: MB_PER_GB, TB: MB_PER_GB * 1024 };

/** A threshold in the unit the request is sent in (MB), whole. */
export function inMegabytes(value: number, unit: string): number {
  return Math.max(1, Math.round(value * (MB_PER_UNIT[unit.toUpperCase()] ?? 1)));
}

export { THROTTLE_SPEEDS } from '../../telegent/request-schemas.js';
export type ThrottleSpeed = (typeof THROTTLE_SPEEDS)[number];

export const VALUE_UNIT_HINT = 'MB or GB (default MB; 1 GB = 1024 MB, sent to Telegent as MB)';
export const THROTTLE_SPEED_HINT = `one of ${THROTTLE_SPEEDS.join(', ')}`;
export const LIMIT_VALUE_HINT = 'a whole number greater than 0, e.g. 20';
export const MAX_LIMIT_VALUE = 1_000_000_000;

export function parseValueUnit(raw: string): FieldResult<ValueUnit> {
  const value = raw.trim().toUpperCase();
  return (VALUE_UNITS as readonly string[]).includes(value)
    ? ok(value as ValueUnit)
    : fail(`"${raw.trim().slice(0, 20)}" is not a unit; use ${VALUE_UNIT_HINT}`);
}

export function parseThrottleSpeed(raw: string): FieldResult<ThrottleSpeed> {
  const value = raw
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/^(\d+)(kbps|mbps)$/, '$1-$2');
  return (THROTTLE_SPEEDS as readonly string[]).includes(value)
    ? ok(value as ThrottleSpeed)
    : fail(`"${raw.trim().slice(0, 20)}" is not a supported speed; use ${THROTTLE_SPEED_HINT}`);
}

export function parseLimitValue(raw: unknown): FieldResult<number> {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return fail(`required; enter ${LIMIT_VALUE_HINT}`);
  }
  const value = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail(`enter ${LIMIT_VALUE_HINT}`);
  if (!Number.isInteger(value)) return fail(`must be a whole number; enter ${LIMIT_VALUE_HINT}`);
  if (value <= 0) return fail(`must be greater than 0; enter ${LIMIT_VALUE_HINT}`);
  if (value > MAX_LIMIT_VALUE) return fail(`must be at most ${MAX_LIMIT_VALUE}`);
  return ok(value);
}

export const valueUnitSchema = parsedString(parseValueUnit, VALUE_UNIT_HINT);
export const throttleSpeedSchema = parsedString(parseThrottleSpeed, THROTTLE_SPEED_HINT);

/** A positive integer threshold; numeric strings from text inputs are accepted. */
export const limitValueSchema = z.unknown().transform((raw, ctx): number => {
  const r = parseLimitValue(raw);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.value;
});

export interface Thresholds {
  notifyValue?: number | undefined;
  throttleValue?: number | undefined;
  limitValue: number;
  throttleSpeed?: ThrottleSpeed | undefined;
}

/**
 * Telegent requires NotifyValue < ThrottleValue < LimitValue (strictly ascending) among those given,
 * and a throttle threshold needs a throttle speed (and vice versa). Returns field → message.
 */
export function thresholdProblems(t: Thresholds): Record<string, string> {
  const problems: Record<string, string> = {};
  const { notifyValue: n, throttleValue: th, limitValue: l } = t;
  if (th !== undefined && th >= l) {
    problems.throttleValue = `must be less than the limit (${l}); Telegent needs notify < throttle < limit, strictly ascending`;
  }
  if (n !== undefined && th !== undefined && n >= th) {
    problems.notifyValue = `must be less than the throttle value (${th}); Telegent needs notify < throttle < limit, strictly ascending`;
  } else if (n !== undefined && n >= l) {
    problems.notifyValue = `must be less than the limit (${l}); Telegent needs notify < throttle < limit, strictly ascending`;
  }
  if (th !== undefined && t.throttleSpeed === undefined) {
    problems.throttleSpeed = `required when a throttle value is set; use ${THROTTLE_SPEED_HINT}`;
  }
  if (th === undefined && t.throttleSpeed !== undefined) {
    problems.throttleValue =
      'required when a throttle speed is set; enter the usage at which to slow the line down';
  }
  return problems;
}
