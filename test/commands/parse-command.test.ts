import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse-command.js';

describe('parseCommand', () => {
  it.each([
    ['', { name: 'help' }],
    ['help', { name: 'help' }],
    ['HELP', { name: 'help' }],
    ['search 801', { name: 'search', term: '801' }],
    ['search', { name: 'search', term: '' }],
    ['provision', { name: 'provision' }],
    ['provision 385', { name: 'provision', areaCode: '385' }],
    ['portin', { name: 'portin' }],
    ['portin (801) 555-1234', { name: 'portin', phoneNumber: '(801) 555-1234' }],
    ['portin (801) 555-1234 iot', { name: 'portin', phoneNumber: '(801) 555-1234', classification: 'iot' }],
    ['portin +18015551234 MVNO', { name: 'portin', phoneNumber: '+18015551234', classification: 'MVNO' }],
    ['portin <tel:+18015551234|(801) 555-1234>', { name: 'portin', phoneNumber: '(801) 555-1234' }],
    ['portin update JNUOID-1', { name: 'portin-update', orderId: 'JNUOID-1' }],
    ['portin Update', { name: 'portin-update' }],
    ['portin cancel JNUOID-2', { name: 'portin-cancel', orderId: 'JNUOID-2' }],
    ['portout +18015551234', { name: 'portout', phoneNumber: '+18015551234' }],
    ['limits +18015551234 +18015551235', { name: 'limits', numbers: '+18015551234 +18015551235' }],
    [
      'park +1 313 555 0701 +1 313 555 0702',
      { name: 'line-change-list', kind: 'park', numbers: '+1 313 555 0701 +1 313 555 0702' },
    ],
    [
      'activate 8015551234, 8015551235',
      { name: 'line-change-list', kind: 'activate', numbers: '8015551234, 8015551235' },
    ],
    ['usage 8015551234', { name: 'usage', phoneNumber: '8015551234' }],
    ['status JNUOID-3', { name: 'status', orderId: 'JNUOID-3' }],
    ['orders', { name: 'orders' }],
    ['customer Jane Doe', { name: 'customer', query: 'Jane Doe' }],
    ['customer <mailto:jane@example.com|jane@example.com>', { name: 'customer', query: 'jane@example.com' }],
    ['customer', { name: 'customer' }],
    ['plans', { name: 'plans' }],
    ['Plans please', { name: 'plans' }],
    ['digest on 08:30 America/Denver', { name: 'digest', args: 'on 08:30 America/Denver' }],
    ['launch rockets', { name: 'help', unknown: 'launch' }],
  ])('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('caps huge input', () => {
    const parsed = parseCommand(`search ${'9'.repeat(100_000)}`);
    expect(parsed.name).toBe('search');
    if (parsed.name === 'search') expect(parsed.term.length).toBeLessThan(2_000);
  });
});
