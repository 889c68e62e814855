import { dayOfWeek, federalHolidayOn } from './us-holidays.js';

/** Whether a calendar date ('YYYY-MM-DD') is a US business day (Monday–Friday, not a federal holiday). */
export function isBusinessDay(isoDate: string): boolean {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const weekday = dayOfWeek(y, m, d);
  return weekday !== 0 && weekday !== 6 && !federalHolidayOn(isoDate);
}

/** The first business day before (`step` -1) or after (+1) a date ('YYYY-MM-DD'). */
function businessDayFrom(isoDate: string, step: -1 | 1): string {
  let t = Date.parse(`${isoDate}T00:00:00Z`);
  for (let i = 0; i < 14; i++) {
    t += step * 86_400_000;
    const candidate = new Date(t).toISOString().slice(0, 10);
    if (isBusinessDay(candidate)) return candidate;
  }
  return new Date(t).toISOString().slice(0, 10);
}

/** The business day after a date: a Friday's is the Monday after. */
export const nextBusinessDay = (isoDate: string) => businessDayFrom(isoDate, 1);

/** The business day before a date: a Monday port date's is the Friday before. */
export const previousBusinessDay = (isoDate: string) => businessDayFrom(isoDate, -1);
