import { dayOfWeek, federalHolidayOn } from './us-holidays.js';

/** Whether a calendar date ('YYYY-MM-DD') is a US business day (Monday–Friday, not a federal holiday). */
export function isBusinessDay(isoDate: string): boolean {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const weekday = dayOfWeek(y, m, d);
  return weekday !== 0 && weekday !== 6 && !federalHolidayOn(isoDate);
}

/** The business day after a date ('YYYY-MM-DD'): a Friday's is the Monday after. */
export function nextBusinessDay(isoDate: string): string {
  let t = Date.parse(`${isoDate}T00:00:00Z`);
  for (let i = 0; i < 14; i++) {
    t += 86_400_000;
    const candidate = new Date(t).toISOString().slice(0, 10);
    if (isBusinessDay(candidate)) return candidate;
  }
  return new Date(t).toISOString().slice(0, 10);
}

/** The business day before a date ('YYYY-MM-DD'): a Monday port date's is the Friday before. */
export function previousBusinessDay(isoDate: string): string {
  let t = Date.parse(`${isoDate}T00:00:00Z`);
  for (let i = 0; i < 14; i++) {
    t -= 86_400_000;
    const candidate = new Date(t).toISOString().slice(0, 10);
    if (isBusinessDay(candidate)) return candidate;
  }
  return new Date(t).toISOString().slice(0, 10);
}
