import { type FieldResult, fail, ok, parsedString } from './result.js';
import { dayOfWeek, federalHolidayOn } from './us-holidays.js';

export const PORT_IN_DATE_HINT = 'a future business day as YYYY-MM-DD or MM/DD/YYYY, e.g. 2026-06-01';
/** Port dates are set in US business days; "today" is judged in this zone. */
export const PORT_IN_TIME_ZONE = 'America/New_York';
/** Guard against typos in the year. */
export const PORT_IN_MAX_DAYS_AHEAD = 365;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localIsoDate(instant: Date, timeZone = PORT_IN_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(instant)
    .reduce<Record<string, string>>((acc, p) => {
      acc[p.type] = p.value;
      return acc;
    }, {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function daysBetween(fromIso: string, toIso: string): number {
  return (Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000;
}

/** Parse YYYY-MM-DD or M/D/YYYY into a real calendar date, as YYYY-MM-DD; `hint` says what the field wants. */
export function parseCalendarDate(raw: string, hint = PORT_IN_DATE_HINT): FieldResult<string> {
  const text = raw.trim();
  let y: number;
  let m: number;
  let d: number;
  const isoMatch = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const usMatch = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (isoMatch) [y, m, d] = [Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])];
  else if (usMatch) [m, d, y] = [Number(usMatch[1]), Number(usMatch[2]), Number(usMatch[3])];
  else return fail(`use ${hint}`);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return fail(`${text} is not a real date; use ${hint}`);
  }
  return ok(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

/** A port-in date: after today (US Eastern), not a weekend, not a US federal holiday. */
export function parsePortInDate(raw: string, now: Date): FieldResult<string> {
  if (raw.trim() === '') return fail(`required; ${PORT_IN_DATE_HINT}`);
  const parsed = parseCalendarDate(raw);
  if (!parsed.ok) return parsed;
  const date = parsed.value;
  const today = localIsoDate(now);
  if (date <= today)
    return fail(`${date} is not in the future (today is ${today}); pick a later business day`);
  if (daysBetween(today, date) > PORT_IN_MAX_DAYS_AHEAD) {
    return fail(`${date} is more than ${PORT_IN_MAX_DAYS_AHEAD} days away; check the year`);
  }
  const dow = dayOfWeek(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
  if (dow === 0 || dow === 6)
    return fail(`${date} is a ${WEEKDAYS[dow]}; pick a business day (Monday–Friday)`);
  const holiday = federalHolidayOn(date);
  if (holiday) return fail(`${date} is a US federal holiday (${holiday}); pick another business day`);
  return ok(date);
}

export function portInDateSchema(now: () => Date) {
  return parsedString((raw) => parsePortInDate(raw, now()), PORT_IN_DATE_HINT);
}

/** Whether an eligibility answer describes a wireline (landline) number, which needs a port date. */
export function isWireline(numberType: string | undefined | null): boolean {
  return typeof numberType === 'string' && /landline|wireline|fixed/i.test(numberType);
}
