import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePortInDate } from '../../src/operations/fields/port-in-date.js';
import type { OpContext } from '../../src/operations/operation.js';
import { operations } from '../../src/operations/registry.js';
import { validateInput } from '../../src/operations/validation-errors.js';
import { MAGIC_NUMBERS, NUMBER_UPDATE_FAILED_CNAM } from '../../src/sandbox/magic.js';
import {
  SEED_MESSAGE_ROUTE_IDS,
  SEED_NO_SWAPS_NUMBER,
  SEED_NUMBERS,
  SEED_SUBSCRIBER_IDS,
  SEED_USAGE_NUMBERS,
  SEED_VOICE_ROUTE_IDS,
} from '../../src/sandbox/seed.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/server.js';
import { createTelegentClient, type TelegentClient } from '../../src/telegent/client.js';
import { BAD_CASES, NOW } from './bad-inputs.js';

// validateInput gates execute: only valid inputs ever reach the (real HTTP) sandbox.

let sb: Sandbox;
let client: TelegentClient;
let ctx: OpContext;

beforeAll(async () => {
  sb = await startSandbox({ rateLimitPerMinute: 6_000 });
  client = createTelegentClient({
    baseUrl: sb.url,
    accountKey: sb.accountKey,
    accountSecret: sb.accountSecret,
    rateLimitPerMinute: 6_000,
    retry: { baseDelayMs: 20, maxDelayMs: 500 },
  });
  ctx = { telegent: client, now: () => new Date() };
});

afterAll(async () => {
  await client?.close();
  await sb?.close();
});

async function run<K extends keyof typeof operations>(
  kind: K,
  raw: unknown,
  now: () => Date = () => new Date(),
) {
  const op = operations[kind];
  const result = validateInput(op, raw, { now });
  if (!result.ok) return { validated: false as const, errors: result.errors };
  // biome-ignore lint/suspicious/noExplicitAny: dispatch by kind, as the workflow does
  return { validated: true as const, value: await (op as any).execute(ctx, result.value) };
}

function nextBusinessDay(daysAhead: number): string {
  const now = new Date();
  for (let i = daysAhead; i < daysAhead + 14; i++) {
    const candidate = new Date(now.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    if (parsePortInDate(candidate, now).ok) return candidate;
  }
  throw new Error('no business day found');
}

describe('bad inputs never reach Telegent', () => {
  it(`${BAD_CASES.length} bad inputs: zero requests, zero mutations`, async () => {
    sb.clearJournal();
    for (const c of BAD_CASES) {
      const op = operations[c.kind];
      const result = validateInput(op, c.raw, { now: NOW });
      expect(result.ok, `${c.kind}: ${c.name}`).toBe(false);
      // biome-ignore lint/suspicious/noExplicitAny: dispatch by kind
      if (result.ok) await (op as any).execute(ctx, result.value);
    }
    expect(sb.mutations()).toEqual([]);
    expect(sb.journal()).toEqual([]);
  });
});

describe('valid inputs run against the sandbox', () => {
  it('search, provision, usage, limits, port-out', async () => {
    sb.clearJournal();
    const search = await run('search', { areaCode: '801' });
    expect(search.validated && search.value.AvailableNumberAreas?.length).toBeGreaterThan(0);

    const provisioned = await run('provision', {
      productType: 'sms+data+voice',
      messageRouteId: SEED_MESSAGE_ROUTE_IDS[0],
      voiceRouteId: SEED_VOICE_ROUTE_IDS[0],
      assignedSubscriberId: SEED_SUBSCRIBER_IDS[0],
      areaCode: '801',
    });
    expect(provisioned.validated).toBe(true);
    if (!provisioned.validated) return;
    expect(provisioned.value.OrderId).toMatch(/^JNUOID-/);
    expect(provisioned.value.PhoneNumberAssigned).toMatch(/^\+1801/);

    const status = await run('status', { orderId: provisioned.value.OrderId });
    expect(status.validated && status.value.OrderId).toBe(provisioned.value.OrderId);

    const limits = await run('limits', {
      numbers: SEED_USAGE_NUMBERS.active,
      notifyValue: 8,
      throttleValue: 10,
      throttleSpeed: '1-mbps',
      limitValue: 15,
    });
    expect(limits.validated && limits.value.LimitValue).toBe(15);

    const usage = await run('usage', { phoneNumber: SEED_USAGE_NUMBERS.active });
    expect(usage.validated && usage.value.settings.PhoneNumbers?.[0]?.LimitValue).toBe(15);
    expect(usage.validated && usage.value.info.PhoneNumbers?.[0]?.Number).toBe(SEED_USAGE_NUMBERS.active);

    // The PIN is generated during validation, and that is the PIN Telegent receives.
    const portOutInput = validateInput(operations.portout, {
      phoneNumber: provisioned.value.PhoneNumberAssigned,
      verificationMethod: 'Photo ID in store',
    });
    expect(portOutInput.ok).toBe(true);
    if (!portOutInput.ok) return;
    const portOut = await operations.portout.execute(ctx, portOutInput.value);
    expect(portOut.OrderId).toBeTruthy();
    expect(sb.getNumber(portOutInput.value.phoneNumber)?.PortOutPin).toBe(portOutInput.value.pin);

    const paths = sb.mutations().map((m) => m.path.toLowerCase());
    expect(paths).toEqual(['/v1.0/numbers/provision', '/v1.0/numbers/data-usage', '/v1.0/numbers/portout']);
  });

  it('eligibility → port-in → update → cancel, with the wireline rule taken from eligibility', async () => {
    sb.clearJournal();
    const wireline = await run('portin-eligibility', { phoneNumber: MAGIC_NUMBERS.wireline });
    expect(wireline.validated).toBe(true);
    if (!wireline.validated) return;
    const eligibility = {
      eligible: wireline.value.Eligible,
      numberType: wireline.value.NumberType,
      currentCarrier: wireline.value.CurrentCarrier,
    };
    const portInRaw = {
      phoneNumber: MAGIC_NUMBERS.wireline,
      currentCarrierName: eligibility.currentCarrier ?? 'Verizon',
      currentAccountNumber: '46512222',
      currentAccountPassword: 'S3cretPass',
      billingAddress: { street1: '2701 N Thanksgiving Way', city: 'Lehi', state: 'UT', zip: '84043' },
      assignedSubscriberId: SEED_SUBSCRIBER_IDS[0],
      eligibility,
    };
    const withoutDate = await run('portin', portInRaw);
    expect(withoutDate).toEqual({
      validated: false,
      errors: { portInDate: expect.stringMatching(/^Port-in date: required/) },
    });
    expect(sb.mutations()).toEqual([]);

    const submitted = await run('portin', { ...portInRaw, portInDate: nextBusinessDay(7) });
    expect(submitted.validated).toBe(true);
    if (!submitted.validated) return;
    const orderId = submitted.value.OrderId;
    expect(orderId).toBeTruthy();

    const updated = await run('portin-update', { orderId, portInDate: nextBusinessDay(9) });
    expect(updated.validated && updated.value.OrderId).toBe(orderId);

    const cancelled = await run('portin-cancel', { orderId });
    expect(cancelled.validated && cancelled.value.OrderStatus).toBe('Cancelled');

    expect(sb.mutations().map((m) => m.path.toLowerCase())).toEqual([
      '/v1.0/numbers/portin',
      '/v1.0/numbers/portin/update',
      '/v1.0/numbers/portin/cancel',
    ]);
    expect(JSON.stringify(sb.journal())).not.toContain('S3cretPass');
  });

  it('an ineligible number is refused before submit', async () => {
    sb.clearJournal();
    const answer = await run('portin-eligibility', { phoneNumber: MAGIC_NUMBERS.ineligible });
    expect(answer.validated && answer.value.Eligible).toBe(false);
    if (!answer.validated) return;
    const result = await run('portin', {
      phoneNumber: MAGIC_NUMBERS.ineligible,
      currentCarrierName: 'Verizon',
      currentAccountNumber: '46512222',
      currentAccountPassword: 'S3cretPass',
      billingAddress: { street1: '1 Main St', city: 'Lehi', state: 'UT', zip: '84043' },
      assignedSubscriberId: SEED_SUBSCRIBER_IDS[0],
      eligibility: { eligible: answer.value.Eligible, message: answer.value.Message },
    });
    expect(result).toEqual({
      validated: false,
      errors: { phoneNumber: expect.stringMatching(/^Phone number: not eligible/) },
    });
    expect(sb.mutations()).toEqual([]);
  });
});

describe('new subscriber', () => {
  it('creates the subscriber with a fresh temporary password that is revealed, never journaled', async () => {
    sb.clearJournal();
    const op = operations['subscriber-new'];
    const validated = validateInput(op, { name: 'Jane Roe', email: 'jane.roe@example.com' });
    expect(validated.ok).toBe(true);
    if (!validated.ok) return;
    expect(validated.value).not.toHaveProperty('password');
    const input = { ...validated.value, ...op.freshSecrets!() };
    expect(input.password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    const created = await op.execute(ctx, input);
    expect(created.SubscriberId).toMatch(/^TSUID-/);
    expect(created).toMatchObject({ Name: 'Jane Roe', Email: 'jane.roe@example.com', Role: 'Subscriber' });
    expect(op.outcome!(input, created).reveal).toMatchObject({ secret: input.password });
    expect(JSON.stringify(sb.journal())).not.toContain(input.password);

    // Email is unique: the second create is refused by Telegent with its own words.
    const again = { ...validated.value, ...op.freshSecrets!() };
    expect(again.password).not.toBe(input.password);
    await expect(op.execute(ctx, again)).rejects.toThrow(/Email already exists/);

    // The read-back finds the first one (an ambiguous create settles as created).
    const found = await op.reconcile!(ctx, validated.value);
    expect(found).toMatchObject({ found: true, resolved: true });
    expect(found.detail).toContain(created.SubscriberId);
    const missing = await op.reconcile!(ctx, { ...validated.value, email: 'nobody@example.com' });
    expect(missing).toMatchObject({ found: false });
    expect(sb.mutations().map((m) => m.path.toLowerCase())).toEqual([
      '/v1.0/subscribers/create',
      '/v1.0/subscribers/create',
    ]);
  });
});

describe('line changes', () => {
  it('park → activate → swap SIM (eSIM QR revealed) → cancel, each read back as done', async () => {
    sb.clearJournal();
    const number = SEED_NUMBERS[7]!;
    const steps = [
      ['park', 'Parked'],
      ['activate', 'Active'],
      ['swap-sim', 'Active'],
      ['cancel-line', 'Cancelled'],
    ] as const;
    const swapsBefore = sb.getNumber(number)!.SwapsRemaining;
    for (const [kind, status] of steps) {
      const op = operations[kind];
      const validated = validateInput(op, { phoneNumber: number, verificationMethod: 'Photo ID in store' });
      expect(validated.ok, kind).toBe(true);
      if (!validated.ok) return;
      const response = await op.execute(ctx, validated.value);
      expect(response, kind).toMatchObject({
        OrderId: expect.stringMatching(/^JNUOID-/),
        OrderStatus: 'Complete',
      });
      expect(sb.getNumber(number)!.Status, kind).toBe(status);
      const outcome = op.outcome!(validated.value, response);
      expect(outcome.order?.orderId).toBe(response.OrderId);
      if (kind === 'swap-sim') {
        expect(outcome.reveal?.secret).toMatch(/^https:\/\//);
        expect(sb.getNumber(number)!.SwapsRemaining).toBe(swapsBefore - 1);
      } else {
        expect(outcome.reveal).toBeUndefined();
      }
    }
    const bodies = sb.mutations().map((m) => m.body as { StatusChange: string; EffectiveDate: string });
    expect(bodies.map((b) => b.StatusChange)).toEqual(['park', 'activate', 'swap-sim', 'cancel']);
    for (const body of bodies) expect(body.EffectiveDate).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  });

  it('swap SIM to a given ICCID is read back as done; no swaps left is refused by Telegent', async () => {
    const number = SEED_NUMBERS[8]!;
    const input = validateInput(operations['swap-sim'], {
      phoneNumber: number,
      iccid: '8901240397190195850',
      verificationMethod: 'Photo ID in store',
    });
    expect(input.ok).toBe(true);
    if (!input.ok) return;
    expect(await operations['swap-sim'].reconcile!(ctx, input.value)).toMatchObject({ resolved: false });
    await operations['swap-sim'].execute(ctx, input.value);
    expect(sb.getNumber(number)!.Iccid).toBe('8901240397190195850');
    expect(await operations['swap-sim'].reconcile!(ctx, input.value)).toMatchObject({
      found: true,
      resolved: true,
    });

    const none = validateInput(operations['swap-sim'], {
      phoneNumber: SEED_NO_SWAPS_NUMBER,
      verificationMethod: 'Photo ID in store',
    });
    if (!none.ok) throw new Error('valid input refused');
    await expect(operations['swap-sim'].execute(ctx, none.value)).rejects.toThrow(/No SIM swaps remaining/);
  });
});

describe('number update', () => {
  it('binds a subscriber and reads it back; an update order that Failed is a refusal, nothing changed', async () => {
    const number = SEED_NUMBERS[16]!;
    const op = operations['number-update'];
    const input = validateInput(op, {
      phoneNumber: number,
      assignedSubscriberId: SEED_SUBSCRIBER_IDS[4],
      verificationMethod: 'Photo ID in store',
    });
    if (!input.ok) throw new Error('valid input refused');
    expect(await op.reconcile!(ctx, input.value)).toMatchObject({ resolved: false });
    const answer = await op.execute(ctx, input.value);
    expect(answer.UpdateOrderStatus).toBe('Complete');
    expect(op.outcome!(input.value, answer)).toEqual({});
    expect(await op.reconcile!(ctx, input.value)).toMatchObject({ found: true, resolved: true });

    const failing = validateInput(op, { phoneNumber: number, cnamFirstName: NUMBER_UPDATE_FAILED_CNAM });
    if (!failing.ok) throw new Error('valid input refused');
    await expect(op.execute(ctx, failing.value)).rejects.toThrow(/Failed/);
    expect(sb.getNumber(number)!.Cnam).not.toContain(NUMBER_UPDATE_FAILED_CNAM);
  });
});
