import { describe, expect, it } from 'vitest';
import { customerQuery, foldForSearch, matchCustomers } from '../../src/reads/customer-match.js';
import type { Subscriber } from '../../src/telegent/response-schemas.js';

const person = (Name: string, Email: string, id: string): Subscriber => ({
  SubscriberId: `TSUID-${id}`,
  Name,
  Email,
  PhoneNumbers: [],
});
const PEOPLE = [
  person('José Núñez', 'jose.nunez@example.com', '1'),
  person('Jane Doe', 'jane@example.com', '2'),
  person('Jane Roe', 'jroe@example.com', '3'),
  person('', '2025289874@telegent.com', '4'),
  person('Zoë Brontë-Smith', 'zoe@example.com', '5'),
];
const names = (query: string) => matchCustomers(PEOPLE, customerQuery(query)).map((s) => s.Name);

describe('customer matching', () => {
  it('folds case and accents (NFD, marks dropped)', () => {
    expect(foldForSearch('  JOSÉ   Núñez ')).toBe('jose nunez');
    expect(foldForSearch('Zoë Brontë')).toBe('zoe bronte');
  });

  it('matches names by the start of each word, without case or accents', () => {
    expect(names('jose nunez')).toEqual(['José Núñez']);
    expect(names('NÚÑEZ')).toEqual(['José Núñez']);
    expect(names('zoe')).toEqual(['Zoë Brontë-Smith']);
    expect(names('smith')).toEqual(['Zoë Brontë-Smith']);
    expect(names('jane')).toEqual(['Jane Doe', 'Jane Roe']);
    expect(names('doe jane')).toEqual(['Jane Doe']);
    expect(names('ane')).toEqual([]);
    expect(names('   ')).toEqual([]);
  });

  it('puts the whole-name match first', () => {
    const both = [person('Jane Doe-Smith', 'a@example.com', '6'), person('Jane Doe', 'b@example.com', '7')];
    expect(matchCustomers(both, customerQuery('jane doe')).map((s) => s.Name)).toEqual([
      'Jane Doe',
      'Jane Doe-Smith',
    ]);
  });

  it('matches an email exactly (any case) and a TSUID exactly (any case)', () => {
    expect(names('JANE@example.com')).toEqual(['Jane Doe']);
    expect(names('jane@example')).toEqual([]);
    expect(matchCustomers(PEOPLE, customerQuery('tsuid-4')).map((s) => s.Email)).toEqual([
      '2025289874@telegent.com',
    ]);
  });
});
