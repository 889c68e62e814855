import { isSuccessfulOrderStatus, isTerminalOrderStatus } from '../telegent/order-status.js';

/** One glyph per kind of order status, the same in every message. */
export function statusEmoji(status: string | null | undefined): string {
  if (isSuccessfulOrderStatus(status)) return ':white_check_mark:';
  if (status && /^cancel/i.test(status)) return ':no_entry_sign:';
  if (isTerminalOrderStatus(status)) return ':x:';
  if (status && /error|resolution|rejected/i.test(status)) return ':warning:';
  return ':hourglass_flowing_sand:';
}
