import { type FieldResult, fail, ok, parsedString } from './result.js';

export const ZIP_CODE_HINT = 'a 5-digit US ZIP code, e.g. 84043';

/** The 5-digit ZIP Telegent searches and provisions by (ZIP+4 is cut to its first 5 digits). */
export function parseZipCode(raw: string): FieldResult<string> {
  const match = /^(\d{5})(?:-\d{4})?$/.exec(raw.trim());
  if (!match) return fail(`use ${ZIP_CODE_HINT}`);
  if (match[1] === '00000') return fail(`00000 is not a ZIP code; use ${ZIP_CODE_HINT}`);
  return ok(match[1]!);
}

export const zipCodeSchema = parsedString(parseZipCode, ZIP_CODE_HINT);
