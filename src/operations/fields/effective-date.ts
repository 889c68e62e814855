import { localIsoDate, parseCalendarDate } from './port-in-date.js';
import { type FieldResult, fail, ok, parsedString, withDefault } from './result.js';

export const EFFECTIVE_DATE_HINT = 'today or a later day as YYYY-MM-DD or MM/DD/YYYY, e.g. 2026-06-01';
/** The latest US zone: a date that is today anywhere in the US is not "past" here. */
const LATEST_US_ZONE = 'Pacific/Honolulu';
/** The zone the default "today" is taken in when the form did not say (forms pre-fill the channel's). */
export const EFFECTIVE_DATE_DEFAULT_ZONE = 'America/New_York';
export const EFFECTIVE_DATE_MAX_DAYS_AHEAD = 90;

/** When a line change takes effect: a real date, not in the past, at most 90 days ahead. */
export function parseEffectiveDate(raw: string, now: Date): FieldResult<string> {
  const parsed = parseCalendarDate(raw, EFFECTIVE_DATE_HINT);
  if (!parsed.ok) return parsed;
  const today = localIsoDate(now, LATEST_US_ZONE);
  if (parsed.value < today) return fail(`${parsed.value} is in the past; use ${EFFECTIVE_DATE_HINT}`);
  const days = (Date.parse(parsed.value) - Date.parse(today)) / 86_400_000;
  if (days > EFFECTIVE_DATE_MAX_DAYS_AHEAD)
    return fail(`${parsed.value} is more than ${EFFECTIVE_DATE_MAX_DAYS_AHEAD} days away; check the year`);
  return ok(parsed.value);
}

/** 'YYYY-MM-DD', today when blank. */
export function effectiveDateSchema(now: () => Date) {
  return withDefault(
    parsedString((raw) => parseEffectiveDate(raw, now()), EFFECTIVE_DATE_HINT),
    () => localIsoDate(now(), EFFECTIVE_DATE_DEFAULT_ZONE),
  );
}

/** 'YYYY-MM-DD' → Telegent's 'MM/DD/YYYY'. */
export function toUsDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${m}/${d}/${y}`;
}
