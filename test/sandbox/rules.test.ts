import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAGIC_NUMBERS,
  PROVISION_EMPTY_AREA_CODE,
  PROVISION_IN_USE_AREA_CODE,
} from '../../src/sandbox/magic.js';
import { SEED_NUMBERS, SEED_VOICE_ROUTE_IDS } from '../../src/sandbox/seed.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/server.js';
import { PORTIN_BODY, PROVISION_BODY, sandboxClient } from './client.js';

let sandbox: Sandbox;
let client: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 0, rateLimitPerMinute: 10_000 });
  client = sandboxClient(sandbox);
});
afterAll(() => sandbox.close());

const error = (status: number, Message: string | RegExp) => ({
  status,
  json: {
    StatusCode: status,
    Message: typeof Message === 'string' ? Message : expect.stringMatching(Message),
  },
});

async function provision(patch: Record<string, unknown>) {
  const answer = await client.post('/v1.0/numbers/provision', { ...PROVISION_BODY, ...patch });
  return { status: answer.status, json: answer.json };
}

describe('provision rules', () => {
  it.each([
    [{ NumberType: 'voip' }, 400, /NumberType must be one of: mvno, iot/],
    [
      { NumberType: 'iot', MessageType: 'a2p' },
      400,
      /IOT numbers can only be provisioned with p2p MessageType/,
    ],
    [{ MessageRouteId: undefined }, 400, 'MessageRouteId is required'],
    [{ VoiceEnabled: true }, 400, /VoiceRouteId is required/],
    [{ MessageRouteId: 'MRID-00000000-0000-4000-8000-000000000000' }, 404, /^Not found/],
    [{ VoiceEnabled: true, VoiceRouteId: 'CRID-unknown' }, 404, /^Not found/],
    [{ AssignedSubscriberId: 'TSUID-unknown' }, 404, /^Not found/],
    [{ ProductType: 'Voice-Only' }, 400, /ProductType must be one of/],
    [{ ICCID: '12345' }, 400, /ICCID must be 19 or 20 digits/],
    [{ AreaCode: '80' }, 400, 'Area code must be a valid 3-digit code'],
    [{ AccountId: 'AID-someone-else' }, 400, 'Invalid AccountId'],
    [{ MessageEnabled: undefined }, 400, 'The MessageEnabled field is required.'],
    [{ AreaCode: PROVISION_IN_USE_AREA_CODE }, 409, 'Phone number already in use'],
    [{ AreaCode: PROVISION_EMPTY_AREA_CODE }, 404, /No numbers available in area code 900/],
  ])('%j → %i', async (patch, status, message) => {
    expect(await provision(patch)).toEqual(error(status, message));
  });

  it('accepts a valid voice order with the canonical ProductType', async () => {
    const answer = await provision({
      VoiceEnabled: true,
      VoiceRouteId: SEED_VOICE_ROUTE_IDS[1],
      ProductType: 'SMS+DATA+VOICE',
    });
    expect(answer.status).toBe(200);
    expect(sandbox.getNumber(answer.json.PhoneNumberAssigned)?.ProductType).toBe('Sms+Data+Voice');
  });
});

describe('port-in rules', () => {
  it('validates E.164, required fields and the address', async () => {
    expect(
      await client.post('/v1.0/numbers/portin', { ...PORTIN_BODY, PortInNumber: '8015551234' }),
    ).toMatchObject(error(400, 'Invalid phone number format. Must be in E.164 format.'));
    expect(
      await client.post('/v1.0/numbers/portin', { ...PORTIN_BODY, CurrentAccountPassword: undefined }),
    ).toMatchObject(error(400, 'The CurrentAccountPassword field is required.'));
    expect(
      await client.post('/v1.0/numbers/portin', {
        ...PORTIN_BODY,
        CurrentBillingAddress: { Street1: '1 Main', City: 'X', State: 'Texas', Zip: '78701' },
      }),
    ).toMatchObject(error(400, /State/));
  });

  it('rejects a second active port-in for the same number with 409', async () => {
    const number = '+12065550777';
    expect((await client.post('/v1.0/numbers/portin', { ...PORTIN_BODY, PortInNumber: number })).status).toBe(
      200,
    );
    expect(await client.post('/v1.0/numbers/portin', { ...PORTIN_BODY, PortInNumber: number })).toMatchObject(
      error(409, 'A port-in request already exists for this number'),
    );
  });

  it('eligibility magic: ineligible and wireline numbers', async () => {
    const ineligible = await client.post('/v1.0/numbers/portin/eligibility', {
      PhoneNumber: MAGIC_NUMBERS.ineligible,
      TargetClassification: 'mvno',
    });
    expect(ineligible.json).toMatchObject({ Eligible: false, Message: expect.any(String) });
    expect(
      (await client.post('/v1.0/numbers/portin', { ...PORTIN_BODY, PortInNumber: MAGIC_NUMBERS.ineligible }))
        .status,
    ).toBe(400);
    const wireline = await client.post('/v1.0/numbers/portin/eligibility', {
      PhoneNumber: MAGIC_NUMBERS.wireline,
      TargetClassification: 'mvno',
    });
    expect(wireline.json).toMatchObject({
      Eligible: true,
      NumberType: 'landline',
      Message: expect.stringMatching(/PortInDate/),
    });
    expect(
      await client.post('/v1.0/numbers/portin', { ...PORTIN_BODY, PortInNumber: MAGIC_NUMBERS.wireline }),
    ).toMatchObject(error(400, 'PortInDate is required for wireline numbers.'));
    const withDate = await client.post('/v1.0/numbers/portin', {
      ...PORTIN_BODY,
      PortInNumber: MAGIC_NUMBERS.wireline,
      PortInDate: '12/31/2099',
    });
    expect(withDate.status).toBe(200);
  });

  it('update/cancel: 404 for an unknown OrderId, 400 without one', async () => {
    expect(
      await client.post('/v1.0/numbers/portin/update', {
        OrderId: 'JNUOID-00000000-0000-4000-8000-000000000000',
      }),
    ).toMatchObject(error(404, /^Not found/));
    expect(
      await client.post('/v1.0/numbers/portin/cancel', {
        OrderId: 'JNUOID-00000000-0000-4000-8000-000000000000',
      }),
    ).toMatchObject(error(404, /^Not found/));
    expect(await client.post('/v1.0/numbers/portin/cancel', {})).toMatchObject(
      error(400, 'The OrderId field is required.'),
    );
  });
});

describe('port-out rules', () => {
  it('needs a number of the account and a 4–10 digit PIN', async () => {
    expect(
      await client.post('/v1.0/numbers/portout', { PortOutNumber: '+17746996223', PortOutPIN: '1234' }),
    ).toMatchObject(error(404, 'Phone number does not belong to account'));
    for (const pin of ['123', '12345678901', '12ab'])
      expect(
        (await client.post('/v1.0/numbers/portout', { PortOutNumber: SEED_NUMBERS[0], PortOutPIN: pin }))
          .status,
      ).toBe(400);
  });
});

describe('data-usage rules', () => {
  const body = { ValueUnit: 'MB', LimitValue: 20, PhoneNumbers: [{ Number: SEED_NUMBERS[0] }] };

  it('enforces NotifyValue < ThrottleValue < LimitValue and the speed enum', async () => {
    expect(
      await client.post('/v1.0/numbers/data-usage', { ...body, NotifyValue: 15, ThrottleValue: 15 }),
    ).toMatchObject(error(400, 'NotifyValue must be less than ThrottleValue'));
    expect(
      await client.post('/v1.0/numbers/data-usage', { ...body, NotifyValue: 5, ThrottleValue: 25 }),
    ).toMatchObject(error(400, 'ThrottleValue must be less than LimitValue'));
    expect(
      await client.post('/v1.0/numbers/data-usage', { ...body, ThrottleValue: 10, ThrottleSpeed: '2-mbps' }),
    ).toMatchObject(error(400, /ThrottleSpeed must be one of/));
    expect(
      await client.post('/v1.0/numbers/data-usage', { ...body, ThrottleValue: 10, ThrottleSpeed: '64-kbps' }),
    ).toMatchObject({ status: 200 });
    expect(await client.post('/v1.0/numbers/data-usage', { ...body, ValueUnit: undefined })).toMatchObject(
      error(400, 'The ValueUnit field is required.'),
    );
    expect(
      await client.post('/v1.0/numbers/data-usage', { ...body, PhoneNumbers: [{ Number: '+17746996223' }] }),
    ).toMatchObject(error(404, 'Phone number does not belong to account'));
  });
});
