import { AREA_CODE_HINT } from './fields/area-code.js';
import { STATE_HINT, ZIP_HINT } from './fields/billing-address.js';
import { LIMIT_VALUE_HINT, THROTTLE_SPEED_HINT, VALUE_UNIT_HINT } from './fields/data-limits.js';
import { EFFECTIVE_DATE_HINT } from './fields/effective-date.js';
import { GUARDIAN_NUMBERS_HINT } from './fields/guardian-numbers.js';
import { ICCID_HINT } from './fields/iccid.js';
import { LINE_COUNT_HINT } from './fields/line-count.js';
import { ORDER_ID_HINT } from './fields/order-id.js';
import { PHONE_NUMBER_HINT } from './fields/phone-number.js';
import { PHONE_NUMBER_LIST_HINT } from './fields/phone-number-list.js';
import { PORT_IN_DATE_HINT } from './fields/port-in-date.js';
import { PIN_HINT } from './fields/port-out-pin.js';
import { PRODUCT_TYPE_HINT } from './fields/product-type.js';
import { ID_KINDS, telegentIdHint } from './fields/telegent-ids.js';
import { VERIFICATION_METHOD_HINT } from './fields/verification-method.js';
import { ZIP_CODE_HINT } from './fields/zip-code.js';

export interface FieldLabel {
  /** Human name of the field, as a support engineer would say it. */
  label: string;
  /** What a valid value looks like. */
  hint: string;
}

const id = telegentIdHint;

/** Every input field of every operation, by camelCase (dotted for nested) name. */
export const FIELD_LABELS: Record<string, FieldLabel> = {
  _form: { label: 'Request', hint: 'check the fields' },
  phoneNumber: { label: 'Phone number', hint: PHONE_NUMBER_HINT },
  reason: {
    label: 'Reason / ticket',
    hint: 'why this is needed, or the ticket number: approvers read it, the audit log keeps it',
  },
  numbers: { label: 'Phone numbers', hint: PHONE_NUMBER_LIST_HINT },
  verificationMethod: { label: 'How was the customer verified?', hint: VERIFICATION_METHOD_HINT },
  messageRouteId: { label: 'Message route', hint: id(ID_KINDS.messageRoute) },
  voiceRouteId: { label: 'Voice route', hint: id(ID_KINDS.voiceRoute) },
  assignedSubscriberId: { label: 'Subscriber', hint: id(ID_KINDS.subscriber) },
  accountId: { label: 'Account', hint: id(ID_KINDS.account) },
  iccid: { label: 'ICCID (SIM number)', hint: ICCID_HINT },
  packageId: { label: 'Plan', hint: 'what the line is billed on: one of the account’s plans' },
  productType: { label: 'Product type', hint: PRODUCT_TYPE_HINT },
  numberType: { label: 'Number type', hint: 'mvno or iot' },
  messageType: { label: 'Message type', hint: 'p2p or a2p' },
  messageEnabled: { label: 'Messaging enabled', hint: 'true or false' },
  voiceEnabled: { label: 'Voice enabled', hint: 'true or false' },
  dataEnabled: { label: 'Data enabled', hint: 'true or false' },
  areaCode: { label: 'Area code', hint: AREA_CODE_HINT },
  count: { label: 'How many numbers', hint: LINE_COUNT_HINT },
  zipCode: { label: 'ZIP code', hint: ZIP_CODE_HINT },
  pageNumber: { label: 'Page', hint: 'a page number, 1 or more' },
  currentCarrierName: { label: 'Current carrier', hint: 'the current (losing) carrier, e.g. Verizon' },
  currentAccountNumber: {
    label: 'Current account number',
    hint: 'the account number at the current carrier',
  },
  currentAccountPassword: {
    label: 'Current account PIN/password',
    hint: 'the account PIN or password at the current carrier',
  },
  billingAddress: {
    label: 'Billing address',
    hint: 'street, city, state and ZIP of the current carrier account',
  },
  'billingAddress.street1': {
    label: 'Billing street',
    hint: 'the street address, e.g. 2701 N Thanksgiving Way',
  },
  'billingAddress.street2': { label: 'Billing street line 2', hint: 'suite, unit or apartment (optional)' },
  'billingAddress.city': { label: 'Billing city', hint: 'the city, e.g. Lehi' },
  'billingAddress.state': { label: 'Billing state', hint: STATE_HINT },
  'billingAddress.zip': { label: 'Billing ZIP', hint: ZIP_HINT },
  subscriberName: {
    label: 'Name on the carrier account',
    hint: 'the name on the current carrier account, e.g. Jane Doe',
  },
  portInDate: { label: 'Port-in date', hint: PORT_IN_DATE_HINT },
  effectiveDate: { label: 'Effective date', hint: EFFECTIVE_DATE_HINT },
  cnamFirstName: { label: 'Caller ID first name', hint: 'at most 15 characters' },
  cnamLastName: { label: 'Caller ID last name', hint: 'at most 15 characters' },
  name: { label: 'Name', hint: "the subscriber's full name, e.g. Jane Doe" },
  email: { label: 'Email', hint: 'an email address like jane@example.com (unique at Telegent)' },
  role: { label: 'Role', hint: 'Subscriber or Manager' },
  targetClassification: { label: 'Target classification', hint: 'mvno or iot' },
  eligibility: { label: 'Eligibility check', hint: 'run the eligibility check first' },
  orderId: { label: 'Order ID', hint: `enter ${ORDER_ID_HINT}` },
  pin: { label: 'Port-out PIN', hint: PIN_HINT },
  notifyValue: { label: 'Notify at', hint: LIMIT_VALUE_HINT },
  throttleValue: { label: 'Throttle at', hint: LIMIT_VALUE_HINT },
  limitValue: { label: 'Data limit', hint: LIMIT_VALUE_HINT },
  throttleSpeed: { label: 'Throttle speed', hint: THROTTLE_SPEED_HINT },
  valueUnit: { label: 'Unit', hint: VALUE_UNIT_HINT },
  // AI Guardian (protect): what a Block… / Unblock… / Allow… form is for, and the text filter's mode.
  callers: { label: 'Numbers', hint: GUARDIAN_NUMBERS_HINT },
  channels: { label: 'For', hint: 'calls, texts, or both' },
  textMode: { label: 'Text filter', hint: 'Active, Monitor only or Paused' },
  action: { label: 'Change', hint: 'block, unblock, allow or the text filter' },
  everyoneElse: { label: 'Everyone else', hint: 'keep as it is, blocked, or let through' },
  lists: { label: 'Take them off', hint: 'the blocked list, the allowed list, or both' },
};

/** Label for a dotted path; array items become "Phone numbers (item 3)". */
export function fieldLabel(path: string): FieldLabel {
  const known = FIELD_LABELS[path];
  if (known) return known;
  const parts = path.split('.');
  const last = parts.at(-1) ?? '';
  if (/^\d+$/.test(last)) {
    const parent = fieldLabel(parts.slice(0, -1).join('.'));
    return { label: `${parent.label} (item ${Number(last) + 1})`, hint: parent.hint };
  }
  const fallback = FIELD_LABELS[last];
  if (fallback) return fallback;
  // Unknown name: "someFieldName" → "Some field name".
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return { label: words.charAt(0).toUpperCase() + words.slice(1) || 'Request', hint: 'check this value' };
}
