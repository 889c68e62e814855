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

const TERMINAL = new Set(['complete', 'completed', 'cancelled', 'canceled', 'rejected', 'failed']);
const SUCCESS = new Set(['complete', 'completed']);

/** No further change is expected (Complete/Completed, Cancelled, Rejected, Failed). */
export function isTerminalOrderStatus(status: string | null | undefined): boolean {
  return status != null && TERMINAL.has(status.trim().toLowerCase());
}

export function isSuccessfulOrderStatus(status: string | null | undefined): boolean {
  return status != null && SUCCESS.has(status.trim().toLowerCase());
}
