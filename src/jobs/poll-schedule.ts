import { orderTraits } from '../operations/registry.js';
import type { OrderRecord } from '../store/orders-repo.js';
import { needsCarrierFix } from '../telegent/order-status.js';

/**
 * How the poller spends its share of Telegent's rate limit. Every open order is read in turn, the longest
 * unread first, as fast as the budget allows: with B reads per minute and N open orders each is read about
 * every N / B minutes, so a change at Telegent reaches Slack in about N / (2B) on average — the best any
 * poller can do within that budget. Some orders are worth reading more often (their weight).
 */
export interface PollPolicy {
  /** ORDER_POLL_MIN_SECONDS: no order is read more often than this, however much budget is left. */
  minSeconds: number;
  /**
   * ORDER_POLL_MAX_SECONDS: every open order is read at least this often — the guide's "poll daily" as a
   * floor. When N orders need more than the share for that, the budget grows to N / maxSeconds.
   */
  maxSeconds: number;
}

/** An order near its port date or refused by the carrier is read this many times as often as a quiet one. */
export const URGENT_WEIGHT = 4;

/**
 * The port date in any US time zone: from 6 h before its UTC start to 10 h after its UTC end. Port-ins
 * complete (or fail) then, and the person is waiting for it.
 */
function inPortDateWindow(portInDate: string | null, now: Date): boolean {
  if (!portInDate) return false;
  const portDay = Date.parse(`${portInDate}T00:00:00Z`);
  if (Number.isNaN(portDay)) return false;
  const t = now.getTime();
  return t >= portDay - 6 * 3_600_000 && t < portDay + 86_400_000 + 10 * 3_600_000;
}

/**
 * How many times as often as a quiet order this one should be read, given the status just read: a port-in
 * on its port date, or one the carrier refused (someone is fixing it; Telegent resubmits), is urgent.
 */
export function pollWeight(
  order: Pick<OrderRecord, 'kind' | 'portInDate'>,
  status: string,
  now: Date,
): number {
  if (!orderTraits(order.kind).portIn) return 1;
  return needsCarrierFix(status) || inPortDateWindow(order.portInDate, now) ? URGENT_WEIGHT : 1;
}

/**
 * Background reads per minute for all replicas together: `share` of Telegent's limit, raised when that
 * would leave an open order unread for longer than `maxSeconds`, never above the limit itself.
 */
export function pollBudgetPerMinute(
  limitPerMinute: number,
  share: number,
  openOrders: number,
  policy: Pick<PollPolicy, 'maxSeconds'>,
): number {
  const floor = (openOrders * 60) / policy.maxSeconds;
  return Math.min(limitPerMinute, Math.max(limitPerMinute * share, floor));
}
