import { describe, expect, it } from 'vitest';
import {
  normalisePhoneNumber,
  parsePhoneNumbers,
  phoneNumberSchema,
} from '../../../src/operations/fields/phone-number.js';

describe('normalisePhoneNumber', () => {
  it.each([
    '+18015551234',
    '8015551234',
    '18015551234',
    '(801) 555-1234',
    '+1 801-555-1234',
    '801.555.1234',
    ' 1 (801) 555 1234 ',
    '<tel:+18015551234|801-555-1234>',
  ])('accepts %s as +18015551234', (raw) => {
    expect(normalisePhoneNumber(raw)).toEqual({ ok: true, value: '+18015551234' });
  });

  it.each([
    ['+442079460958', /only US\/Canada \(\+1\)/],
    ['+44 20 7946 0958', /only US\/Canada \(\+1\)/],
    ['011442079460958', /only US\/Canada \(\+1\)/],
    ['801555123', /10 digits/],
    ['+1801555123', /10 digits/],
    ['28015551234', /10 digits/],
    ['(101) 555-1234', /area code 101/],
    ['801-155-1234', /exchange 155/],
    ['911-555-1234', /service code/],
    ['801-555-CALL', /digits only/],
    ['8015551234 ext 5', /digits only/],
    ['', /required/],
  ])('rejects %s', (raw, message) => {
    const result = normalisePhoneNumber(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('schema transforms to E.164 and rejects non-strings', () => {
    expect(phoneNumberSchema.parse('(801) 555-1234')).toBe('+18015551234');
    expect(phoneNumberSchema.safeParse(8015551234).success).toBe(false);
  });
});

describe('parsePhoneNumbers', () => {
  it('splits on commas, newlines and spaces, keeping numbers that contain spaces', () => {
    const parsed = parsePhoneNumbers('(801) 555-1234, 8015551235\n+1 801 555 1236 801.555.1237; 18015551234');
    expect(parsed.errors).toEqual([]);
    expect(parsed.numbers).toEqual(['+18015551234', '+18015551235', '+18015551236', '+18015551237']);
  });

  it('reports the pieces that are not numbers', () => {
    const parsed = parsePhoneNumbers('8015551234 banana, +442079460958');
    expect(parsed.numbers).toEqual(['+18015551234']);
    expect(parsed.errors.map((e) => e.input)).toEqual(['banana', '+442079460958']);
    expect(parsed.errors[1]?.message).toMatch(/only US\/Canada/);
  });

  it('unwraps Slack tel links', () => {
    expect(parsePhoneNumbers('<tel:+18015551234|+1 801 555 1234> <tel:8015551235>').numbers).toEqual([
      '+18015551234',
      '+18015551235',
    ]);
  });
});
