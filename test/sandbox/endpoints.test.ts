import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SEED_ACCOUNT_ID,
  SEED_MESSAGE_ROUTE_IDS,
  SEED_NUMBERS,
  SEED_PORTOUT_PIN_NUMBER,
  SEED_SUBSCRIBER_IDS,
  SEED_USAGE_NUMBERS,
  SEED_VOICE_ROUTE_IDS,
} from '../../src/sandbox/seed.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/server.js';
import { PORTIN_BODY, PROVISION_BODY, sandboxClient } from './client.js';

let sandbox: Sandbox;
let client: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 0, rateLimitPerMinute: 10_000, seed: 7 });
  client = sandboxClient(sandbox);
});
afterAll(() => sandbox.close());

describe('numbers', () => {
  it('availability returns areas (not numbers) for an area code', async () => {
    const answer = await client.post('/v1.0/numbers/availability', {
      NumberType: 'mobile',
      MessageEnabled: true,
      VoiceEnabled: true,
      AreaCode: '801',
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      RequestId: expect.stringMatching(/^T-\d+$/),
      RequestDate: expect.any(String),
      NumberType: 'mobile',
      VoiceEnabled: true,
      MessageEnabled: true,
      AreaCode: '801',
      ZipCode: '',
      PageNumber: 1,
      ResultsTotal: expect.any(Number),
    });
    expect(answer.json.AvailableNumberAreas).toHaveLength(3);
    expect(answer.json.AvailableNumberAreas[0]).toEqual({
      NGP: expect.any(String),
      AreaCode: 801,
      Zipcode: '84101',
    });
    const all = await client.post('/v1.0/numbers/availability', {
      NumberType: 'mobile',
      MessageEnabled: true,
      VoiceEnabled: false,
    });
    const areaCodes = new Set(all.json.AvailableNumberAreas.map((a: { AreaCode: number }) => a.AreaCode));
    expect([...areaCodes].sort()).toEqual([206, 212, 385, 415, 512, 801]);
    const byZip = await client.post('/v1.0/numbers/availability', {
      NumberType: 'mobile',
      MessageEnabled: true,
      VoiceEnabled: false,
      ZipCode: '10019',
    });
    expect(byZip.json.AvailableNumberAreas).toEqual([
      { NGP: expect.any(String), AreaCode: 212, Zipcode: '10019' },
    ]);
  });

  it('provision takes a number in the area and completes immediately', async () => {
    const answer = await client.post('/v1.0/numbers/provision', {
      ...PROVISION_BODY,
      ProductType: 'sms+data+voice',
      VoiceEnabled: true,
      VoiceRouteId: SEED_VOICE_ROUTE_IDS[0],
      ZipCode: '84601',
      AssignedSubscriberId: SEED_SUBSCRIBER_IDS[2],
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      OrderDate: expect.any(String),
      OrderId: expect.stringMatching(/^JNUOID-[0-9a-f-]{36}$/),
      OrderStatus: 'Complete',
      PhoneNumberAssigned: expect.stringMatching(/^\+1801\d{7}$/),
      PhoneNumberId: expect.stringMatching(/^NID-/),
      QRCode: expect.stringMatching(/^https:\/\//),
      ZipCode: '84601',
      ICCID: expect.stringMatching(/^\d{20}$/),
      ErrorMessage: null,
      SubscriberId: SEED_SUBSCRIBER_IDS[2],
    });
    const number = sandbox.getNumber(answer.json.PhoneNumberAssigned);
    expect(number).toMatchObject({
      Status: 'Active',
      ProductType: 'Sms+Data+Voice',
      VoiceRouteId: SEED_VOICE_ROUTE_IDS[0],
    });

    const order = await client.get(`/v1.0/numbers/order?OrderId=${answer.json.OrderId}`);
    expect(order.status).toBe(200);
    expect(order.json).toMatchObject({
      OrderId: answer.json.OrderId,
      OrderStatus: 'Complete',
      OrderStatusMessage: null,
      OrderType: 'provision',
      PhoneNumbersOrdered: [{ Number: answer.json.PhoneNumberAssigned }],
    });
    const jnoid = answer.json.OrderId.replace('JNUOID-', 'JNOID-').toUpperCase();
    expect((await client.get(`/v1.0/numbers/order?orderid=${jnoid}`)).json.OrderId).toBe(answer.json.OrderId);

    const subscriber = await client.get(`/v1.0/subscribers/get?SubscriberId=${SEED_SUBSCRIBER_IDS[2]}`);
    expect(subscriber.json.PhoneNumbers).toContain(answer.json.PhoneNumberAssigned);
  });

  it('inventory pages records in the documented shape', async () => {
    const answer = await client.get(
      '/v1.0/numbers/inventory?PageNumber=2&TotalNumbersRequested=5&Filter=All',
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ AccountId: SEED_ACCOUNT_ID, PageNumber: 2, Filter: 'All' });
    expect(answer.json.TotalResults).toBeGreaterThanOrEqual(20);
    expect(answer.json.PhoneNumbers).toHaveLength(5);
    expect(answer.json.PhoneNumbers[0]).toMatchObject({
      Number: SEED_NUMBERS[5],
      Tnid: expect.stringMatching(/^TNID-/),
      OrderId: expect.stringMatching(/^TNOID-/),
      NumberType: 'mobile',
      MessageEnabled: expect.any(Boolean),
      Classification: expect.stringMatching(/^(MVNO|IoT)$/),
      Status: 'Active',
      OriginalDatePurchased: expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/),
      PortOutPin: null,
    });
    const active = await client.get('/v1.0/numbers/inventory?Filter=active&TotalNumbersRequested=100');
    expect(active.json.Filter).toBe('Active');
    expect(active.json.PhoneNumbers.every((n: { Status: string }) => n.Status === 'Active')).toBe(true);
    const beyond = await client.get('/v1.0/numbers/inventory?PageNumber=99');
    expect(beyond.json.PhoneNumbers).toEqual([]);
  });

  it('number details by Number (with a raw +), PhoneNumber or ICCID', async () => {
    const plus = await client.get(`/v1.0/numbers?Number=${SEED_PORTOUT_PIN_NUMBER}`);
    expect(plus.status).toBe(200);
    expect(plus.json).toMatchObject({
      Number: SEED_PORTOUT_PIN_NUMBER,
      TNID: expect.stringMatching(/^TNID-/),
      PortOutPin: '4321',
    });
    const encoded = await client.get(
      `/v1.0/numbers?PhoneNumber=${encodeURIComponent(SEED_NUMBERS[3] as string)}`,
    );
    expect(encoded.json.Number).toBe(SEED_NUMBERS[3]);
    const byIccid = await client.get(`/v1.0/numbers?ICCID=${encoded.json.Iccid}`);
    expect(byIccid.json.Number).toBe(SEED_NUMBERS[3]);
    expect((await client.get('/v1.0/numbers?Number=%2B19995550000')).status).toBe(404);
  });
});

describe('port-in and port-out', () => {
  it('eligibility answers with the carrier', async () => {
    const answer = await client.post('/v1.0/numbers/portin/eligibility', {
      PhoneNumber: '+13136398786',
      TargetClassification: 'mvno',
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      PhoneNumber: '+13136398786',
      Eligible: true,
      CurrentCarrier: expect.any(String),
      NumberType: 'mobile',
      Message: 'Number is eligible for port-in',
    });
    const again = await client.post('/v1.0/numbers/portin/eligibility', {
      PhoneNumber: '+13136398786',
      TargetClassification: 'Mobile',
    });
    expect(again.json.CurrentCarrier).toBe(answer.json.CurrentCarrier);
  });

  it('submit, update and cancel answer with Status', async () => {
    const submit = await client.post('/v1.0/numbers/portin', {
      ...PORTIN_BODY,
      ICCID: '8901240397190195850',
    });
    expect(submit.status).toBe(200);
    expect(submit.json).toEqual({
      OrderId: expect.stringMatching(/^JNUOID-/),
      OrderDate: expect.any(String),
      Status: 'Pending',
      PhoneNumber: PORTIN_BODY.PortInNumber,
      ICCID: '8901240397190195850',
    });
    const update = await client.post('/v1.0/numbers/portin/update', {
      OrderId: submit.json.OrderId,
      PortInDate: '2099-06-01',
    });
    expect(update.json).toEqual({
      OrderId: submit.json.OrderId,
      Status: 'Updated',
      Message: 'Port-in order updated successfully',
    });
    const order = await client.get(`/v1.0/numbers/order?OrderId=${submit.json.OrderId}`);
    expect(order.json).toMatchObject({
      OrderType: 'portin',
      OrderStatus: 'Pending',
      PortInDate: '2099-06-01',
    });
    const cancel = await client.post('/v1.0/numbers/portin/cancel', { OrderId: submit.json.OrderId });
    expect(cancel.json).toEqual({ OrderId: submit.json.OrderId, Status: 'Cancelled' });
  });

  it('port-out sets the PIN on the number and returns a Pending order', async () => {
    const number = SEED_NUMBERS[7] as string;
    const answer = await client.post('/v1.0/numbers/portout', {
      PortOutNumber: number,
      PortOutPIN: '908172',
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      OrderId: expect.stringMatching(/^JNUOID-/),
      OrderDate: expect.any(String),
      Status: 'Pending',
      PhoneNumber: number,
    });
    const inventory = await client.get('/v1.0/numbers/inventory?TotalNumbersRequested=100');
    const record = inventory.json.PhoneNumbers.find((n: { Number: string }) => n.Number === number);
    expect(record.PortOutPin).toBe('908172');
  });
});

describe('data usage', () => {
  const number = SEED_USAGE_NUMBERS.active;

  it('sets limits and reads them back with carrier speed codes', async () => {
    const set = await client.post('/v1.0/numbers/data-usage', {
      ValueUnit: 'MB',
      NotifyValue: 10,
      ThrottleValue: 15,
      ThrottleSpeed: '1-mbps',
      LimitValue: 20,
      PhoneNumbers: [{ Number: number }],
    });
    expect(set.status).toBe(200);
    expect(set.json).toEqual({
      Status: 'Complete',
      StatusMessage: '',
      ValueUnit: 'MB',
      NotifyValue: 10,
      ThrottleValue: 15,
      ThrottleSpeed: '1-mbps',
      LimitValue: 20,
      PhoneNumbers: [{ Number: number }],
    });
    const settings = await client.post('/v1.0/numbers/data-usage/settings', {
      PhoneNumbers: [{ Number: number }, { Number: '+19995550000' }],
    });
    expect(settings.json).toEqual({
      PhoneNumbers: [
        {
          Number: number,
          Status: 'Success',
          StatusMessage: '',
          NotifyValue: 10,
          LimitValue: 20,
          ThrottleValue: 15,
          ThrottleSpeed: 'thr1024kbps',
          ValueUnit: 'MB',
        },
        expect.objectContaining({ Number: '+19995550000', Status: 'Error' }),
      ],
      Status: 'Complete',
    });
  });

  it('info shows Used/Remaining strings and the behaviour', async () => {
    const answer = await client.post('/v1.0/numbers/data-usage/info', {
      PhoneNumbers: [
        { Number: SEED_USAGE_NUMBERS.active },
        { Number: SEED_USAGE_NUMBERS.throttled },
        { Number: SEED_USAGE_NUMBERS.blocked },
        { Number: '+19995550000' },
      ],
    });
    expect(answer.status).toBe(200);
    const [active, throttled, blocked, unknown] = answer.json.PhoneNumbers;
    expect(active).toEqual({
      Number: SEED_USAGE_NUMBERS.active,
      Status: 'ACTIVE',
      StatusMessage: '',
      Used: '3 MB',
      Remaining: '17 MB',
      CurrentBehavior: 'Active',
    });
    expect(throttled.CurrentBehavior).toBe('Throttled');
    expect(blocked).toMatchObject({ CurrentBehavior: 'Blocked', Remaining: '0 B', Used: '25 MB' });
    expect(unknown).toMatchObject({ Status: 'Error', StatusMessage: expect.any(String) });
    expect(answer.json.Status).toBe('Complete');
  });
});

describe('account', () => {
  it('lists message and voice routes', async () => {
    const message = await client.get('/v1.0/account/message/routes');
    expect(message.json).toMatchObject({ AccountID: SEED_ACCOUNT_ID, TotalRoutes: 3 });
    expect(message.json.Results[0]).toMatchObject({
      MessageRouteId: SEED_MESSAGE_ROUTE_IDS[0],
      AccountID: SEED_ACCOUNT_ID,
      RouteName: expect.any(String),
      MessageRouteEnabled: true,
    });
    const voice = await client.get('/v1.0/account/voice/routes');
    expect(voice.json).toMatchObject({ AccountID: SEED_ACCOUNT_ID, TotalRoutes: 2 });
    expect(voice.json.Results[0]).toMatchObject({
      CallRouteId: SEED_VOICE_ROUTE_IDS[0],
      CallRouteStatus: 'Active',
      RouteType: 'Trunk',
      Trunk1Priortiy: 10,
      IpWhitelist: expect.any(Array),
    });
  });

  it('gets a subscriber and pages the distributor list', async () => {
    const one = await client.get(
      `/v1.0/subscribers/get?SubscriberId=${SEED_SUBSCRIBER_IDS[0].toUpperCase()}`,
    );
    expect(one.json).toEqual({
      SubscriberId: SEED_SUBSCRIBER_IDS[0],
      Name: 'Bennet Hill',
      Email: expect.any(String),
      PhoneNumbers: expect.any(Array),
      Role: 'Account Admin',
      Account: { AccountId: SEED_ACCOUNT_ID, CompanyName: expect.any(String) },
    });
    const page = await client.get('/v1.0/distributor/subscribers?PageNumber=2&TotalPerPage=4');
    expect(page.json).toMatchObject({ PageNumber: 2, TotalSubscribers: 6 });
    expect(page.json.Subscribers).toHaveLength(2);
    const first = await client.get('/v1.0/distributor/subscribers');
    expect(first.json.Subscribers).toHaveLength(6);
    expect(first.json.Subscribers.some((s: { Account: unknown }) => s.Account === null)).toBe(true);
    // The first seeded subscriber's line is on a plan (plans-seed.ts).
    expect(first.json.Subscribers[0].Subscriptions).toEqual([
      expect.objectContaining({ SubscriptionId: expect.stringMatching(/^SUB-/), Active: true }),
    ]);
    expect((await client.get('/v1.0/subscribers/get?SubscriberId=TSUID-nope')).status).toBe(404);
  });

  it('creates a subscriber only with an AccountId, as documented', async () => {
    const body = {
      Name: 'Ada Roe',
      Email: 'ada.roe@example.com',
      Role: 'Subscriber',
      Password: 'longenough1',
    };
    const without = await client.post('/v1.0/subscribers/create', body);
    expect(without.status).toBe(400);
    expect(JSON.stringify(without.json)).toContain('AccountId');
    const created = await client.post('/v1.0/subscribers/create', { ...body, AccountId: SEED_ACCOUNT_ID });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ Name: 'Ada Roe', Account: { AccountId: SEED_ACCOUNT_ID } });
  });
});
