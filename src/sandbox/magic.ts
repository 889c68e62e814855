/**
 * Magic inputs: values that make the sandbox answer in a chosen, deterministic way.
 * Tests and drills import these instead of repeating literals. Documented in docs/sandbox.md.
 */

/** Carrier reject codes the sandbox puts in `OrderStatusMessage` (reference §3). */
export const CARRIER_CODES = {
  accountNumber: '8A-ACCOUNT_NUM_REQ_OR_INCORRECT',
  numberLock: '6P-REMOVE NUMBER LOCK ON VERIZON ACCOUNT',
  other: '1P-Other',
  transferPin: '6B',
} as const;

export const REJECTED_MESSAGE = 'Rejected by losing carrier: account has a hold';

// --- provision ---
/** Provision with this ZipCode: OrderStatus 'Pending', 'Complete' after PROVISION_PENDING_MINUTES. */
export const PROVISION_PENDING_ZIP_CODE = '84999';
/** Provision with this AreaCode: 409 "Phone number already in use" (the number was taken meanwhile). */
export const PROVISION_IN_USE_AREA_CODE = '999';
/** Provision with this AreaCode: 404, no numbers left in the area. Availability returns no areas. */
export const PROVISION_EMPTY_AREA_CODE = '900';

// --- port-in (checked on every (re)submission, first match wins, in this order) ---
/** CurrentAccountNumber → Error '8A-ACCOUNT_NUM_REQ_OR_INCORRECT'. Fix it with portin/update. */
export const PORTIN_BAD_ACCOUNT_NUMBER = '0000';
/** CurrentAccountNumber → Rejected (not final: an update resubmits it, a cancel ends it; a new port-in gets 409). */
export const PORTIN_REJECTED_ACCOUNT_NUMBER = '9999';
/** CurrentAccountPassword → Error '6B' (transfer PIN). Fix it with portin/update. */
export const PORTIN_BAD_TRANSFER_PIN = '0000';
/** SubscriberName (case-insensitive) → Error '1P-Other'. Fix it with portin/update. */
export const PORTIN_MISMATCHED_NAME = 'Name Mismatch';
/** PortInNumber ending → Error '6P-…NUMBER LOCK…' on the first attempt only; any update resubmits and succeeds. */
export const PORTIN_LOCKED_NUMBER_SUFFIX = '0000';

// --- number update ---
/** numbers/update with this CnamFirstName: 200 with UpdateOrderStatus 'Failed', nothing changed. */
export const NUMBER_UPDATE_FAILED_CNAM = 'Failupdate';

// --- eligibility ---
/** PhoneNumber ending → Eligible false; a port-in of it is a 400. */
export const INELIGIBLE_NUMBER_SUFFIX = '1111';
/** PhoneNumber ending → wireline/landline: eligible, but port-in requires PortInDate. */
export const WIRELINE_NUMBER_SUFFIX = '2222';

/** Ready-made examples of the above. */
export const MAGIC_NUMBERS = {
  locked: '+14155550000',
  ineligible: '+13855551111',
  wireline: '+12125552222',
  /** A plain mobile number that ports without trouble. */
  portable: '+15125550123',
} as const;

export interface PortinOutcome {
  status: 'Error' | 'Rejected';
  message: string;
}

export function portinFailure(
  input: { number: string; accountNumber: string; password: string; subscriberName: string | null },
  attempt: number,
): PortinOutcome | undefined {
  if (input.accountNumber === PORTIN_BAD_ACCOUNT_NUMBER)
    return { status: 'Error', message: CARRIER_CODES.accountNumber };
  if (input.accountNumber === PORTIN_REJECTED_ACCOUNT_NUMBER)
    return { status: 'Rejected', message: REJECTED_MESSAGE };
  if (input.password === PORTIN_BAD_TRANSFER_PIN)
    return { status: 'Error', message: CARRIER_CODES.transferPin };
  if (input.subscriberName?.toLowerCase() === PORTIN_MISMATCHED_NAME.toLowerCase())
    return { status: 'Error', message: CARRIER_CODES.other };
  if (attempt === 1 && input.number.endsWith(PORTIN_LOCKED_NUMBER_SUFFIX))
    return { status: 'Error', message: CARRIER_CODES.numberLock };
  return undefined;
}

export type LineKind = 'mobile' | 'wireline' | 'ineligible';

export function lineKind(number: string): LineKind {
  if (number.endsWith(INELIGIBLE_NUMBER_SUFFIX)) return 'ineligible';
  if (number.endsWith(WIRELINE_NUMBER_SUFFIX)) return 'wireline';
  return 'mobile';
}

const MOBILE_CARRIERS = ['Verizon', 'AT&T', 'T-Mobile', 'US Cellular'] as const;
const WIRELINE_CARRIERS = ['Comcast', 'Lumen'] as const;

/** The losing carrier, derived from the digits so it never changes for a number. */
export function currentCarrier(number: string): string {
  const sum = [...number].reduce((acc, ch) => acc + (ch >= '0' && ch <= '9' ? Number(ch) : 0), 0);
  const list = lineKind(number) === 'mobile' ? MOBILE_CARRIERS : WIRELINE_CARRIERS;
  return list[sum % list.length] ?? 'Verizon';
}
