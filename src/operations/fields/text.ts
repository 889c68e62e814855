import { type FieldResult, fail, ok, parsedString } from './result.js';

/** C0/C1 controls (incl. newlines and tabs), zero-width and bidi-override characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

export interface TextRule {
  /** Maximum length after trimming. */
  max: number;
  /** Minimum length after trimming (default 1). */
  min?: number;
  /** What the field should hold, e.g. "the carrier's name, e.g. Verizon". */
  hint: string;
}

/** Free text: trimmed, length-capped, no control or invisible formatting characters. */
export function parseText(raw: string, rule: TextRule): FieldResult<string> {
  const value = raw.trim();
  const min = rule.min ?? 1;
  if (value.length < min)
    return fail(min === 1 ? `required; ${rule.hint}` : `use at least ${min} characters; ${rule.hint}`);
  if (value.length > rule.max)
    return fail(`use at most ${rule.max} characters (got ${value.length}); ${rule.hint}`);
  if (FORBIDDEN.test(value))
    return fail(`remove line breaks, tabs and other control characters; ${rule.hint}`);
  return ok(value);
}

export function textSchema(rule: TextRule) {
  return parsedString((raw) => parseText(raw, rule), rule.hint);
}

export const TEXT_LIMITS = {
  name: 100,
  carrierName: 100,
  accountNumber: 40,
  password: 40,
  street: 100,
  city: 60,
} as const;

export const subscriberNameSchema = textSchema({
  max: TEXT_LIMITS.name,
  hint: 'the name on the current carrier account, e.g. Jane Doe',
});
export const carrierNameSchema = textSchema({
  max: TEXT_LIMITS.carrierName,
  hint: 'the current (losing) carrier, e.g. Verizon',
});
export const accountNumberSchema = textSchema({
  max: TEXT_LIMITS.accountNumber,
  hint: 'the account number at the current carrier',
});
export const accountPasswordSchema = textSchema({
  max: TEXT_LIMITS.password,
  hint: 'the account PIN or password at the current carrier',
});
