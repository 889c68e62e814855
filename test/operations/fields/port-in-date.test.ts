import { describe, expect, it } from 'vitest';
import {
  isWireline,
  parseCalendarDate,
  parsePortInDate,
  portInDateSchema,
} from '../../../src/operations/fields/port-in-date.js';
import { federalHolidayOn, usFederalHolidays } from '../../../src/operations/fields/us-holidays.js';

// Wednesday 4 March 2026, 10:00 in New York.
const NOW = new Date('2026-03-04T15:00:00Z');

describe('port-in date', () => {
  it.each([
    ['2026-03-05', '2026-03-05'],
    ['03/06/2026', '2026-03-06'],
    ['3/9/2026', '2026-03-09'],
    ['2026-05-26', '2026-05-26'],
  ])('accepts the business day %s', (raw, value) => {
    expect(parsePortInDate(raw, NOW)).toEqual({ ok: true, value });
  });

  it.each([
    ['2026-03-04', /not in the future/],
    ['2026-03-03', /not in the future/],
    ['2026-03-07', /Saturday/],
    ['03/08/2026', /Sunday/],
    ['2026-05-25', /Memorial Day/],
    ['2026-07-03', /Independence Day/], // July 4 is a Saturday: observed Friday
    ['2026-09-07', /Labor Day/],
    ['2026-11-26', /Thanksgiving/],
    ['2026-12-25', /Christmas/],
    ['2026-11-11', /Veterans Day/],
    ['2026-06-19', /Juneteenth/],
    ['2026-02-30', /not a real date/],
    ['13/01/2026', /not a real date/],
    ['next tuesday', /YYYY-MM-DD or MM\/DD\/YYYY/],
    ['2027-06-01', /more than 365 days/],
    ['', /required/],
  ])('rejects %s', (raw, message) => {
    const r = parsePortInDate(raw, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('judges "today" in US Eastern time, not UTC', () => {
    // 02:00 UTC on 5 March is still 4 March in New York: the 5th is in the future.
    expect(parsePortInDate('2026-03-05', new Date('2026-03-05T02:00:00Z')).ok).toBe(true);
    expect(parsePortInDate('2026-03-05', new Date('2026-03-05T16:00:00Z')).ok).toBe(false);
  });

  it('schema uses the clock it is given', () => {
    const schema = portInDateSchema(() => NOW);
    expect(schema.parse('03/05/2026')).toBe('2026-03-05');
    expect(portInDateSchema(() => new Date('2026-03-06T15:00:00Z')).safeParse('2026-03-05').success).toBe(
      false,
    );
  });

  it('parses calendar dates in both formats', () => {
    expect(parseCalendarDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseCalendarDate('2025-02-29').ok).toBe(false);
  });

  it('recognises wireline eligibility answers', () => {
    expect(isWireline('landline')).toBe(true);
    expect(isWireline('Wireline')).toBe(true);
    expect(isWireline('mobile')).toBe(false);
    expect(isWireline(undefined)).toBe(false);
  });
});

describe('US federal holidays', () => {
  it('lists the eleven 2026 holidays with observed dates', () => {
    expect([...usFederalHolidays(2026).keys()].sort()).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it("observes a Saturday New Year's Day on the Friday before, in the previous year", () => {
    expect(federalHolidayOn('2027-12-31')).toBe("New Year's Day");
    expect(federalHolidayOn('2027-12-30')).toBeUndefined();
  });
});
