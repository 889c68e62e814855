import type { Logger } from '../log.js';
import type { OrdersRepo } from '../store/orders-repo.js';
import { createPgRateSlots, type SharedRateBucket } from '../telegent/pg-rate-slots.js';
import type { PollBudget } from './order-poller.js';
import { type PollPolicy, pollBudgetPerMinute } from './poll-schedule.js';

export interface SharedPollBudgetOptions {
  /** The store's shared buckets: every replica on one database draws from the same one. */
  rateLimits: SharedRateBucket;
  orders: Pick<OrdersRepo, 'pollBacklog'>;
  /** TELEGENT_RATE_LIMIT_PER_MINUTE */
  limitPerMinute: number;
  /** TELEGENT_POLL_SHARE */
  share: number;
  policy: Pick<PollPolicy, 'maxSeconds'>;
  logger: Logger;
  now?: () => Date;
  /** How often the open orders are counted to resize the budget (default 30 s). */
  recountMs?: number;
}

export interface SharedPollBudget extends PollBudget {
  /** The current budget for all replicas together (reads per minute). */
  perMinute(): number;
  /** Counts the open orders now and resizes the budget (done every `recountMs` by `reserve`). */
  recount(): Promise<number>;
}

/**
 * The poller's share of Telegent's rate limit, as a second GCRA bucket (`telegent-poll`) beside the one every
 * call goes through: a background read needs a slot from both, so the poller never spends more than its share
 * and interactive calls keep the rest (and go first in the shared limiter anyway).
 */
export function createSharedPollBudget(options: SharedPollBudgetOptions): SharedPollBudget {
  const now = options.now ?? (() => new Date());
  const recountMs = options.recountMs ?? 30_000;
  let perMinute = options.limitPerMinute * options.share;
  const slots = createPgRateSlots({
    rateLimits: options.rateLimits,
    perMinute,
    bucket: 'telegent-poll',
    logger: options.logger,
  });
  let countedAt = Number.NEGATIVE_INFINITY;

  async function recount(): Promise<number> {
    countedAt = Date.now();
    const { open } = await options.orders.pollBacklog(now());
    const next = pollBudgetPerMinute(options.limitPerMinute, options.share, open, options.policy);
    if (next !== perMinute) {
      if (next > options.limitPerMinute * options.share)
        options.logger.warn(
          { open, perMinute: next },
          'open orders need more than the poll share to be read every ORDER_POLL_MAX_SECONDS; using more',
        );
      perMinute = next;
      slots.setRatePerMinute(next);
    }
    return next;
  }

  return {
    perMinute: () => perMinute,
    recount,
    async reserve() {
      if (Date.now() - countedAt >= recountMs) await recount().catch(() => {});
      return slots.reserve();
    },
  };
}
