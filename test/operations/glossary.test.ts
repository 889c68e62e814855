import { describe, expect, it } from 'vitest';
import {
  carrierMessageWords,
  classificationWords,
  dataBehaviorWords,
  dateWords,
  dayWords,
  formatPhone,
  formatPhones,
  productWords,
  shortId,
  statusWords,
} from '../../src/operations/glossary.js';

describe('glossary: words for people instead of API values', () => {
  it.each([
    ['+18015550100', '(801) 555-0100'],
    ['+13135550142', '(313) 555-0142'],
    ['+442079460958', '+442079460958'], // not NANP: kept as it is
    ['8015550100', '8015550100'], // not E.164: kept
  ])('formatPhone(%s) → %s', (input, expected) => expect(formatPhone(input)).toBe(expected));

  it('formatPhones keeps lists short', () => {
    const numbers = ['+18015550100', '+18015550101', '+18015550102'];
    expect(formatPhones(numbers, 2)).toBe('(801) 555-0100, (801) 555-0101 and 1 more');
  });

  it.each([
    ['Complete', 'Completed'],
    ['Completed', 'Completed'],
    ['InProgress', 'In progress'],
    ['ResolutionRequired', 'Needs a fix'],
    ['Error', 'Carrier error'],
    ['Pending', 'Pending'],
    ['Something New', 'Something New'], // unknown statuses pass through
    [null, 'Unknown'],
  ])('statusWords(%s) → %s', (input, expected) => expect(statusWords(input)).toBe(expected));

  it.each([
    ['Sms+Data', 'SMS + data'],
    ['sms-only', 'SMS only'],
    ['Sms+Data+Voice', 'SMS + data + voice'],
  ])('productWords(%s) → %s', (input, expected) => expect(productWords(input)).toBe(expected));

  it.each([
    ['8A-ACCOUNT_NUM_REQ_OR_INCORRECT', 'Carrier rejected: account number wrong (8A)'],
    ['6P-REMOVE NUMBER LOCK', 'Carrier rejected: number locked at Verizon (6P)'],
    ['Customer moved the port date', 'Carrier says: Customer moved the port date'],
    [null, undefined],
  ])('carrierMessageWords(%s) → %s', (input, expected) => expect(carrierMessageWords(input)).toBe(expected));

  it('classifications, days and ids', () => {
    expect(classificationWords('mvno')).toBe('phone line');
    expect(classificationWords('IOT')).toBe('device (IoT)');
    expect(dayWords('2026-12-11')).toBe('Fri, Dec 11');
    expect(dayWords('as soon as possible')).toBe('as soon as possible');
    expect(shortId('JNUOID-6a283dcf-1bb8-4ed1-8387-ce877b4ffc24')).toBe('JNUOID-6a283dcf…');
    expect(shortId('req_46cc0a1b2c3d4e5f60718293a4b5c6d7')).toBe('req_46cc0a1b…');
    expect(shortId('JNUOID-1')).toBe('JNUOID-1');
  });

  it.each([
    ['09/02/2026', 'Sep 2, 2026'], // Telegent's MM/DD/YYYY
    ['2026-12-31', 'Dec 31, 2026'],
    ['2026-12-31T00:00:00Z', 'Dec 31, 2026'], // the time of a timestamp is dropped
    ['13/45/2026', '13/45/2026'], // not a date: kept
    ['soon', 'soon'],
  ])('dateWords(%s) → %s', (input, expected) => expect(dateWords(input)).toBe(expected));

  it('data behavior in words', () => {
    expect(dataBehaviorWords('Active')).toBe('Full speed');
    expect(dataBehaviorWords('THROTTLED')).toBe('Slowed down (throttle reached)');
    expect(dataBehaviorWords('Blocked')).toBe('Stopped (limit reached)');
    expect(dataBehaviorWords('Paused')).toBe('Paused');
  });
});
