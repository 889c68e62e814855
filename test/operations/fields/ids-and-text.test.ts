import { describe, expect, it } from 'vitest';
import { parseAreaCode } from '../../../src/operations/fields/area-code.js';
import {
  billingAddressSchema,
  parseState,
  parseZip,
} from '../../../src/operations/fields/billing-address.js';
import {
  looksLikeWholeOrderId,
  parseOrderId,
  typedOrderId,
} from '../../../src/operations/fields/order-id.js';
import { parseProductType, productFeatures } from '../../../src/operations/fields/product-type.js';
import { ID_KINDS, parseTelegentId } from '../../../src/operations/fields/telegent-ids.js';
import { parseText } from '../../../src/operations/fields/text.js';
import { parseZipCode } from '../../../src/operations/fields/zip-code.js';

describe('OrderId', () => {
  it.each([
    'JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fed',
    'JNOID-ddbaad7c-38c8-4cb4-bf0d-87ed9064f021',
    'TNOID-ddbaad7c-38c8-4cb4-bf0d-87ed9064f021',
    'jnuoid-ABC123',
  ])('accepts %s unchanged (opaque, case-sensitive)', (raw) => {
    expect(parseOrderId(` ${raw} `)).toEqual({ ok: true, value: raw });
  });

  it.each([
    ['ORDER-123', /must start with JNUOID-, JNOID-, TNOID-/],
    ['JNUOID-', /only letters, digits and dashes/],
    ["JNUOID-1' OR '1'='1", /only letters, digits and dashes/],
    ['JNUOID-<script>', /only letters, digits and dashes/],
    ['JNUOID-1/../../admin', /only letters, digits and dashes/],
    [`JNUOID-${'a'.repeat(100)}`, /too long/],
    ['', /required/],
  ])('rejects %s', (raw, message) => {
    const r = parseOrderId(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('OrderIds as people paste them from messages', () => {
  it('drops the "…" of a short id (or three dots) and backticks, and says it was shortened', () => {
    expect(typedOrderId(' JNUOID-85f74761… ')).toEqual({ value: 'JNUOID-85f74761', shortened: true });
    expect(typedOrderId('`JNUOID-85f74761...`')).toEqual({ value: 'JNUOID-85f74761', shortened: true });
    expect(typedOrderId('JNUOID-85f74761')).toEqual({ value: 'JNUOID-85f74761', shortened: false });
  });

  it.each([
    ['JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fed', true],
    ['TNOID-ddbaad7c-38c8-4cb4-bf0d-87ed9064f021', true],
    ['TNOID-ijljqljildfiiuoieui', true],
    ['JNUOID-85f74761', false],
    ['JNUOID-85f74761-66a7', false],
    ['JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fe', false],
    ['JNUOID-1', false],
    ['JNOID-abc', false],
  ])('%s looks whole: %s', (id, whole) => {
    expect(looksLikeWholeOrderId(id)).toBe(whole);
  });
});

describe('Telegent ids', () => {
  it('checks the prefix of each kind', () => {
    expect(parseTelegentId('MRID-ad0ff867-57dc', ID_KINDS.messageRoute).ok).toBe(true);
    expect(parseTelegentId('CRID-993804Ar09099', ID_KINDS.voiceRoute).ok).toBe(true);
    expect(parseTelegentId('TSUID-1234567999', ID_KINDS.subscriber).ok).toBe(true);
    expect(parseTelegentId('AID-ceb82085', ID_KINDS.account).ok).toBe(true);
    const wrong = parseTelegentId('CRID-1', ID_KINDS.messageRoute);
    expect(wrong).toEqual({ ok: false, message: expect.stringMatching(/must start with MRID-/) });
    expect(parseTelegentId('MRID-a b', ID_KINDS.messageRoute).ok).toBe(false);
    expect(parseTelegentId(`AID-${'x'.repeat(90)}`, ID_KINDS.account).ok).toBe(false);
  });
});

describe('free text', () => {
  const rule = { max: 10, hint: 'a name' };
  it('trims and caps length', () => {
    expect(parseText('  Jane  ', rule)).toEqual({ ok: true, value: 'Jane' });
    expect(parseText('x'.repeat(11), rule)).toEqual({
      ok: false,
      message: expect.stringMatching(/at most 10/),
    });
    expect(parseText('   ', rule)).toEqual({ ok: false, message: expect.stringMatching(/required/) });
  });
  it.each(['a\nb', 'a\tb', 'a\u0000b', 'a\u202eb', 'a\u200bb', 'a\u001bb'])(
    'rejects control characters in %j',
    (raw) => {
      expect(parseText(raw, rule)).toEqual({
        ok: false,
        message: expect.stringMatching(/control characters/),
      });
    },
  );
});

describe('billing address', () => {
  it('upper-cases the state and accepts ZIP+4', () => {
    expect(
      billingAddressSchema.parse({
        street1: ' 2701 N Thanksgiving Way ',
        city: 'Lehi',
        state: 'ut',
        zip: '84043 1234',
      }),
    ).toEqual({ street1: '2701 N Thanksgiving Way', city: 'Lehi', state: 'UT', zip: '84043-1234' });
  });
  it('treats a blank street2 as absent', () => {
    expect(
      billingAddressSchema.parse({ street1: 'a', street2: '', city: 'b', state: 'PR', zip: '00601' }).street2,
    ).toBe(undefined);
  });
  it.each(['Utah', 'XX', 'U', 'ON'])('rejects the state %j', (raw) => expect(parseState(raw).ok).toBe(false));
  it.each(['8404', '840431', '84043-12', 'abcde'])('rejects the ZIP %j', (raw) =>
    expect(parseZip(raw).ok).toBe(false),
  );
});

describe('search fields and product types', () => {
  it('area codes: 3 digits, first 2–9, not N11', () => {
    expect(parseAreaCode('801')).toEqual({ ok: true, value: '801' });
    expect(parseAreaCode('(201)')).toEqual({ ok: true, value: '201' });
    for (const bad of ['123', '080', '411', '80', '8011', 'abc']) expect(parseAreaCode(bad).ok).toBe(false);
  });
  it('ZIP codes: 5 digits (ZIP+4 cut to 5)', () => {
    expect(parseZipCode('84043-1234')).toEqual({ ok: true, value: '84043' });
    for (const bad of ['8404', '00000', 'ABCDE']) expect(parseZipCode(bad).ok).toBe(false);
  });
  it('product types: any casing in, canonical out', () => {
    expect(parseProductType('sms+data+voice')).toEqual({ ok: true, value: 'Sms+Data+Voice' });
    expect(parseProductType('DATA-ONLY')).toEqual({ ok: true, value: 'Data-Only' });
    expect(parseProductType('voice-only').ok).toBe(false);
    expect(productFeatures('Sms+Data')).toEqual({ sms: true, data: true, voice: false });
  });
});
