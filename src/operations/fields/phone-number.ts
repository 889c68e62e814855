import { type FieldResult, fail, ok, parsedString } from './result.js';

export const PHONE_NUMBER_HINT = 'enter a US number like +18015551234 or (801) 555-1234';
const ONLY_NANP = 'only US/Canada (+1) numbers are supported; enter a number like +18015551234';

/** Slack auto-links numbers in command text as `<tel:+18015551234|801-555-1234>`. */
const SLACK_TEL_LINK = /<tel:([^|>]*)(?:\|[^>]*)?>/gi;

export function unwrapSlackTelLinks(text: string): string {
  return text.replace(SLACK_TEL_LINK, (_m, tel: string) => tel);
}

/**
 * Normalise a North American number to E.164 (`+1NXXNXXXXXX`). Accepts `+18015551234`,
 * `8015551234`, `18015551234`, `(801) 555-1234`, `+1 801-555-1234`, `801.555.1234`.
 */
export function normalisePhoneNumber(raw: string): FieldResult<string> {
  const text = unwrapSlackTelLinks(raw.trim());
  if (text === '') return fail(`required; ${PHONE_NUMBER_HINT}`);
  if (text.length > 40) return fail(`too long; ${PHONE_NUMBER_HINT}`);
  if (!/^\+?[\d\s().-]+$/.test(text))
    return fail(`use digits only (spaces, dashes, dots and brackets are fine); ${PHONE_NUMBER_HINT}`);
  const plus = text.startsWith('+');
  const digits = text.replace(/\D/g, '');
  let national: string;
  if (plus) {
    if (!digits.startsWith('1')) return fail(ONLY_NANP);
    national = digits.slice(1);
  } else if (digits.startsWith('011') || digits.startsWith('00')) {
    return fail(ONLY_NANP);
  } else if (digits.length === 11 && digits.startsWith('1')) {
    national = digits.slice(1);
  } else {
    national = digits;
  }
  if (national.length !== 10) {
    return fail(`a US number has 10 digits after the +1 (got ${national.length}); ${PHONE_NUMBER_HINT}`);
  }
  const area = national.slice(0, 3);
  const exchange = national.slice(3, 6);
  if (!/^[2-9]/.test(area))
    return fail(`area code ${area} is not valid (it must start with 2–9); ${PHONE_NUMBER_HINT}`);
  if (/^[2-9]11$/.test(area))
    return fail(`${area} is a service code, not an area code; ${PHONE_NUMBER_HINT}`);
  if (!/^[2-9]/.test(exchange)) {
    return fail(
      `exchange ${exchange} is not valid (the 3 digits after the area code must start with 2–9); ${PHONE_NUMBER_HINT}`,
    );
  }
  return ok(`+1${national}`);
}

/** A phone number field: any accepted format in, E.164 out. */
export const phoneNumberSchema = parsedString(normalisePhoneNumber, PHONE_NUMBER_HINT);

export interface ParsedPhoneNumbers {
  /** Normalised, de-duplicated, in the order given. */
  numbers: string[];
  /** Pieces of the text that are not numbers, with the reason. */
  errors: { input: string; message: string }[];
  /** Numbers given more than once (normalised): a list change refuses them rather than guess. */
  duplicates: string[];
}

/**
 * Several numbers in one string, separated by commas, semicolons, newlines or spaces.
 * A number may itself contain spaces (`(801) 555-1234`): whitespace-separated tokens are
 * joined until they form a valid number (at most 5 tokens).
 */
export function parsePhoneNumbers(raw: string): ParsedPhoneNumbers {
  const numbers: string[] = [];
  const errors: ParsedPhoneNumbers['errors'] = [];
  const duplicates: string[] = [];
  const chunks = unwrapSlackTelLinks(raw)
    .split(/[,;\n\r]+/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '');
  const add = (value: string) => {
    if (!numbers.includes(value)) numbers.push(value);
    else if (!duplicates.includes(value)) duplicates.push(value);
  };
  for (const chunk of chunks) {
    const whole = normalisePhoneNumber(chunk);
    if (whole.ok) {
      add(whole.value);
      continue;
    }
    const tokens = chunk.split(/\s+/);
    let i = 0;
    while (i < tokens.length) {
      let matched = 0;
      for (let j = i; j < Math.min(tokens.length, i + 5); j++) {
        const candidate = normalisePhoneNumber(tokens.slice(i, j + 1).join(' '));
        if (candidate.ok) {
          add(candidate.value);
          matched = j - i + 1;
          break;
        }
      }
      if (matched === 0) {
        const token = tokens[i] ?? '';
        const single = normalisePhoneNumber(token);
        errors.push({ input: token, message: single.ok ? PHONE_NUMBER_HINT : single.message });
        i += 1;
      } else {
        i += matched;
      }
    }
  }
  return { numbers, errors, duplicates };
}
