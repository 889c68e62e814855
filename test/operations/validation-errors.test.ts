import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldLabel } from '../../src/operations/field-labels.js';
import { operations } from '../../src/operations/registry.js';
import { formatFieldErrors, toFieldErrors, validateInput } from '../../src/operations/validation-errors.js';

describe('validation errors', () => {
  it('says "required" with the hint when a field is missing, and just the hint when the type is wrong', () => {
    const missing = validateInput(operations.usage, {});
    expect(missing).toEqual({
      ok: false,
      errors: {
        phoneNumber: 'Phone number: required; enter a US number like +18015551234 or (801) 555-1234',
      },
    });
    const wrongType = validateInput(operations.usage, { phoneNumber: ['8015551234'] });
    expect(wrongType).toEqual({
      ok: false,
      errors: { phoneNumber: 'Phone number: enter a US number like +18015551234 or (801) 555-1234' },
    });
  });

  it('treats null raw input as an empty object', () => {
    expect(validateInput(operations.status, null)).toMatchObject({
      ok: false,
      errors: { orderId: /^Order ID: required/ },
    });
  });

  it('uses dotted paths for nested fields and item labels for arrays', () => {
    expect(fieldLabel('billingAddress.zip').label).toBe('Billing ZIP');
    expect(fieldLabel('numbers.2').label).toBe('Phone numbers (item 3)');
    expect(fieldLabel('somethingNew').label).toBe('Something new');
  });

  it('keeps the first message per field and prefixes the label for non-custom zod issues', () => {
    const schema = z.object({ limitValue: z.number().max(5) });
    const parsed = schema.safeParse({ limitValue: 9 });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const errors = toFieldErrors(parsed.error, { limitValue: 9 });
    expect(errors.limitValue).toMatch(/^Data limit: .*; a whole number greater than 0/);
  });

  it('formats errors as bullet lines', () => {
    expect(formatFieldErrors({ a: 'A: x', b: 'B: y' })).toBe('• A: x\n• B: y');
  });
});

describe('validateInput keeps each schema (built once per operation and clock)', () => {
  it('builds it once, and still reads the clock at every parse (a kept schema is never stale)', () => {
    let built = 0;
    let clock = 1_000;
    const now = () => new Date(clock);
    const op = {
      schema: (options?: { now?: () => Date }) => {
        built++;
        return z.object({
          at: z.number().refine((at) => at > (options?.now ?? now)().getTime(), 'in the past'),
        });
      },
    };
    expect(validateInput(op, { at: 1_500 }, { now }).ok).toBe(true);
    clock = 2_000;
    expect(validateInput(op, { at: 1_500 }, { now }).ok).toBe(false);
    expect(built).toBe(1);
    validateInput(op, { at: 1_500 }, { now: () => new Date(0) }); // another clock: its own schema
    expect(built).toBe(2);
  });
});
