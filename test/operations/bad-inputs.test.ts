import { describe, expect, it } from 'vitest';
import { fieldLabel } from '../../src/operations/field-labels.js';
import { operations } from '../../src/operations/registry.js';
import { validateInput } from '../../src/operations/validation-errors.js';
import { BAD_CASES, GOOD, NOW } from './bad-inputs.js';

describe('every good base input is valid', () => {
  it.each(Object.entries(GOOD))('%s', (kind, raw) => {
    const result = validateInput(operations[kind as keyof typeof operations], raw, { now: NOW });
    expect(result).toMatchObject({ ok: true });
  });
});

describe(`${BAD_CASES.length} bad inputs are refused with a message naming the field`, () => {
  it('covers at least 40 cases across all operations', () => {
    expect(BAD_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(BAD_CASES.map((c) => c.kind)).size).toBe(Object.keys(operations).length);
  });

  it.each(BAD_CASES.map((c) => [`${c.kind}: ${c.name}`, c] as const))('%s', (_name, c) => {
    const result = validateInput(operations[c.kind], c.raw, {
      now: NOW,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const message = result.errors[c.field];
    expect(message, `errors were ${JSON.stringify(result.errors)}`).toBeDefined();
    expect(message!.startsWith(`${fieldLabel(c.field).label}: `)).toBe(true);
    expect(message).toMatch(c.message);
    // No message quotes a secret the user typed.
    for (const field of operations[c.kind].secretFields) {
      const secret = c.raw[field];
      if (typeof secret === 'string' && secret.length > 0) {
        for (const text of Object.values(result.errors)) expect(text).not.toContain(secret);
      }
    }
  });
});
