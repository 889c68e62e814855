import { z } from 'zod';
import { type FieldResult, fail, ok, parsedString } from './result.js';

/** At most this many new lines in one request (one approval, one message). */
export const MAX_LINES = 50;
export const LINE_COUNT_HINT = `a whole number from 1 to ${MAX_LINES}, e.g. 3`;

/** "How many numbers": typed digits (a form sends text; a number is taken as is). */
export function parseLineCount(raw: string): FieldResult<number> {
  const value = raw.trim();
  if (!/^\d+$/.test(value)) return fail(`"${value.slice(0, 20)}" is not a number; use ${LINE_COUNT_HINT}`);
  const count = Number(value);
  if (count < 1) return fail(`at least 1 number; use ${LINE_COUNT_HINT}`);
  if (count > MAX_LINES) return fail(`at most ${MAX_LINES} numbers in one request; use ${LINE_COUNT_HINT}`);
  return ok(count);
}

export const lineCountSchema = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  parsedString(parseLineCount, LINE_COUNT_HINT),
);
