import { z } from 'zod';
import { normalisePhoneNumber, PHONE_NUMBER_HINT, parsePhoneNumbers } from './phone-number.js';

export const MAX_NUMBERS_PER_REQUEST = 100;
export const PHONE_NUMBER_LIST_HINT = `one or more US numbers separated by commas, spaces or new lines, e.g. +18015551234, (801) 555-1235`;

/** Several numbers: a list of strings or one string with separators. Normalised, de-duplicated. */
export const phoneNumberListSchema = z
  .union([z.string(), z.array(z.string())], { error: PHONE_NUMBER_LIST_HINT })
  .transform((raw, ctx): string[] => {
    let numbers: string[];
    let bad: string[];
    if (typeof raw === 'string') {
      const parsed = parsePhoneNumbers(raw);
      numbers = parsed.numbers;
      bad = parsed.errors.map((e) => `"${e.input.slice(0, 30)}"`);
    } else {
      numbers = [];
      bad = [];
      for (const item of raw) {
        if (item.trim() === '') continue;
        const r = normalisePhoneNumber(item);
        if (!r.ok) bad.push(`"${item.trim().slice(0, 30)}"`);
        else if (!numbers.includes(r.value)) numbers.push(r.value);
      }
    }
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `${bad.slice(0, 3).join(', ')}${bad.length > 3 ? ` and ${bad.length - 3} more` : ''} ${bad.length === 1 ? 'is not a US number' : 'are not US numbers'}; ${PHONE_NUMBER_HINT}`,
      });
      return z.NEVER;
    }
    if (numbers.length === 0) {
      ctx.addIssue({ code: 'custom', message: `required; enter ${PHONE_NUMBER_LIST_HINT}` });
      return z.NEVER;
    }
    if (numbers.length > MAX_NUMBERS_PER_REQUEST) {
      ctx.addIssue({
        code: 'custom',
        message: `at most ${MAX_NUMBERS_PER_REQUEST} numbers per request (got ${numbers.length}); split the list`,
      });
      return z.NEVER;
    }
    return numbers;
  });
