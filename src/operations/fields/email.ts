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

/** "j•••@example.com": enough for a colleague to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}
