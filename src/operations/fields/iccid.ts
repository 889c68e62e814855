import { type FieldResult, fail, ok, parsedString } from './result.js';

export const ICCID_HINT =
  'enter the 19- or 20-digit SIM number (ICCID) printed on the card, e.g. 8901240397190195850';

/** Luhn (mod 10) check over a digit string whose last digit is the check digit. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The check digit that would make `payload` + digit pass Luhn. */
export function luhnCheckDigit(payload: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${payload}${d}`)) return String(d);
  return '0';
}

/** ICCID: 19–20 digits (spaces/dashes between groups are ignored) with a valid Luhn check digit. */
export function parseIccid(raw: string): FieldResult<string> {
  const text = raw.trim();
  if (text === '') return fail(`required; ${ICCID_HINT}`);
  if (text.length > 40) return fail(`too long; ${ICCID_HINT}`);
  const compact = text.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(compact)) return fail(`must contain digits only; ${ICCID_HINT}`);
  if (compact.length < 19 || compact.length > 20) {
    return fail(`must be 19 or 20 digits long (got ${compact.length}); ${ICCID_HINT}`);
  }
  if (!luhnValid(compact)) {
    return fail(
      'the last digit (Luhn check digit) does not match the others: check the SIM number for a typo',
    );
  }
  return ok(compact);
}

export const iccidSchema = parsedString(parseIccid, ICCID_HINT);
