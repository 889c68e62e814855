import { type FieldResult, fail, ok, parsedString } from './result.js';

export const AREA_CODE_HINT = 'a 3-digit US area code starting with 2–9, e.g. 801';

export function parseAreaCode(raw: string): FieldResult<string> {
  const value = raw.trim().replace(/^\((\d{3})\)$/, '$1');
  if (!/^\d{3}$/.test(value)) return fail(`use ${AREA_CODE_HINT}`);
  if (!/^[2-9]/.test(value))
    return fail(`${value} is not an area code (must start with 2–9); use ${AREA_CODE_HINT}`);
  if (/^[2-9]11$/.test(value))
    return fail(`${value} is a service code, not an area code; use ${AREA_CODE_HINT}`);
  return ok(value);
}

export const areaCodeSchema = parsedString(parseAreaCode, AREA_CODE_HINT);
