import { randomInt } from 'node:crypto';
import { type FieldResult, fail, ok, parsedString } from './result.js';

export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 10;
export const PIN_HINT = `${PIN_MIN_LENGTH}–${PIN_MAX_LENGTH} digits, or leave empty to generate one`;

export function parsePortOutPin(raw: string): FieldResult<string> {
  const value = raw.trim();
  if (value === '') return fail(`required; use ${PIN_HINT}`);
  if (!/^\d+$/.test(value)) return fail(`use digits only (${PIN_HINT})`);
  if (value.length < PIN_MIN_LENGTH || value.length > PIN_MAX_LENGTH) {
    return fail(`must be ${PIN_MIN_LENGTH}–${PIN_MAX_LENGTH} digits long (got ${value.length})`);
  }
  return ok(value);
}

/** A uniformly random numeric PIN from the OS CSPRNG. */
export function generatePortOutPin(length = 6): string {
  if (!Number.isInteger(length) || length < PIN_MIN_LENGTH || length > PIN_MAX_LENGTH) {
    throw new RangeError(`PIN length must be ${PIN_MIN_LENGTH}–${PIN_MAX_LENGTH}, got ${length}`);
  }
  let pin = '';
  for (let i = 0; i < length; i++) pin += String(randomInt(0, 10));
  return pin;
}

export const portOutPinSchema = parsedString(parsePortOutPin, PIN_HINT);
