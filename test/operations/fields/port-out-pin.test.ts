import { describe, expect, it } from 'vitest';
import { generatePortOutPin, parsePortOutPin } from '../../../src/operations/fields/port-out-pin.js';

describe('port-out PIN', () => {
  it.each(['1234', '0000000000', ' 987654 '])('accepts %j', (raw) => {
    expect(parsePortOutPin(raw)).toEqual({ ok: true, value: raw.trim() });
  });

  it.each([
    ['123', /4–10 digits long \(got 3\)/],
    ['12345678901', /4–10 digits long \(got 11\)/],
    ['12a4', /digits only/],
    ['12 34', /digits only/],
    ['-1234', /digits only/],
    ['', /required/],
  ])('rejects %j', (raw, message) => {
    const r = parsePortOutPin(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('never echoes the PIN in its messages', () => {
    const r = parsePortOutPin('98765432109');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).not.toContain('98765432109');
  });

  it('generates valid digit PINs of the asked length that rarely repeat', () => {
    const pins = Array.from({ length: 500 }, () => generatePortOutPin());
    for (const pin of pins) {
      expect(pin).toMatch(/^\d{6}$/);
      expect(parsePortOutPin(pin).ok).toBe(true);
    }
    expect(new Set(pins).size).toBeGreaterThan(480);
    // Every digit shows up in every position over 500 draws (a constant or biased generator would not).
    for (let position = 0; position < 6; position++) {
      expect(new Set(pins.map((p) => p[position])).size).toBe(10);
    }
    expect(generatePortOutPin(4)).toMatch(/^\d{4}$/);
    expect(generatePortOutPin(10)).toMatch(/^\d{10}$/);
  });

  it('refuses lengths outside 4–10', () => {
    expect(() => generatePortOutPin(3)).toThrow(RangeError);
    expect(() => generatePortOutPin(11)).toThrow(RangeError);
  });
});
