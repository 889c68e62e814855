import { type FieldResult, fail, ok, parsedString } from './result.js';

const HINT = 'an email address like jane@example.com';
const EMAIL_MAX_LENGTH = 254;

/** A plausible email address (one @, a dotted domain, no spaces): Telegent is the judge of the rest. */
export function parseEmail(raw: string): FieldResult<string> {
  const value = raw.trim();
  if (value === '') return fail(`required; enter ${HINT}`);
  if (value.length > EMAIL_MAX_LENGTH) return fail(`too long (at most ${EMAIL_MAX_LENGTH} characters)`);
  if (!/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value)) return fail(`"${value.slice(0, 40)}" is not ${HINT}`);
  return ok(value);
}

export const emailSchema = parsedString(parseEmail, HINT);

export { maskEmail } from '../personal-data.js';
