import { describe, expect, it } from 'vitest';
import { iccidSchema, luhnCheckDigit, luhnValid, parseIccid } from '../../../src/operations/fields/iccid.js';

describe('ICCID', () => {
  it.each(['8901240397190195850', '12345678900987654321', '8901240397190002080', '8901 2403 9719 0195 850'])(
    'accepts the documented ICCID %s',
    (raw) => {
      expect(parseIccid(raw)).toEqual({ ok: true, value: raw.replace(/\s/g, '') });
    },
  );

  it('rejects a wrong check digit and says it is the Luhn check', () => {
    const r = parseIccid('8901240397190195851');
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/Luhn check digit/) });
  });

  it.each([
    ['890124039719019585', /19 or 20 digits long \(got 18\)/],
    ['890124039719019585012', /19 or 20 digits long \(got 21\)/],
    ['89012403971901958A0', /digits only/],
    ['', /required/],
  ])('rejects %s', (raw, message) => {
    const r = parseIccid(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('computes check digits that satisfy Luhn', () => {
    const payload = '890124039719019585';
    const digit = luhnCheckDigit(payload);
    expect(luhnValid(`${payload}${digit}`)).toBe(true);
    expect(luhnValid(`${payload}${(Number(digit) + 1) % 10}`)).toBe(false);
    expect(iccidSchema.parse(`${payload}${digit}`)).toBe(`${payload}${digit}`);
  });
});
