import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { DEFAULT_VERIFICATION_METHODS } from '../../src/operations/fields/verification-method.js';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('VERIFICATION_METHODS and CUSTOMER_NOTICE_*', () => {
  it('default: the five built-in methods and no text to customers', () => {
    const config = loadConfig({});
    expect(config.customers.verificationMethods).toEqual([...DEFAULT_VERIFICATION_METHODS]);
    expect(config.customers.notice).toBeUndefined();
  });

  it('the variable replaces the list (trimmed, duplicates dropped)', () => {
    const config = loadConfig({ VERIFICATION_METHODS: ' Photo ID in store , Voice match,Photo ID in store' });
    expect(config.customers.verificationMethods).toEqual(['Photo ID in store', 'Voice match']);
  });

  it('a method Slack would cut, a bad sender or a sender without a company name is a start-up problem', () => {
    expect(problemsOf({ VERIFICATION_METHODS: 'x'.repeat(80) }).join('\n')).toMatch(
      /VERIFICATION_METHODS: .*longer than 75 characters/,
    );
    expect(
      problemsOf({ CUSTOMER_NOTICE_FROM: '8015550100', CUSTOMER_NOTICE_COMPANY: 'Acme' }).join('\n'),
    ).toMatch(/CUSTOMER_NOTICE_FROM: must be a number of your Telegent account in E.164/);
    expect(problemsOf({ CUSTOMER_NOTICE_FROM: '+18015550100' }).join('\n')).toMatch(
      /CUSTOMER_NOTICE_COMPANY: is required with CUSTOMER_NOTICE_FROM/,
    );
    expect(
      loadConfig({ CUSTOMER_NOTICE_FROM: '+18015550100', CUSTOMER_NOTICE_COMPANY: 'Acme Mobile' }).customers
        .notice,
    ).toEqual({ from: '+18015550100', company: 'Acme Mobile' });
  });
});
