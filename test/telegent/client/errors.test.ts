import { describe, expect, it, onTestFinished } from 'vitest';
import { CARRIER_CODES, MAGIC_NUMBERS } from '../../../src/sandbox/magic.js';
import { SEED_NUMBERS } from '../../../src/sandbox/seed.js';
import { explainCarrierCode } from '../../../src/telegent/carrier-codes.js';
import { TelegentError, TelegentOutcomeUnknownError, whatHappened } from '../../../src/telegent/errors.js';
import { startClientOnSandbox } from '../../support/sandbox-client.js';

describe('carrier codes', () => {
  it('explain 8A, 6P, 1P, 6B and GENS-0041 with the Slack command that fixes them', () => {
    expect(explainCarrierCode(CARRIER_CODES.accountNumber, 'JNUOID-1')).toEqual({
      code: '8A',
      short: 'account number wrong',
      explanation: 'the losing carrier says the account number is missing or wrong',
      fix: 'fix it with /telegent portin update JNUOID-1',
      fields: ['currentAccountNumber'],
    });
    // The fields each code names (the Fix… form marks them); a number lock names none and says why.
    expect(explainCarrierCode(CARRIER_CODES.other)?.fields).toEqual([
      'subscriberName',
      'currentAccountNumber',
      'currentAccountPassword',
      'billingAddress',
    ]);
    expect(explainCarrierCode(CARRIER_CODES.transferPin)?.fields).toEqual(['currentAccountPassword']);
    expect(explainCarrierCode(CARRIER_CODES.numberLock)).toMatchObject({
      fields: [],
      note: expect.stringMatching(/number lock with Verizon first/),
    });
    expect(explainCarrierCode(CARRIER_CODES.numberLock)?.fix).toMatch(
      /Verizon.*\/telegent portin update <OrderId>/,
    );
    expect(explainCarrierCode(CARRIER_CODES.other)?.code).toBe('1P');
    expect(explainCarrierCode(CARRIER_CODES.transferPin)?.explanation).toMatch(/T-Mobile transfer PIN/);
    expect(explainCarrierCode('GENS-0041: No Port-In request found', 'JNOID-9')?.fix).toMatch(
      /\/telegent status JNOID-9/,
    );
    expect(explainCarrierCode('All good')).toBeUndefined();
    expect(explainCarrierCode(null)).toBeUndefined();
  });

  it('turn into the hint of an error that carries one', () => {
    const error = new TelegentError({
      kind: 'http',
      endpoint: '/v1.0/numbers/portin/update',
      status: 400,
      telegentMessage: 'GENS-0041: No Port-In request found',
    });
    // What happened names the code (whatHappened); the hint only says what to do, without repeating it.
    expect(whatHappened(error)).toBe('The carrier refused: no open port-in at Telegent (GENS-0041)');
    expect(error.hint).toMatch(/^Check \/telegent status <OrderId>/);
    expect(error.message).toBe(
      'Telegent /v1.0/numbers/portin/update failed (400): GENS-0041: No Port-In request found',
    );
  });

  it('outcome-unknown is a TelegentError subclass that is never retryable', () => {
    const error = new TelegentOutcomeUnknownError({ endpoint: '/v1.0/numbers/portout', status: 504 });
    expect(error).toBeInstanceOf(TelegentError);
    expect(error.name).toBe('TelegentOutcomeUnknownError');
    expect(error.retryable).toBe(false);
    expect(error.kind).toBe('outcome-unknown');
  });
});

describe('secrets', () => {
  const PIN = '97531864';
  const ACCOUNT_NUMBER = '7788990011';
  const PASSWORD = 'carrier-pass-4477';

  it('never reach log lines or error messages', async () => {
    const env = await startClientOnSandbox();
    onTestFinished(() => env.close());
    const { client, sb, log } = env;
    const errors: TelegentError[] = [];
    const keep = (e: unknown) => {
      if (e instanceof TelegentError) errors.push(e);
    };

    await client.setPortOutPin({ PortOutNumber: SEED_NUMBERS[3] as string, PortOutPIN: PIN });
    await client
      .submitPortIn({
        PortInNumber: MAGIC_NUMBERS.ineligible, // refused with a 400
        CurrentCarrierName: 'Verizon',
        CurrentAccountNumber: ACCOUNT_NUMBER,
        CurrentAccountPassword: PASSWORD,
        CurrentBillingAddress: { Street1: '1 Main St', City: 'Provo', State: 'UT', Zip: '84601' },
      })
      .catch(keep);
    sb.injectFault({ endpoint: '/v1.0/numbers/portin', kind: '504', applyMutation: true, count: 1 });
    await client
      .submitPortIn({
        PortInNumber: MAGIC_NUMBERS.portable,
        CurrentCarrierName: 'Verizon',
        CurrentAccountNumber: ACCOUNT_NUMBER,
        CurrentAccountPassword: PASSWORD,
        CurrentBillingAddress: { Street1: '1 Main St', City: 'Provo', State: 'UT', Zip: '84601' },
      })
      .catch(keep);
    sb.injectFault({ endpoint: '/v1.0/numbers/portout', kind: 'text', count: 1 });
    await client.setPortOutPin({ PortOutNumber: SEED_NUMBERS[3] as string, PortOutPIN: PIN }).catch(keep);
    const badSecret = env.makeClient({ accountSecret: 'not-the-secret-5566' });
    await badSecret.listInventory().catch(keep);

    expect(errors.map((e) => e.kind)).toEqual(['http', 'outcome-unknown', 'outcome-unknown', 'auth']);
    const token = await client.getToken('/v1.0/numbers/portout');
    const text = [
      log.text(),
      ...errors.flatMap((e) => [e.message, e.hint, e.telegentMessage ?? '', String(e.stack)]),
    ].join('\n');
    expect(log.lines.length).toBeGreaterThan(5);
    expect(log.text()).toMatch(/"endpoint":"\/v1.0\/numbers\/portout"/);
    for (const secret of [PIN, ACCOUNT_NUMBER, PASSWORD, sb.accountSecret, 'not-the-secret-5566', token]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    expect(text.toLowerCase()).not.toContain('bearer');
  });
});
