import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PORTIN_TIMINGS,
  PORTOUT_COMPLETE_MINUTES,
  PROVISION_PENDING_MINUTES,
} from '../../src/sandbox/lifecycle.js';
import {
  CARRIER_CODES,
  MAGIC_NUMBERS,
  PORTIN_BAD_ACCOUNT_NUMBER,
  PORTIN_REJECTED_ACCOUNT_NUMBER,
  PROVISION_PENDING_ZIP_CODE,
} from '../../src/sandbox/magic.js';
import { SEED_NUMBERS } from '../../src/sandbox/seed.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/server.js';
import { PORTIN_BODY, PROVISION_BODY, sandboxClient } from './client.js';

let sandbox: Sandbox;
let client: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  sandbox = await startSandbox({ speed: 0, rateLimitPerMinute: 10_000, tokenTtlSeconds: 10 * 86_400 });
  client = sandboxClient(sandbox);
});
afterAll(() => sandbox.close());

const minutes = (n: number) => sandbox.clock.advance(n * 60);
const status = async (orderId: string) => (await client.get(`/v1.0/numbers/order?OrderId=${orderId}`)).json;
let nextNumber = 100;
const freshNumber = () => `+1512555${String(2000 + nextNumber++)}`;

describe('port-in lifecycle', () => {
  it('walks Pending → Submitted → Pending Carrier Approval → Scheduled → Completed and joins the inventory', async () => {
    const number = freshNumber();
    const submit = await client.post('/v1.0/numbers/portin', { ...PORTIN_BODY, PortInNumber: number });
    const id = submit.json.OrderId;
    expect((await status(id)).OrderStatus).toBe('Pending');
    minutes(PORTIN_TIMINGS.submittedAfterMinutes);
    expect((await status(id)).OrderStatus).toBe('Submitted');
    minutes(PORTIN_TIMINGS.carrierApprovalAfterMinutes - PORTIN_TIMINGS.submittedAfterMinutes);
    expect((await status(id)).OrderStatus).toBe('Pending Carrier Approval');
    minutes(PORTIN_TIMINGS.scheduledAfterMinutes - PORTIN_TIMINGS.carrierApprovalAfterMinutes);
    expect((await status(id)).OrderStatus).toBe('Scheduled');
    expect((await client.get(`/v1.0/numbers?Number=${encodeURIComponent(number)}`)).status).toBe(404);
    minutes(PORTIN_TIMINGS.completedAfterMinutes - PORTIN_TIMINGS.scheduledAfterMinutes);
    expect(await status(id)).toMatchObject({ OrderStatus: 'Completed', OrderStatusMessage: null });
    const details = await client.get(`/v1.0/numbers?Number=${encodeURIComponent(number)}`);
    expect(details.json).toMatchObject({ Number: number, Status: 'Active', Classification: 'MVNO' });
  });

  it('8A error, then update with a correct account number resubmits and completes', async () => {
    const submit = await client.post('/v1.0/numbers/portin', {
      ...PORTIN_BODY,
      PortInNumber: freshNumber(),
      CurrentAccountNumber: PORTIN_BAD_ACCOUNT_NUMBER,
    });
    const id = submit.json.OrderId;
    minutes(PORTIN_TIMINGS.carrierApprovalAfterMinutes);
    expect(await status(id)).toMatchObject({
      OrderStatus: 'Error',
      OrderStatusMessage: CARRIER_CODES.accountNumber,
    });
    const update = await client.post('/v1.0/numbers/portin/update', {
      OrderId: id,
      CurrentAccountNumber: '55501234',
    });
    expect(update.json.Status).toBe('Updated');
    expect(await status(id)).toMatchObject({ OrderStatus: 'Pending', OrderStatusMessage: null });
    expect(sandbox.getOrder(id)?.Attempt).toBe(2);
    minutes(PORTIN_TIMINGS.completedAfterMinutes);
    expect((await status(id)).OrderStatus).toBe('Completed');
  });

  it('6P number lock clears on the resubmission; updating with the same bad data errors again', async () => {
    const submit = await client.post('/v1.0/numbers/portin', {
      ...PORTIN_BODY,
      PortInNumber: MAGIC_NUMBERS.locked,
    });
    const id = submit.json.OrderId;
    minutes(PORTIN_TIMINGS.carrierApprovalAfterMinutes);
    expect((await status(id)).OrderStatusMessage).toBe(CARRIER_CODES.numberLock);
    await client.post('/v1.0/numbers/portin/update', { OrderId: id, SubscriberName: 'Pat Doe' });
    minutes(PORTIN_TIMINGS.carrierApprovalAfterMinutes);
    expect((await status(id)).OrderStatus).toBe('Pending Carrier Approval');

    const bad = await client.post('/v1.0/numbers/portin', {
      ...PORTIN_BODY,
      PortInNumber: freshNumber(),
      CurrentAccountPassword: '0000',
    });
    minutes(PORTIN_TIMINGS.carrierApprovalAfterMinutes);
    expect((await status(bad.json.OrderId)).OrderStatusMessage).toBe(CARRIER_CODES.transferPin);
    await client.post('/v1.0/numbers/portin/update', {
      OrderId: bad.json.OrderId,
      CurrentCarrierName: 'T-Mobile',
    });
    minutes(PORTIN_TIMINGS.carrierApprovalAfterMinutes);
    expect(await status(bad.json.OrderId)).toMatchObject({ OrderStatus: 'Error', OrderStatusMessage: '6B' });
  });

  it('an update before the carrier answers fixes the outcome without an error', async () => {
    const submit = await client.post('/v1.0/numbers/portin', {
      ...PORTIN_BODY,
      PortInNumber: freshNumber(),
      CurrentAccountNumber: PORTIN_BAD_ACCOUNT_NUMBER,
    });
    minutes(10);
    await client.post('/v1.0/numbers/portin/update', {
      OrderId: submit.json.OrderId,
      CurrentAccountNumber: '777',
    });
    minutes(PORTIN_TIMINGS.carrierApprovalAfterMinutes);
    expect((await status(submit.json.OrderId)).OrderStatus).toBe('Pending Carrier Approval');
  });

  it('Rejected is not final: a new port-in of the number gets 409, an update resubmits it, a cancel ends it', async () => {
    const number = freshNumber();
    const submit = await client.post('/v1.0/numbers/portin', {
      ...PORTIN_BODY,
      PortInNumber: number,
      CurrentAccountNumber: PORTIN_REJECTED_ACCOUNT_NUMBER,
    });
    minutes(PORTIN_TIMINGS.carrierApprovalAfterMinutes);
    expect((await status(submit.json.OrderId)).OrderStatus).toBe('Rejected');
    expect((await client.post('/v1.0/numbers/portin', { ...PORTIN_BODY, PortInNumber: number })).status).toBe(
      409,
    );
    const update = await client.post('/v1.0/numbers/portin/update', {
      OrderId: submit.json.OrderId,
      CurrentAccountNumber: '777',
    });
    expect(update.status).toBe(200);
    expect((await status(submit.json.OrderId)).OrderStatus).toBe('Pending');
    expect((await client.post('/v1.0/numbers/portin/cancel', { OrderId: submit.json.OrderId })).status).toBe(
      200,
    );
    expect((await client.post('/v1.0/numbers/portin', { ...PORTIN_BODY, PortInNumber: number })).status).toBe(
      200,
    );
  });

  it('cancel is final: update and cancel afterwards answer GENS-0041, and a new port-in is allowed', async () => {
    const number = freshNumber();
    const submit = await client.post('/v1.0/numbers/portin', { ...PORTIN_BODY, PortInNumber: number });
    const id = submit.json.OrderId;
    expect((await client.post('/v1.0/numbers/portin/cancel', { OrderId: id })).json.Status).toBe('Cancelled');
    minutes(PORTIN_TIMINGS.completedAfterMinutes);
    expect((await status(id)).OrderStatus).toBe('Cancelled');
    for (const path of ['/v1.0/numbers/portin/update', '/v1.0/numbers/portin/cancel']) {
      const answer = await client.post(path, { OrderId: id, SubscriberName: 'X' });
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ StatusCode: 400, Message: 'GENS-0041: No Port-In request found' });
    }
    expect((await client.post('/v1.0/numbers/portin', { ...PORTIN_BODY, PortInNumber: number })).status).toBe(
      200,
    );
  });

  it('PortInDate sets the completion day', async () => {
    const portDate = new Date(sandbox.clock.now().getTime() + 5 * 86_400_000).toISOString().slice(0, 10);
    const submit = await client.post('/v1.0/numbers/portin', {
      ...PORTIN_BODY,
      PortInNumber: freshNumber(),
      PortInDate: portDate,
    });
    minutes(3 * 24 * 60);
    expect((await status(submit.json.OrderId)).OrderStatus).toBe('Scheduled');
    minutes(2 * 24 * 60);
    expect((await status(submit.json.OrderId)).OrderStatus).toBe('Completed');
  });

  it('forced status shows up on the next read', async () => {
    const submit = await client.post('/v1.0/numbers/portin', { ...PORTIN_BODY, PortInNumber: freshNumber() });
    sandbox.forceOrderStatus(submit.json.OrderId, 'Error', CARRIER_CODES.other);
    expect(await status(submit.json.OrderId)).toMatchObject({
      OrderStatus: 'Error',
      OrderStatusMessage: '1P-Other',
    });
  });
});

describe('provision and port-out lifecycles', () => {
  it('magic zip makes a provision Pending, Complete later', async () => {
    const answer = await client.post('/v1.0/numbers/provision', {
      ...PROVISION_BODY,
      ZipCode: PROVISION_PENDING_ZIP_CODE,
    });
    expect(answer.json.OrderStatus).toBe('Pending');
    expect(sandbox.getNumber(answer.json.PhoneNumberAssigned)?.Status).toBe('Pending');
    minutes(PROVISION_PENDING_MINUTES);
    expect((await status(answer.json.OrderId)).OrderStatus).toBe('Complete');
    expect(sandbox.getNumber(answer.json.PhoneNumberAssigned)?.Status).toBe('Active');
  });

  it('port-out completes after a while', async () => {
    const answer = await client.post('/v1.0/numbers/portout', {
      PortOutNumber: SEED_NUMBERS[9],
      PortOutPIN: '1234',
    });
    expect((await status(answer.json.OrderId)).OrderStatus).toBe('Pending');
    minutes(PORTOUT_COMPLETE_MINUTES);
    expect(await status(answer.json.OrderId)).toMatchObject({
      OrderStatus: 'Complete',
      OrderType: 'portout',
    });
  });
});
