import { describe, expect, it } from 'vitest';
import { titleInSentence } from '../../src/operations/glossary.js';

describe('glossary: an operation title inside a sentence', () => {
  it.each([
    ['Port-in', 'port-in'],
    ['Port-out PIN', 'port-out PIN'],
    ['Data limits', 'data limits'],
    ['SIM swap', 'SIM swap'],
    ['', ''],
  ])('titleInSentence(%s) → %s', (input, expected) => expect(titleInSentence(input)).toBe(expected));
});
