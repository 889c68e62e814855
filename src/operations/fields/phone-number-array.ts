import { z } from 'zod';
import { formatPhone } from '../glossary.js';
import { normalisePhoneNumber, PHONE_NUMBER_HINT } from './phone-number.js';
import { MAX_NUMBERS_PER_REQUEST } from './phone-number-list.js';

/**
 * The numbers of a list change (park / activate several lines), as the form carries them: every one a US
 * number, none twice, at most MAX_NUMBERS_PER_REQUEST. A bad entry is named, never dropped: a list someone
 * pasted is taken as they meant it or not at all.
 */
export const phoneNumberArraySchema = z
  .array(z.string(), { error: 'a list of numbers' })
  .transform((raw, ctx): string[] => {
    const numbers: string[] = [];
    const bad: string[] = [];
    const twice: string[] = [];
    for (const item of raw) {
      const r = normalisePhoneNumber(item);
      if (!r.ok) bad.push(`"${item.trim().slice(0, 30)}"`);
      else if (numbers.includes(r.value)) twice.push(formatPhone(r.value));
      else numbers.push(r.value);
    }
    const problems = [
      bad.length > 0
        ? `${bad.join(', ')} ${bad.length === 1 ? 'is not a US number' : 'are not US numbers'} (${PHONE_NUMBER_HINT})`
        : '',
      twice.length > 0 ? `${twice.join(', ')} given twice` : '',
      numbers.length === 0 && bad.length === 0 ? 'no numbers given' : '',
      numbers.length > MAX_NUMBERS_PER_REQUEST
        ? `at most ${MAX_NUMBERS_PER_REQUEST} numbers per request (got ${numbers.length}); split the list`
        : '',
    ].filter(Boolean);
    if (problems.length > 0) {
      ctx.addIssue({ code: 'custom', message: problems.join('; ') });
      return z.NEVER;
    }
    return numbers;
  });
