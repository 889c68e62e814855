import { describe, expect, it } from 'vitest';
import { planLabel, planPriceWords } from '../../src/messages/plan-words.js';

describe('planPriceWords', () => {
  it('monthly, once, unknown frequency, no price', () => {
    expect(planPriceWords({ price: 45, monthly: true })).toBe('$45.00 / month');
    expect(planPriceWords({ price: 10, monthly: false })).toBe('$10.00 once');
    expect(planPriceWords({ price: 1234.5, monthly: null })).toBe('$1,234.50');
    expect(planPriceWords({ price: null, monthly: true })).toBe('price not set');
    expect(planPriceWords({ price: 0, monthly: true })).toBe('$0.00 / month');
  });

  it('a label names the plan and its price', () => {
    expect(planLabel({ name: 'Unlimited Plus', price: 45, monthly: true })).toBe(
      'Unlimited Plus · $45.00 / month',
    );
  });
});
