import { describe, expect, it } from 'vitest';
import { MASK, redactInput } from '../../src/operations/operation.js';
import { getOperation, OPERATION_KINDS, operations } from '../../src/operations/registry.js';
import { validateInput } from '../../src/operations/validation-errors.js';

const now = () => new Date('2026-03-04T15:00:00Z');

function valid<K extends keyof typeof operations>(kind: K, raw: unknown) {
  const result = validateInput(operations[kind], raw, { now });
  if (!result.ok) throw new Error(`expected valid ${kind}: ${JSON.stringify(result.errors)}`);
  return result.value;
}

const PORT_IN_RAW = {
  phoneNumber: '(555) 555-1234',
  currentCarrierName: 'Verizon',
  currentAccountNumber: '46512222',
  currentAccountPassword: 'S3cretPass',
  assignedSubscriberId: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
  targetClassification: 'MVNO',
  subscriberName: 'Jane Doe',
  iccid: '8901240397190195850',
  billingAddress: {
    street1: '2701 N Thanksgiving Way',
    street2: 'Suite 202',
    city: 'Lehi',
    state: 'ut',
    zip: '84043',
  },
};

describe('registry', () => {
  it('has one operation per kind, keyed by its kind', () => {
    expect(Object.keys(operations).sort()).toEqual([...OPERATION_KINDS].sort());
    for (const kind of OPERATION_KINDS) {
      expect(getOperation(kind).kind).toBe(kind);
      expect(getOperation(kind).title).not.toBe('');
    }
  });

  it('marks exactly the writes as mutating and names the secret fields', () => {
    const mutating = OPERATION_KINDS.filter((k) => operations[k].mutates).sort();
    expect(mutating).toEqual([
      'activate',
      'cancel-line',
      'limits',
      'number-update',
      'park',
      'plan',
      'plan-end',
      'portin',
      'portin-cancel',
      'portin-update',
      'portout',
      'protect',
      'provision',
      'subscriber-new',
      'swap-sim',
    ]);
    expect(operations.portin.secretFields).toEqual(['currentAccountNumber', 'currentAccountPassword']);
    expect(operations['portin-update'].secretFields).toEqual([
      'currentAccountNumber',
      'currentAccountPassword',
    ]);
    expect(operations.portout.secretFields).toEqual(['pin']);
    expect(operations['subscriber-new'].secretFields).toEqual(['password']);
  });
});

describe('toTelegent: the documented PascalCase bodies', () => {
  it('search', () => {
    expect(operations.search.toTelegent(valid('search', { areaCode: '201', messageType: 'P2P' }))).toEqual({
      NumberType: 'mobile',
      MessageType: 'p2p',
      MessageEnabled: true,
      VoiceEnabled: true,
      AreaCode: '201',
    });
    expect(operations.search.toTelegent(valid('search', { zipCode: '84043', voiceEnabled: false }))).toEqual({
      NumberType: 'mobile',
      MessageEnabled: true,
      VoiceEnabled: false,
      ZipCode: '84043',
    });
  });

  it('provision (voice on, an explicit AID- account)', () => {
    const input = valid('provision', {
      productType: 'sms+data+voice',
      messageRouteId: 'MRID-ad0ff867-57dc-4aeb-80e9-9d18349080e9',
      voiceRouteId: 'CRID-509de94f-79cc-429b-a317-2102654dabbb',
      areaCode: '201',
      iccid: '8901240397190195850',
      assignedSubscriberId: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
      accountId: 'AID-ceb82085-2725-45a1-bd5e-526ed19799d7',
    });
    expect(operations.provision.toTelegent(input)).toEqual({
      NumberType: 'mvno',
      MessageType: 'p2p',
      MessageEnabled: true,
      VoiceEnabled: true,
      DataEnabled: true,
      MessageRouteId: 'MRID-ad0ff867-57dc-4aeb-80e9-9d18349080e9',
      VoiceRouteId: 'CRID-509de94f-79cc-429b-a317-2102654dabbb',
      AreaCode: '201',
      ICCID: '8901240397190195850',
      ProductType: 'Sms+Data+Voice',
      AssignedSubscriberId: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
      AccountId: 'AID-ceb82085-2725-45a1-bd5e-526ed19799d7',
    });
  });

  it('provision (iot data-only with messaging off; features follow the product)', () => {
    const input = valid('provision', {
      productType: 'DATA-ONLY',
      numberType: 'iot',
      messageEnabled: false,
      messageRouteId: 'MRID-1',
      assignedSubscriberId: 'TSUID-1',
      zipCode: '84043',
    });
    expect(operations.provision.toTelegent(input)).toEqual({
      NumberType: 'iot',
      MessageType: 'p2p',
      MessageEnabled: false,
      VoiceEnabled: false,
      DataEnabled: true,
      ProductType: 'Data-Only',
      MessageRouteId: 'MRID-1',
      ZipCode: '84043',
      AssignedSubscriberId: 'TSUID-1',
    });
  });

  it('port-in eligibility', () => {
    expect(
      operations['portin-eligibility'].toTelegent(valid('portin-eligibility', { phoneNumber: '3136398786' })),
    ).toEqual({
      PhoneNumber: '+13136398786',
      TargetClassification: 'mvno',
    });
  });

  it('port-in submit', () => {
    const input = valid('portin', { ...PORT_IN_RAW, portInDate: '03/10/2026' });
    expect(operations.portin.toTelegent(input)).toEqual({
      PortInNumber: '+15555551234',
      ICCID: '8901240397190195850',
      CurrentCarrierName: 'Verizon',
      CurrentAccountNumber: '46512222',
      CurrentAccountPassword: 'S3cretPass',
      TargetPortinClassification: 'mvno',
      SubscriberName: 'Jane Doe',
      AssignedSubscriberId: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
      PortInDate: '2026-03-10',
      CurrentBillingAddress: {
        Street1: '2701 N Thanksgiving Way',
        Street2: 'Suite 202',
        City: 'Lehi',
        State: 'UT',
        Zip: '84043',
      },
    });
  });

  it('port-in update sends only what changes', () => {
    const input = valid('portin-update', {
      orderId: 'JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fed',
      currentAccountNumber: '7617',
      currentAccountPassword: '0813',
      portInDate: '04/23/2026',
      subscriberName: '',
    });
    expect(operations['portin-update'].toTelegent(input)).toEqual({
      OrderId: 'JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fed',
      CurrentAccountNumber: '7617',
      CurrentAccountPassword: '0813',
      PortInDate: '2026-04-23',
    });
  });

  it('port-in cancel, port-out, status', () => {
    expect(
      operations['portin-cancel'].toTelegent(valid('portin-cancel', { orderId: 'JNUOID-6e3eb213' })),
    ).toEqual({
      OrderId: 'JNUOID-6e3eb213',
    });
    expect(
      operations.portout.toTelegent(
        valid('portout', {
          verificationMethod: 'Photo ID in store',
          phoneNumber: '+1 774 699 6223',
          pin: '1234',
        }),
      ),
    ).toEqual({
      PortOutNumber: '+17746996223',
      PortOutPIN: '1234',
    });
    expect(operations.status.toTelegent(valid('status', { orderId: 'JNOID-ddbaad7c' }))).toEqual({
      OrderId: 'JNOID-ddbaad7c',
    });
  });

  it('data limits', () => {
    const input = valid('limits', {
      numbers: '+12016093801, (223) 223-3180',
      notifyValue: 8,
      throttleValue: '10',
      throttleSpeed: '1-MBPS',
      limitValue: 15,
    });
    expect(operations.limits.toTelegent(input)).toEqual({
      ValueUnit: 'MB',
      NotifyValue: 8,
      ThrottleValue: 10,
      ThrottleSpeed: '1-mbps',
      LimitValue: 15,
      PhoneNumbers: [{ Number: '+12016093801' }, { Number: '+12232233180' }],
    });
  });

  it('usage', () => {
    expect(operations.usage.toTelegent(valid('usage', { phoneNumber: '706-449-1796' }))).toEqual({
      PhoneNumbers: [{ Number: '+17064491796' }],
    });
  });
});

describe('port-out PIN generation', () => {
  it('puts a generated PIN into the validated input when none is given, and keeps a given one', () => {
    const generated = valid('portout', {
      verificationMethod: 'Photo ID in store',
      phoneNumber: '8015551234',
    });
    expect(generated.pin).toMatch(/^\d{6}$/);
    expect(
      valid('portout', { verificationMethod: 'Photo ID in store', phoneNumber: '8015551234', pin: '' }).pin,
    ).toMatch(/^\d{6}$/);
    expect(
      valid('portout', { verificationMethod: 'Photo ID in store', phoneNumber: '8015551234', pin: '4321' })
        .pin,
    ).toBe('4321');
    // Re-validating a stored input keeps its PIN.
    expect(valid('portout', generated).pin).toBe(generated.pin);
  });
});

describe('summaries never contain secret values', () => {
  const portIn = valid('portin', { ...PORT_IN_RAW, portInDate: '2026-03-10' });
  const update = valid('portin-update', {
    orderId: 'JNUOID-1',
    currentAccountNumber: '99887766',
    currentAccountPassword: 'hunter2pass',
  });
  const portOut = valid('portout', {
    verificationMethod: 'Photo ID in store',
    phoneNumber: '8015551234',
    pin: '73915',
  });
  const generated = valid('portout', { verificationMethod: 'Photo ID in store', phoneNumber: '8015551234' });

  it.each([
    ['portin', portIn, ['46512222', 'S3cretPass']],
    ['portin-update', update, ['99887766', 'hunter2pass']],
    ['portout', portOut, ['73915']],
    ['portout', generated, [generated.pin]],
  ] as const)('%s', (kind, input, secrets) => {
    // biome-ignore lint/suspicious/noExplicitAny: the table mixes input types
    const summary = (operations[kind] as any).summary(input) as string;
    expect(summary).toContain(MASK);
    for (const secret of secrets) expect(summary).not.toContain(secret);
    // biome-ignore lint/suspicious/noExplicitAny: the table mixes input types
    const redacted = JSON.stringify(redactInput(operations[kind] as any, input));
    for (const secret of secrets) expect(redacted).not.toContain(secret);
  });

  it('still says what is being done', () => {
    expect(operations.portin.summary(portIn)).toMatch(
      /Port-in of \(555\) 555-1234 from Verizon as a phone line.*port date Tue, Mar 10/,
    );
    expect(operations['portin-update'].summary(update)).toMatch(
      /Update port-in JNUOID-1: account number ••••; PIN\/password ••••/,
    );
    expect(operations.portout.summary(portOut)).toMatch(/port-out PIN for \(801\) 555-1234/);
    const limits = valid('limits', { numbers: '8015551234 8015551235', limitValue: 20, notifyValue: 10 });
    expect(operations.limits.summary(limits)).toBe(
      'Set data limits on (801) 555-1234, (801) 555-1235 (2 numbers): notify at 10 MB, limit 20 MB',
    );
  });
});

describe('port-in rules that depend on the eligibility answer', () => {
  it('requires a port date for wireline numbers', () => {
    const r = validateInput(
      operations.portin,
      { ...PORT_IN_RAW, eligibility: { eligible: true, numberType: 'landline' } },
      { now },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.portInDate).toMatch(/^Port-in date: required for a landline/);
    expect(
      validateInput(
        operations.portin,
        { ...PORT_IN_RAW, portInDate: '2026-03-10', eligibility: { eligible: true, numberType: 'landline' } },
        { now },
      ).ok,
    ).toBe(true);
    expect(
      validateInput(
        operations.portin,
        { ...PORT_IN_RAW, eligibility: { eligible: true, numberType: 'mobile' } },
        { now },
      ).ok,
    ).toBe(true);
  });

  it('refuses a number the eligibility check said is not portable', () => {
    const r = validateInput(
      operations.portin,
      {
        ...PORT_IN_RAW,
        eligibility: { eligible: false, message: 'Number is not portable to the requested classification' },
      },
      { now },
    );
    expect(r).toEqual({
      ok: false,
      errors: { phoneNumber: expect.stringMatching(/^Phone number: not eligible.*not portable/) },
    });
  });
});
