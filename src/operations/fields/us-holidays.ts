/** US federal holidays (OPM rules, with Saturday → Friday / Sunday → Monday observance), as YYYY-MM-DD. */

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Day-of-week (0 = Sunday) of a calendar date, computed in UTC so no zone can shift it. */
export function dayOfWeek(y: number, m: number, d: number): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The n-th (1-based) given weekday of a month; n = -1 for the last one. */
function nthWeekday(y: number, m: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = dayOfWeek(y, m, 1);
    return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
  }
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const last = dayOfWeek(y, m, lastDay);
  return lastDay - ((last - weekday + 7) % 7);
}

function observed(y: number, m: number, d: number): string {
  const date = new Date(Date.UTC(y, m - 1, d));
  const dow = date.getUTCDay();
  if (dow === 6) date.setUTCDate(d - 1);
  if (dow === 0) date.setUTCDate(d + 1);
  return iso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function usFederalHolidays(year: number): Map<string, string> {
  const holidays = new Map<string, string>([
    [observed(year, 1, 1), "New Year's Day"],
    [iso(year, 1, nthWeekday(year, 1, 1, 3)), 'Martin Luther King Jr. Day'],
    [iso(year, 2, nthWeekday(year, 2, 1, 3)), "Washington's Birthday"],
    [iso(year, 5, nthWeekday(year, 5, 1, -1)), 'Memorial Day'],
    [observed(year, 6, 19), 'Juneteenth'],
    [observed(year, 7, 4), 'Independence Day'],
    [iso(year, 9, nthWeekday(year, 9, 1, 1)), 'Labor Day'],
    [iso(year, 10, nthWeekday(year, 10, 1, 2)), 'Columbus Day'],
    [observed(year, 11, 11), 'Veterans Day'],
    [iso(year, 11, nthWeekday(year, 11, 4, 4)), 'Thanksgiving Day'],
    [observed(year, 12, 25), 'Christmas Day'],
  ]);
  // New Year's Day of next year observed on Dec 31 of this one when Jan 1 is a Saturday.
  const nextNewYear = observed(year + 1, 1, 1);
  if (nextNewYear.startsWith(`${year}-`)) holidays.set(nextNewYear, "New Year's Day");
  return holidays;
}

/** The holiday's name when `isoDate` (YYYY-MM-DD) is a federal holiday. */
export function federalHolidayOn(isoDate: string): string | undefined {
  return usFederalHolidays(Number(isoDate.slice(0, 4))).get(isoDate);
}
