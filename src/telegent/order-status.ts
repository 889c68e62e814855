/** Every order status Telegent's documents mention. The API passes carrier states through. */
export const KNOWN_ORDER_STATUSES = [
  'Pending',
  'Submitted',
  'InProgress',
  'Processing',
  'Pending Carrier Approval',
  'Scheduled',
  'ResolutionRequired',
  'Error',
  'Updated',
  'Approved',
  'Complete',
  'Completed',
  'Cancelled',
  'Rejected',
  'Failed',
] as const;

export type KnownOrderStatus = (typeof KNOWN_ORDER_STATUSES)[number];

/** An open enum: the known values, plus any other string Telegent may send. */
export type OrderStatus = KnownOrderStatus | (string & {});

/**
 * Final: no further change is expected and nothing more can be done to the order. Rejected is NOT final
 * (Telegent's corrected reference): the carrier refused, but the order still exists at Telegent and blocks a
 * new port-in of the number, so it can still be fixed with an update or cancelled, and it is still watched.
 */
const TERMINAL = new Set(['complete', 'completed', 'cancelled', 'canceled', 'failed']);
const SUCCESS = new Set(['complete', 'completed']);

/** No further change is expected (Complete/Completed, Cancelled, Failed): one definition for the whole app. */
export function isTerminalOrderStatus(status: string | null | undefined): boolean {
  return status != null && TERMINAL.has(status.trim().toLowerCase());
}

/** A status the carrier refused a port-in with: fixable with an update (Error, ResolutionRequired, Rejected). */
export function needsCarrierFix(status: string | null | undefined): boolean {
  return typeof status === 'string' && /^(error|rejected|resolutionrequired)$/i.test(status.trim());
}

/** The carrier refused the port-in; the order stays open at Telegent until it is fixed or cancelled. */
export function isRejectedOrderStatus(status: string | null | undefined): boolean {
  return status != null && status.trim().toLowerCase() === 'rejected';
}

export function isSuccessfulOrderStatus(status: string | null | undefined): boolean {
  return status != null && SUCCESS.has(status.trim().toLowerCase());
}
