import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestCard } from '../../src/messages/request-card.js';
import { requestTitle, storedSummary } from '../../src/messages/request-line.js';
import { parsePhoneNumbers } from '../../src/operations/fields/phone-number.js';
import { phoneNumberArraySchema } from '../../src/operations/fields/phone-number-array.js';
import { formatPhone } from '../../src/operations/glossary.js';
import { leftOutWords, numbersInWords } from '../../src/operations/line-change-numbers.js';
import { activateLine, parkLine, swapSim } from '../../src/operations/line-changes.js';
import type { OpContext } from '../../src/operations/operation.js';
import { validateInput } from '../../src/operations/validation-errors.js';
import { SEED_NUMBERS } from '../../src/sandbox/seed.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/server.js';
import { createTelegentClient, type TelegentClient } from '../../src/telegent/client.js';
import { readModalMetadata, writeModalMetadata } from '../../src/views/modal-metadata.js';
import { lineChangeModal } from '../../src/views/modals/line-change-modal.js';
import { requestRecord } from '../messages/fixtures.js';
import { assertWithinSlackLimits } from '../messages/slack-limits.js';

const list = (n: number, from = 100) =>
  Array.from({ length: n }, (_, i) => `+1801555${String(from + i).padStart(4, '0')}`);

describe('a list of numbers as people type it', () => {
  it('spaces, commas, new lines, and numbers written with spaces inside', () => {
    const typed = '+1 313 555 0701 +1 313 555 0702\n(313) 555-0703, 3135550704;+13135550705';
    expect(parsePhoneNumbers(typed)).toEqual({
      numbers: ['+13135550701', '+13135550702', '+13135550703', '+13135550704', '+13135550705'],
      errors: [],
      duplicates: [],
    });
  });

  it('a number given twice (in any format) is reported as a duplicate, once', () => {
    const parsed = parsePhoneNumbers('8015550100 (801) 555-0100, +18015550100 8015550101');
    expect(parsed.numbers).toEqual(['+18015550100', '+18015550101']);
    expect(parsed.duplicates).toEqual(['+18015550100']);
  });

  it('the form’s list: a bad entry named, a number twice named, more than 100 refused', () => {
    const bad = phoneNumberArraySchema.safeParse(['+18015550100', '555-01', '+18015550100']);
    expect(bad.success).toBe(false);
    const message = bad.error!.issues[0]!.message;
    expect(message).toContain('"555-01" is not a US number');
    expect(message).toContain(`${formatPhone('+18015550100')} given twice`);
    const many = phoneNumberArraySchema.safeParse(list(101));
    expect(many.error!.issues[0]!.message).toContain('at most 100 numbers per request (got 101)');
    expect(phoneNumberArraySchema.parse(list(100))).toHaveLength(100);
    expect(phoneNumberArraySchema.safeParse([]).success).toBe(false);
  });
});

describe('park / activate take a list; the card shows it', () => {
  const today = new Date().toISOString().slice(0, 10);

  it('one body with every number; the first number is the request’s phoneNumber', () => {
    const numbers = list(3);
    const valid = validateInput(parkLine, { phoneNumbers: numbers, effectiveDate: today });
    expect(valid.ok).toBe(true);
    const input = (valid as { value: Parameters<typeof parkLine.toTelegent>[0] }).value;
    expect(input.phoneNumber).toBe(numbers[0]);
    expect(parkLine.toTelegent(input)).toMatchObject({
      StatusChange: 'park',
      PhoneNumbers: numbers.map((n) => ({ Number: n })),
    });
    expect(parkLine.titleOf!(input)).toBe('Park line · 3 numbers');
    // The number card's single number: unchanged.
    const one = validateInput(activateLine, { phoneNumber: numbers[0], effectiveDate: today });
    if (!one.ok) throw new Error('the single number is valid');
    expect(one.value).toMatchObject({ phoneNumber: numbers[0] });
    expect('phoneNumbers' in one.value).toBe(false);
    expect(activateLine.titleOf!(one.value)).toBe('Activate line');
  });

  it('a bad list is an error under the numbers; a swap takes one number only', () => {
    const twice = validateInput(parkLine, { phoneNumbers: [list(1)[0], list(1)[0]], effectiveDate: today });
    expect(twice.ok).toBe(false);
    expect(JSON.stringify(!twice.ok && twice.errors)).toContain('given twice');
    const none = validateInput(parkLine, { effectiveDate: today });
    expect(none.ok).toBe(false);
    const swap = validateInput(swapSim, {
      phoneNumber: list(1)[0],
      phoneNumbers: list(2),
      effectiveDate: today,
      verificationMethod: 'Called back on the number on file',
    });
    if (swap.ok) expect(swapSim.toTelegent(swap.value).PhoneNumbers).toHaveLength(1);
  });

  it('the approval card: the count in the header, the first 10 numbers and "and N more", what was left out', () => {
    const numbers = list(12);
    const request = requestRecord({
      kind: 'park',
      input: {
        phoneNumber: numbers[0],
        phoneNumbers: numbers,
        effectiveDate: today,
        leftOut: [{ number: '+18015550999', reason: 'a port-out of it is open' }],
      },
    });
    const card = requestCard({ request, title: requestTitle(request), summary: storedSummary(request) });
    const text = JSON.stringify(card.blocks);
    expect(card.blocks.find((b) => b.type === 'header')).toMatchObject({
      text: { text: 'Approval needed: Park line · 12 numbers' },
    });
    for (const n of numbers.slice(0, 10)) expect(text).toContain(formatPhone(n));
    expect(text).not.toContain(formatPhone(numbers[10]!));
    expect(text).toContain('and 2 more');
    expect(text).toContain('Left out (1)');
    expect(text).toContain(`${formatPhone('+18015550999')}: a port-out of it is open`);
    expect(storedSummary(request)).toMatch(/^Park 12 numbers \(.*and 9 more\), effective/);
  });

  it('numbersInWords / leftOutWords: ten, then a count', () => {
    expect(numbersInWords(list(10))).not.toContain('more');
    expect(numbersInWords(list(11))).toMatch(/and 1 more$/);
    const left = list(13).map((number) => ({ number, reason: 'busy' }));
    expect(leftOutWords(left).split('\n')).toHaveLength(11);
    expect(leftOutWords(left)).toMatch(/and 3 more$/);
  });
});

describe('one numbers/status for the list, over real HTTP to the sandbox; reconcile reads every number', () => {
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

  it('parks two lines in one order; reconcile resolves only when every number shows the park', async () => {
    const [a, b] = SEED_NUMBERS.filter((n) => sb.getNumber(n)?.Status === 'Active') as [string, string];
    const today = new Date().toISOString().slice(0, 10);
    const input = { phoneNumber: a, phoneNumbers: [a, b], effectiveDate: today };
    const before = await parkLine.reconcile!(ctx, input);
    expect(before).toMatchObject({ resolved: false, found: true });
    expect(before.detail).toContain('2 numbers of 2 do not show the park yet');
    const answer = await parkLine.execute(ctx, input);
    const outcome = parkLine.outcome!(input, answer);
    expect(outcome.order).toMatchObject({ orderId: answer.OrderId, numbers: [a, b] });
    expect(sb.getNumber(a)!.Status).toBe('Parked');
    expect(sb.getNumber(b)!.Status).toBe('Parked');
    const order = await client.getOrder(answer.OrderId);
    expect(JSON.stringify(order)).toContain(b);
    expect(await parkLine.reconcile!(ctx, input)).toMatchObject({ resolved: true });
    // Half done: still unknown, and the one not done is named.
    await activateLine.execute(ctx, { phoneNumber: a, effectiveDate: today });
    const half = await parkLine.reconcile!(ctx, input);
    expect(half.resolved).toBe(false);
    expect(half.detail).toContain(formatPhone(a));
    expect(half.detail).not.toContain(formatPhone(b));
  });

  it('the sandbox refuses a list with a number not on the account, twice the same number, or a swap of two, and changes none', async () => {
    const [c, d] = SEED_NUMBERS.filter((n) => sb.getNumber(n)?.Status === 'Active').slice(2) as [
      string,
      string,
    ];
    const body = (numbers: string[], change = 'park') => ({
      StatusChange: change,
      EffectiveDate: '01/01/2026',
      PhoneNumbers: numbers.map((n) => ({ Number: n })),
    });
    await expect(client.changeNumberStatus(body([c, '+18015559876']) as never)).rejects.toMatchObject({
      status: 404,
    });
    await expect(client.changeNumberStatus(body([c, c]) as never)).rejects.toMatchObject({ status: 400 });
    await expect(client.changeNumberStatus(body([c, d], 'swap-sim') as never)).rejects.toMatchObject({
      status: 400,
    });
    expect(sb.getNumber(c)!.Status).toBe('Active');
    expect(sb.getNumber(d)!.Status).toBe('Active');
  });
});

describe('the list form at its largest', () => {
  it('100 numbers: the metadata fits Slack’s 3,000 characters and reads back; the form is within Slack’s limits', () => {
    const numbers = list(100, 1000);
    const metadata = writeModalMetadata({ channelId: 'C0123456789', phoneNumbers: numbers });
    expect(metadata.length).toBeLessThan(3000);
    expect(readModalMetadata(metadata)?.phoneNumbers).toEqual(numbers);
    const form = lineChangeModal({
      op: parkLine,
      phoneNumber: numbers[0]!,
      phoneNumbers: numbers,
      facts: [],
      today: '2026-03-04',
      metadata,
    });
    assertWithinSlackLimits(form);
    expect(JSON.stringify(form.blocks)).toContain('*100 numbers:*');
    expect(JSON.stringify(form.blocks)).toContain('and 90 more');
  });
});
