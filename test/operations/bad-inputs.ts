import type { OperationKind } from '../../src/operations/registry.js';

// Shared by bad-inputs.test.ts and sandbox.test.ts: every one of these must be refused before any request.

export const NOW = () => new Date('2026-03-04T15:00:00Z');

const address = { street1: '2701 N Thanksgiving Way', city: 'Lehi', state: 'UT', zip: '84043' };
export const GOOD: Record<OperationKind, Record<string, unknown>> = {
  search: { areaCode: '801' },
  provision: {
    productType: 'Sms+Data',
    messageRouteId: 'MRID-ad0ff867-57dc-4aeb-80e9-9d18349080e9',
    assignedSubscriberId: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
    areaCode: '801',
  },
  'portin-eligibility': { phoneNumber: '+13136398786' },
  portin: {
    phoneNumber: '+15555551234',
    currentCarrierName: 'Verizon',
    currentAccountNumber: '46512222',
    currentAccountPassword: 'S3cretPass',
    billingAddress: address,
    assignedSubscriberId: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
  },
  'portin-update': { orderId: 'JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fed', subscriberName: 'Jane Doe' },
  'portin-cancel': { orderId: 'JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fed' },
  portout: { phoneNumber: '+17746996223', pin: '4739', verificationMethod: 'Photo ID in store' },
  limits: {
    numbers: ['+12016093801'],
    notifyValue: 8,
    throttleValue: 10,
    throttleSpeed: '1-mbps',
    limitValue: 15,
  },
  usage: { phoneNumber: '+17064491796' },
  status: { orderId: 'JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fed' },
  'subscriber-new': { name: 'Jane Doe', email: 'jane.doe@example.com' },
  park: { phoneNumber: '+18015550101' },
  activate: { phoneNumber: '+18015550101', effectiveDate: '2026-03-05' },
  'swap-sim': {
    phoneNumber: '+18015550101',
    iccid: '8901240397190195850',
    verificationMethod: 'Photo ID in store',
  },
  'cancel-line': { phoneNumber: '+18015550101', verificationMethod: 'Photo ID in store' },
  'number-update': {
    phoneNumber: '+18015550101',
    assignedSubscriberId: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
    verificationMethod: 'Photo ID in store',
  },
  plan: {
    phoneNumber: '+18015550101',
    packageId: 'PID-9a8435dc-ca6e-4a98-b761-5e6dc04447db',
    subscriptionId: 'SUB-ef84c0b5-d750-4a5a-99b1-4705089cd20c',
    currentPackageId: 'PID-203740d8-6b19-42c6-b22e-e45611d9cade',
  },
  'plan-end': { phoneNumber: '+18015550101', subscriptionId: 'SUB-ef84c0b5-d750-4a5a-99b1-4705089cd20c' },
  protect: {
    phoneNumber: '+18015550101',
    subscriberId: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
    action: 'block',
    callers: '+1 801 555 9999',
    channels: 'calls',
  },
};

export interface BadCase {
  name: string;
  kind: OperationKind;
  raw: Record<string, unknown>;
  /** The field the error must be reported on. */
  field: string;
  message: RegExp;
}

const bad = (
  kind: OperationKind,
  name: string,
  patch: Record<string, unknown>,
  field: string,
  message: RegExp,
): BadCase => {
  const raw: Record<string, unknown> = { ...GOOD[kind], ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete raw[k];
  return { name, kind, raw, field, message };
};

export const BAD_CASES: BadCase[] = [
  // search
  bad('search', 'no area code or ZIP', { areaCode: undefined }, 'areaCode', /required to search/),
  bad('search', 'area code starting with 1', { areaCode: '123' }, 'areaCode', /must start with 2–9/),
  bad('search', 'area code of 4 digits', { areaCode: '8011' }, 'areaCode', /3-digit/),
  bad('search', 'ZIP of letters', { areaCode: undefined, zipCode: 'ABCDE' }, 'zipCode', /5-digit/),
  bad('search', 'message type sms', { messageType: 'sms' }, 'messageType', /p2p/),
  // provision
  bad('provision', 'no message route', { messageRouteId: undefined }, 'messageRouteId', /required.*MRID-/),
  bad(
    'provision',
    'one SIM for several new lines',
    { count: 3, iccid: '8901240397190195850' },
    'iccid',
    /one SIM is one line/,
  ),
  bad(
    'provision',
    'message route with a voice-route id',
    { messageRouteId: 'CRID-1' },
    'messageRouteId',
    /must start with MRID-/,
  ),
  bad(
    'provision',
    'voice without a voice route',
    { productType: 'Sms+Data+Voice' },
    'voiceRouteId',
    /required when voice is on/,
  ),
  bad(
    'provision',
    'voice on a Sms+Data product',
    { voiceEnabled: true, voiceRouteId: 'CRID-1' },
    'productType',
    /no voice/,
  ),
  bad(
    'provision',
    'messaging on a Data-Only product',
    { productType: 'Data-Only', messageEnabled: true },
    'productType',
    /no messaging/,
  ),
  bad(
    'provision',
    'data on a Sms-Only product',
    { productType: 'sms-only', dataEnabled: 'true' },
    'productType',
    /no data/,
  ),
  bad(
    'provision',
    'iot with a2p',
    { numberType: 'iot', messageType: 'a2p' },
    'messageType',
    /IoT numbers can only use p2p/,
  ),
  bad('provision', 'number type voip', { numberType: 'voip' }, 'numberType', /mvno/),
  bad(
    'provision',
    'unknown product type',
    { productType: 'Unlimited' },
    'productType',
    /Sms-Only, Data-Only/,
  ),
  bad('provision', 'no product type', { productType: undefined }, 'productType', /required/),
  bad(
    'provision',
    'orphan number (no subscriber)',
    { assignedSubscriberId: undefined },
    'assignedSubscriberId',
    /required.*TSUID-/,
  ),
  bad(
    'provision',
    'subscriber with the wrong prefix',
    { assignedSubscriberId: 'SID-1' },
    'assignedSubscriberId',
    /TSUID-/,
  ),
  bad(
    'provision',
    'account with the wrong prefix',
    { accountId: 'DID-1' },
    'accountId',
    /must start with AID-/,
  ),
  bad('provision', 'ICCID with a bad check digit', { iccid: '8901240397190195851' }, 'iccid', /Luhn/),
  bad('provision', 'ICCID too short', { iccid: '89012403971901958' }, 'iccid', /19 or 20 digits/),
  bad('provision', 'messaging flag "maybe"', { messageEnabled: 'maybe' }, 'messageEnabled', /true or false/),
  // port-in eligibility
  bad(
    'portin-eligibility',
    'UK number',
    { phoneNumber: '+44 20 7946 0958' },
    'phoneNumber',
    /only US\/Canada \(\+1\)/,
  ),
  bad(
    'portin-eligibility',
    'classification landline',
    { targetClassification: 'landline' },
    'targetClassification',
    /mvno or iot/,
  ),
  // port-in
  bad(
    'portin',
    'orphan number (no subscriber)',
    { assignedSubscriberId: undefined },
    'assignedSubscriberId',
    /required.*TSUID-/,
  ),
  bad('portin', 'number too short', { phoneNumber: '555-1234' }, 'phoneNumber', /10 digits/),
  bad('portin', 'no carrier', { currentCarrierName: '  ' }, 'currentCarrierName', /required/),
  bad(
    'portin',
    'carrier name too long',
    { currentCarrierName: 'V'.repeat(101) },
    'currentCarrierName',
    /at most 100/,
  ),
  bad('portin', 'no account number', { currentAccountNumber: undefined }, 'currentAccountNumber', /required/),
  bad(
    'portin',
    'account number too long',
    { currentAccountNumber: '1'.repeat(41) },
    'currentAccountNumber',
    /at most 40/,
  ),
  bad(
    'portin',
    'password with a newline',
    { currentAccountPassword: 'pass\nword' },
    'currentAccountPassword',
    /control characters/,
  ),
  bad('portin', 'no billing address', { billingAddress: undefined }, 'billingAddress', /required/),
  bad(
    'portin',
    'billing state spelled out',
    { billingAddress: { ...address, state: 'Utah' } },
    'billingAddress.state',
    /2-letter/,
  ),
  bad(
    'portin',
    'billing ZIP of 4 digits',
    { billingAddress: { ...address, zip: '8404' } },
    'billingAddress.zip',
    /5-digit/,
  ),
  bad(
    'portin',
    'billing street missing',
    { billingAddress: { ...address, street1: '' } },
    'billingAddress.street1',
    /required/,
  ),
  bad('portin', 'port date on a Saturday', { portInDate: '2026-03-07' }, 'portInDate', /Saturday/),
  bad('portin', 'port date on Memorial Day', { portInDate: '05/25/2026' }, 'portInDate', /Memorial Day/),
  bad('portin', 'port date in the past', { portInDate: '2026-03-02' }, 'portInDate', /not in the future/),
  bad(
    'portin',
    'wireline without a port date',
    { eligibility: { eligible: true, numberType: 'landline' } },
    'portInDate',
    /required for a landline/,
  ),
  bad('portin', 'ineligible number', { eligibility: { eligible: false } }, 'phoneNumber', /not eligible/),
  bad(
    'portin',
    'subscriber name with control chars',
    { subscriberName: 'Jane\u0007Doe' },
    'subscriberName',
    /control characters/,
  ),
  // port-in update / cancel / status
  bad(
    'portin-update',
    'nothing to change',
    { subscriberName: undefined },
    '_form',
    /change at least one field/,
  ),
  bad(
    'portin-update',
    'OrderId with SQL',
    { orderId: "JNUOID-1'; DROP TABLE orders;--" },
    'orderId',
    /letters, digits and dashes/,
  ),
  bad(
    'portin-update',
    'port date that is not a date',
    { portInDate: '2026-13-01' },
    'portInDate',
    /not a real date/,
  ),
  bad(
    'portin-cancel',
    'OrderId without a prefix',
    { orderId: '6c058364-66a7' },
    'orderId',
    /must start with JNUOID-/,
  ),
  bad('portin-cancel', 'huge OrderId', { orderId: `JNUOID-${'a'.repeat(5000)}` }, 'orderId', /too long/),
  bad('status', 'no OrderId', { orderId: undefined }, 'orderId', /required/),
  // port-out
  bad('portout', 'PIN of 3 digits', { pin: '123' }, 'pin', /4–10 digits long/),
  bad('portout', 'PIN with letters', { pin: '12ab' }, 'pin', /digits only/),
  bad('portout', 'PIN of 11 digits', { pin: '12345678901' }, 'pin', /4–10 digits long/),
  bad('portout', 'number with letters', { phoneNumber: '1-800-FLOWERS' }, 'phoneNumber', /digits only/),
  // limits
  bad('limits', 'notify equal to throttle', { notifyValue: 10 }, 'notifyValue', /strictly ascending/),
  bad('limits', 'throttle above limit', { throttleValue: 20 }, 'throttleValue', /less than the limit/),
  bad('limits', 'limit of zero', { limitValue: 0 }, 'limitValue', /greater than 0/),
  bad('limits', 'fractional notify', { notifyValue: 2.5 }, 'notifyValue', /whole number/),
  bad('limits', 'no limit', { limitValue: undefined }, 'limitValue', /required/),
  bad('limits', 'undocumented speed', { throttleSpeed: '2-mbps' }, 'throttleSpeed', /64-kbps/),
  bad(
    'limits',
    'throttle without speed',
    { throttleSpeed: undefined },
    'throttleSpeed',
    /required when a throttle value/,
  ),
  bad(
    'limits',
    'a million GB (over the cap once in MB)',
    { limitValue: 1_000_000, valueUnit: 'GB' },
    'limitValue',
    /at most/,
  ),
  bad('limits', 'unit PB', { valueUnit: 'PB' }, 'valueUnit', /MB or GB/),
  bad('limits', 'unit KB (Telegent takes MB)', { valueUnit: 'KB' }, 'valueUnit', /MB or GB/),
  bad('limits', 'unit TB (Telegent takes MB)', { valueUnit: 'TB' }, 'valueUnit', /MB or GB/),
  bad(
    'limits',
    'a bad number in the list',
    { numbers: '8015551234, 12345' },
    'numbers',
    /"12345" is not a US number/,
  ),
  bad('limits', 'no numbers', { numbers: '' }, 'numbers', /required/),
  bad(
    'limits',
    'too many numbers',
    { numbers: Array.from({ length: 101 }, (_, i) => `+1801555${String(1000 + i)}`) },
    'numbers',
    /at most 100/,
  ),
  // usage
  bad('usage', 'number as a JSON number', { phoneNumber: 8015551234 }, 'phoneNumber', /US number/),
  // new subscriber
  bad('subscriber-new', 'no name', { name: '  ' }, 'name', /required; the subscriber's full name/),
  bad('subscriber-new', 'email without a domain', { email: 'jane@' }, 'email', /is not an email address/),
  bad('subscriber-new', 'email with a space', { email: 'jane doe@example.com' }, 'email', /not an email/),
  bad('subscriber-new', 'role Account Admin', { role: 'Account Admin' }, 'role', /Subscriber .* or Manager/),
  bad('subscriber-new', 'account id of a subscriber', { accountId: 'TSUID-1' }, 'accountId', /AID-/),
  // line changes
  bad('park', 'no number', { phoneNumber: undefined }, 'phoneNumber', /required/),
  bad('park', 'effective yesterday', { effectiveDate: '2026-03-02' }, 'effectiveDate', /in the past/),
  bad(
    'activate',
    'effective in a year',
    { effectiveDate: '2027-03-05' },
    'effectiveDate',
    /more than 90 days/,
  ),
  bad('cancel-line', 'not a date', { effectiveDate: '31/12/2026' }, 'effectiveDate', /YYYY-MM-DD/),
  bad('swap-sim', 'ICCID failing Luhn', { iccid: '8901240397190195851' }, 'iccid', /check digit|Luhn/i),
  bad('swap-sim', 'ICCID too short', { iccid: '89012403' }, 'iccid', /19- or 20-digit/),
  // number update
  bad(
    'number-update',
    'nothing to change',
    { assignedSubscriberId: undefined },
    '_form',
    /change at least one field/,
  ),
  bad(
    'number-update',
    'a route id as subscriber',
    { assignedSubscriberId: 'MRID-1' },
    'assignedSubscriberId',
    /TSUID-/,
  ),
  bad('number-update', 'ICCID failing Luhn', { iccid: '8901240397190195851' }, 'iccid', /Luhn/),
  bad(
    'number-update',
    'caller ID name of 16 characters',
    { cnamFirstName: 'Abcdefghijklmnop' },
    'cnamFirstName',
    /at most 15/,
  ),
  bad(
    'plan',
    'the plan the line is on already',
    { packageId: 'PID-203740d8-6b19-42c6-b22e-e45611d9cade' },
    'packageId',
    /on this plan already/,
  ),
  bad(
    'plan',
    'a first plan for a number with no subscriber',
    { subscriptionId: undefined, currentPackageId: undefined, tnid: 'NID-1' },
    'phoneNumber',
    /no subscriber/,
  ),
  bad('plan-end', 'no subscription named', { subscriptionId: '' }, 'subscriptionId', /required/),
  // protect (AI Guardian)
  bad(
    'protect',
    'not a number',
    { callers: '+18015559999, spam' },
    'callers',
    /"spam" is not a phone number/,
  ),
  bad('protect', 'the line itself', { callers: '(801) 555-0101' }, 'callers', /the line itself/),
  bad(
    'protect',
    '51 numbers',
    { callers: Array.from({ length: 51 }, (_, i) => `+1801555${String(2000 + i)}`).join(', ') },
    'callers',
    /at most 50/,
  ),
  bad('protect', 'no numbers', { callers: '' }, 'callers', /required/),
  bad('protect', 'neither calls nor texts', { channels: undefined }, 'channels', /calls, texts or both/),
  bad('protect', 'text filter without a mode', { action: 'text-mode' }, 'textMode', /Active/),
];
