import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_ACCOUNT_ID } from '../../../src/sandbox/seed.js';
import { isTelegentError, peopleText } from '../../../src/telegent/errors.js';
import { callsTo, type Sandbox, startClientOnSandbox } from '../../support/sandbox-client.js';

const CREATE = '/v1.0/subscribers/create';
const ROUTES = '/v1.0/account/message/routes';
const body = (email: string) => ({
  Name: 'Ada Roe',
  Email: email,
  Role: 'Subscriber' as const,
  Password: 'longenough-12345',
});

describe('a new subscriber always names its account (Telegent requires AccountId)', () => {
  let env: Awaited<ReturnType<typeof startClientOnSandbox>>;
  let sb: Sandbox;
  beforeAll(async () => {
    env = await startClientOnSandbox();
    sb = env.sb;
  });
  afterAll(() => env.close());

  it('with no TELEGENT_ACCOUNT_ID and none given, the account the key belongs to is learnt from the routes answer, once', async () => {
    const client = env.makeClient();
    await client.createSubscriber(body('ada.one@example.com'));
    await client.createSubscriber(body('ada.two@example.com'));
    const creates = callsTo(sb, CREATE);
    expect(creates.map((c) => (c.body as { AccountId?: string }).AccountId)).toEqual([
      SEED_ACCOUNT_ID,
      SEED_ACCOUNT_ID,
    ]);
    expect(callsTo(sb, ROUTES)).toHaveLength(1);
  });

  it('the configured or given account is used as is, without a routes read', async () => {
    const routes = callsTo(sb, ROUTES).length;
    const configured = env.makeClient({ accountId: SEED_ACCOUNT_ID });
    await configured.createSubscriber(body('ada.three@example.com'));
    expect(callsTo(sb, ROUTES)).toHaveLength(routes);
    expect(callsTo(sb, CREATE).at(-1)!.body).toMatchObject({ AccountId: SEED_ACCOUNT_ID });
  });

  it('when the account cannot be learnt, nothing is sent and the sentence says what to set', async () => {
    const client = env.makeClient();
    const creates = callsTo(sb, CREATE).length;
    sb.injectFault({ endpoint: ROUTES, kind: '500' });
    const error = await client.createSubscriber(body('ada.four@example.com')).catch((e: unknown) => e);
    sb.clearFaults();
    expect(isTelegentError(error) && error.kind).toBe('invalid-request');
    expect(peopleText(error as never, 'ref1')).toMatch(
      /not sent\. Telegent needs the account a new subscriber belongs to: set TELEGENT_ACCOUNT_ID .* \/telegent account AID-… \(ref ref1\)\./,
    );
    expect(callsTo(sb, CREATE)).toHaveLength(creates);
    // Learnt on a later try once the routes answer again.
    await client.createSubscriber(body('ada.five@example.com'));
    expect(callsTo(sb, CREATE).at(-1)!.body).toMatchObject({ AccountId: SEED_ACCOUNT_ID });
  });
});
