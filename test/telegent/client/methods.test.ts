import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARRIER_CODES, MAGIC_NUMBERS, PORTIN_BAD_ACCOUNT_NUMBER } from '../../../src/sandbox/magic.js';
import {
  SEED_ACCOUNT_ID,
  SEED_MESSAGE_ROUTE_IDS,
  SEED_NUMBERS,
  SEED_SUBSCRIBER_IDS,
  SEED_USAGE_NUMBERS,
  SEED_VOICE_ROUTE_IDS,
} from '../../../src/sandbox/seed.js';
import { isTerminalOrderStatus } from '../../../src/telegent/order-status.js';
import { startClientOnSandbox } from '../../support/sandbox-client.js';

const env = await startClientOnSandbox();
const { client, sb } = env;
afterAll(() => env.close());

const address = { Street1: '1 Main St', City: 'Provo', State: 'UT', Zip: '84601' };

describe('every client method against the sandbox', () => {
  let provisionedOrderId = '';
  let provisionedNumber = '';

  beforeAll(async () => {
    const provisioned = await client.provisionNumber({
      NumberType: 'mvno',
      MessageType: 'a2p',
      MessageEnabled: true,
      VoiceEnabled: true,
      ProductType: 'Sms+Data+Voice',
      MessageRouteId: SEED_MESSAGE_ROUTE_IDS[0],
      VoiceRouteId: SEED_VOICE_ROUTE_IDS[0],
      AreaCode: '801',
      AssignedSubscriberId: SEED_SUBSCRIBER_IDS[0],
    });
    provisionedOrderId = provisioned.OrderId;
    provisionedNumber = provisioned.PhoneNumberAssigned ?? '';
  });

  it('provisionNumber returns the order with one normalised OrderStatus', () => {
    expect(provisionedOrderId).toMatch(/^JN(U)?OID-/);
    expect(provisionedNumber).toMatch(/^\+1801/);
  });

  it('searchAvailability returns areas', async () => {
    const result = await client.searchAvailability({
      MessageEnabled: true,
      VoiceEnabled: true,
      AreaCode: '801',
    });
    expect(result.AvailableNumberAreas.length).toBeGreaterThan(0);
    expect(result.AvailableNumberAreas[0]?.AreaCode).toBe('801');
  });

  it('getOrder reads the provision order', async () => {
    const order = await client.getOrder(provisionedOrderId, { priority: 'background' });
    expect(order.OrderId).toBe(provisionedOrderId);
    expect(order.OrderType?.toLowerCase()).toBe('provision');
    expect(order.OrderStatus).toBeTruthy();
    expect(order.PhoneNumbersOrdered.map((n) => n.Number)).toContain(provisionedNumber);
  });

  it('getNumber and listInventory show the number (without its port-out PIN)', async () => {
    const record = await client.getNumber({ Number: provisionedNumber });
    expect(record.Number).toBe(provisionedNumber);
    expect(record.Tnid).toMatch(/^TNID-/);
    expect(record).not.toHaveProperty('PortOutPin');
    const page = await client.listInventory({ Filter: 'All', TotalNumbersRequested: 100 });
    expect(page.TotalResults).toBeGreaterThanOrEqual(SEED_NUMBERS.length);
    expect(page.PhoneNumbers.some((n) => n.Number === provisionedNumber)).toBe(true);
  });

  it('checkPortInEligibility says yes and no', async () => {
    const yes = await client.checkPortInEligibility({
      PhoneNumber: MAGIC_NUMBERS.portable,
      TargetClassification: 'mvno',
    });
    expect(yes.Eligible).toBe(true);
    const no = await client.checkPortInEligibility({
      PhoneNumber: MAGIC_NUMBERS.ineligible,
      TargetClassification: 'mvno',
    });
    expect(no.Eligible).toBe(false);
    expect(no.Message).toBeTruthy();
  });

  it('submitPortIn, updatePortIn, cancelPortIn', async () => {
    const submitted = await client.submitPortIn({
      PortInNumber: MAGIC_NUMBERS.portable,
      CurrentCarrierName: 'Verizon',
      CurrentAccountNumber: PORTIN_BAD_ACCOUNT_NUMBER,
      CurrentAccountPassword: '8642',
      CurrentBillingAddress: address,
      TargetPortinClassification: 'mvno',
    });
    expect(submitted.OrderId).toMatch(/^JN(U)?OID-/);
    expect(submitted.OrderStatus).toBe('Pending');
    expect(submitted).not.toHaveProperty('Status');

    const updated = await client.updatePortIn({
      OrderId: submitted.OrderId,
      CurrentAccountNumber: '123456789',
    });
    expect(updated.OrderId).toBe(submitted.OrderId);
    expect(updated.OrderStatus).toBe('Updated');

    const cancelled = await client.cancelPortIn(submitted.OrderId);
    expect(cancelled.OrderStatus).toBe('Cancelled');
    expect(isTerminalOrderStatus((await client.getOrder(submitted.OrderId)).OrderStatus)).toBe(true);
  });

  it('an errored port-in order carries the carrier code', async () => {
    const submitted = await client.submitPortIn({
      PortInNumber: '+15125550777',
      CurrentCarrierName: 'AT&T',
      CurrentAccountNumber: PORTIN_BAD_ACCOUNT_NUMBER,
      CurrentAccountPassword: '8642',
      CurrentBillingAddress: address,
    });
    sb.clock.advance(3 * 24 * 3600);
    const order = await client.getOrder(submitted.OrderId);
    expect(order.OrderStatus).toBe('Error');
    expect(order.OrderStatusMessage).toBe(CARRIER_CODES.accountNumber);
  });

  it('setPortOutPin creates an order', async () => {
    const result = await client.setPortOutPin({ PortOutNumber: provisionedNumber, PortOutPIN: '246810' });
    expect(result.OrderId).toBeTruthy();
    expect(result.OrderStatus).toBe('Pending');
    expect(result.PhoneNumber).toBe(provisionedNumber);
  });

  it('setDataUsageLimits, getDataUsageSettings, getDataUsageInfo', async () => {
    const set = await client.setDataUsageLimits({
      ValueUnit: 'MB',
      NotifyValue: 10,
      ThrottleValue: 15,
      ThrottleSpeed: '1-mbps',
      LimitValue: 20,
      PhoneNumbers: [{ Number: provisionedNumber }],
    });
    expect(set.Status).toBe('Complete');
    const settings = await client.getDataUsageSettings([provisionedNumber]);
    expect(settings.PhoneNumbers[0]).toMatchObject({
      Number: provisionedNumber,
      LimitValue: 20,
      ThrottleValue: 15,
    });
    const info = await client.getDataUsageInfo([SEED_USAGE_NUMBERS.throttled]);
    expect(info.PhoneNumbers[0]?.CurrentBehavior).toBe('Throttled');
    expect(info.PhoneNumbers[0]?.Used).toMatch(/B$/);
  });

  it('listMessageRoutes and listVoiceRoutes (no webhook secrets in the output)', async () => {
    const messages = await client.listMessageRoutes();
    expect(messages.Results.map((r) => r.MessageRouteId)).toContain(SEED_MESSAGE_ROUTE_IDS[0]);
    expect(JSON.stringify(messages)).not.toMatch(/PasswordToken/);
    const voice = await client.listVoiceRoutes({ AccountId: SEED_ACCOUNT_ID });
    expect(voice.Results.map((r) => r.CallRouteId)).toContain(SEED_VOICE_ROUTE_IDS[0]);
  });

  it('getSubscriber and listDistributorSubscribers', async () => {
    const subscriber = await client.getSubscriber(SEED_SUBSCRIBER_IDS[0]);
    expect(subscriber.SubscriberId).toBe(SEED_SUBSCRIBER_IDS[0]);
    expect(subscriber.Account?.AccountId).toBe(SEED_ACCOUNT_ID);
    const page = await client.listDistributorSubscribers({ PageNumber: 1, TotalPerPage: 2 });
    expect(page.Subscribers).toHaveLength(2);
    expect(page.TotalSubscribers).toBeGreaterThanOrEqual(SEED_SUBSCRIBER_IDS.length);
  });

  it('getToken returns a token scoped to the path', async () => {
    const token = await client.getToken('/v1.0/numbers/inventory');
    expect(token.split('.')).toHaveLength(3);
    const mint = sb
      .journal()
      .filter((e) => e.path === '/v1.0/oauth2/tokens' && e.scope?.endsWith('/v1.0/numbers/inventory'));
    expect(mint.length).toBe(1);
  });
});
