import { describe, expect, it } from 'vitest';
import { TELEGENT_ENDPOINTS } from '../../../src/telegent/endpoints.js';
import { peopleText, TelegentError } from '../../../src/telegent/errors.js';

/** A 404 is told in terms of what the person asked for: an order id, or a number. */
describe('a 404 in words', () => {
  const notFound = (endpoint: string) =>
    peopleText(
      new TelegentError({ kind: 'http', status: 404, endpoint, telegentMessage: 'Not found' }),
      'r1',
    );

  it('an order look-up speaks of the order, never of a number', () => {
    const text = notFound(TELEGENT_ENDPOINTS.order.path);
    expect(text).toMatch(/^Telegent does not know that order\. Check the order id for a typo/);
    expect(text).not.toMatch(/number/);
  });

  it('a number look-up still speaks of the number', () => {
    expect(notFound(TELEGENT_ENDPOINTS.number.path)).toMatch(
      /^Telegent does not know that number or id\. Check the number or id for a typo/,
    );
  });
});
