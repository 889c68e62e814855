import { describe, expect, it } from 'vitest';
import { timeZoneWords, titleInSentence } from '../../src/operations/glossary.js';

describe('glossary: phrases inside a sentence', () => {
  it.each([
    ['Port-in', 'port-in'],
    ['Port-out PIN', 'port-out PIN'],
    ['Data limits', 'data limits'],
    ['SIM swap', 'SIM swap'],
    ['', ''],
  ])('titleInSentence(%s) → %s', (input, expected) => expect(titleInSentence(input)).toBe(expected));

  it.each([
    ['Europe/London', 'London time'],
    ['America/Argentina/Buenos_Aires', 'Buenos Aires time'],
    ['UTC', undefined],
    ['Etc/UTC', undefined],
  ])('timeZoneWords(%s) → %s', (input, expected) => expect(timeZoneWords(input)).toBe(expected));
});
