import { z } from 'zod';
import { PHONE_NUMBER_HINT, parsePhoneNumbers } from './phone-number.js';

/** At most this many numbers are blocked or allowed at once (one form, one request). */
export const MAX_GUARDIAN_NUMBERS = 50;

export const GUARDIAN_NUMBERS_HINT =
  'one or more numbers separated by spaces, commas or new lines, e.g. +18015559999, (801) 555-9998';

/**
 * The numbers a Block… / Unblock… / Allow… form names: typed as people type them, several at once (a number may
 * itself hold spaces: "+1 801 555 9999"), normalised to E.164 and de-duplicated. Every piece that is not a
 * number is named; more than MAX_GUARDIAN_NUMBERS is refused rather than cut.
 */
export const guardianNumbersSchema = z
  .union([z.string(), z.array(z.string())], { error: GUARDIAN_NUMBERS_HINT })
  .transform((raw, ctx): string[] => {
    const { numbers, errors } = parsePhoneNumbers(Array.isArray(raw) ? raw.join('\n') : raw);
    if (errors.length > 0) {
      const named = errors.slice(0, 3).map((e) => `"${e.input.slice(0, 30)}"`);
      const more = errors.length > 3 ? ` and ${errors.length - 3} more` : '';
      ctx.addIssue({
        code: 'custom',
        message: `${named.join(', ')}${more} ${errors.length === 1 ? 'is not a phone number' : 'are not phone numbers'}; ${PHONE_NUMBER_HINT}`,
      });
      return z.NEVER;
    }
    if (numbers.length === 0) {
      ctx.addIssue({ code: 'custom', message: `required; enter ${GUARDIAN_NUMBERS_HINT}` });
      return z.NEVER;
    }
    if (numbers.length > MAX_GUARDIAN_NUMBERS) {
      ctx.addIssue({
        code: 'custom',
        message: `at most ${MAX_GUARDIAN_NUMBERS} numbers at once (got ${numbers.length}); split the list`,
      });
      return z.NEVER;
    }
    return numbers;
  });
