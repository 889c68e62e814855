import type { Logger } from '../log.js';
import { orderTraits } from '../operations/registry.js';
import type { OrderRecord, OrdersRepo } from '../store/orders-repo.js';
import type { TelegentClient } from '../telegent/client.js';
import { isTelegentError } from '../telegent/errors.js';
import { isRejectedOrderStatus, isTerminalOrderStatus } from '../telegent/order-status.js';
import { nextPollSeconds, type PollBounds, retryDelaySeconds } from './poll-backoff.js';

export interface OrderPollerOptions {
  orders: OrdersRepo;
  telegent: Pick<TelegentClient, 'getOrder'>;
  logger: Logger;
  bounds: PollBounds;
  /** The clock due times are measured on (tests pass the sandbox clock). */
  now?: () => Date;
  /** Orders claimed per short claim transaction (default 20). */
  batchSize?: number;
  /** Checks in flight at once; the rate limiter paces them (default 4). */
  concurrency?: number;
  /**
   * How long a claim holds an order (default 300 s): if this replica dies mid-sweep, its claimed orders
   * come back to any replica after this, no later than a normal poll would (ORDER_POLL_MIN_SECONDS). A
   * batch of 20 takes ~25 s at Telegent's 50/min, so the lease only runs out on a replica that is gone.
   */
  leaseSeconds?: number;
}

export interface SweepResult {
  checked: number;
  changed: number;
  closed: number;
  /** Telegent failed (429 after retries, 5xx, timeout, garbled): those orders were delayed. */
  failed: number;
}

export interface OrderPoller {
  /** Checks every due order (claiming in batches) until none is due or `signal` aborts. Never throws for Telegent failures. */
  sweep(signal?: AbortSignal): Promise<SweepResult>;
}

/**
 * Several replicas sweep at once: each claim is a short `FOR UPDATE SKIP LOCKED` transaction that leases
 * the orders by moving `next_check_at` forward, so no row lock is held across a Telegent call and no order
 * is checked twice for one due time. Calls go through the shared rate limiter at background priority.
 */
export function createOrderPoller(options: OrderPollerOptions): OrderPoller {
  const { orders, telegent, bounds } = options;
  const logger = options.logger.child({ job: 'order-poller' });
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 20;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const leaseSeconds = options.leaseSeconds ?? 300;

  async function check(order: OrderRecord, result: SweepResult, signal?: AbortSignal): Promise<void> {
    const log = logger.child({ orderId: order.orderId });
    try {
      const details = await telegent.getOrder(order.orderId, { priority: 'background', signal });
      const status = details.OrderStatus?.trim();
      if (!status) throw new Error('Telegent returned the order without a status');
      const message = details.OrderStatusMessage?.trim() || null;
      const at = now();
      const changed = status !== order.status || message !== order.statusMessage;
      // Rejected is not final for a port-in (fix or cancel it); for any other order it is.
      const closed =
        isTerminalOrderStatus(status) || (isRejectedOrderStatus(status) && !orderTraits(order.kind).portIn);
      const seconds = nextPollSeconds(order, changed, at, bounds);
      const recorded = await orders.recordStatus(
        order.orderId,
        status,
        message,
        new Date(at.getTime() + seconds * 1000),
        closed,
        { pollIntervalSeconds: seconds, now: at },
      );
      result.checked++;
      if (recorded.event) {
        result.changed++;
        log.info({ from: order.status, status, closed }, 'order status changed');
      }
      if (closed) result.closed++;
    } catch (error) {
      if (signal?.aborted) {
        // Shutting down: hand the order straight back instead of waiting for the lease.
        await orders.reschedule(order.orderId, now()).catch(() => {});
        return;
      }
      result.failed++;
      const delay = retryDelaySeconds(order, bounds);
      log.warn(
        {
          err: isTelegentError(error)
            ? { kind: error.kind, status: error.status, message: error.message }
            : { message: (error as Error).message },
          retryInSeconds: delay,
        },
        'order check failed; delayed',
      );
      await orders
        .reschedule(order.orderId, new Date(now().getTime() + delay * 1000))
        .catch((dbError: Error) =>
          log.error({ err: dbError.message }, 'could not delay order (lease will expire)'),
        );
    }
  }

  return {
    async sweep(signal) {
      const result: SweepResult = { checked: 0, changed: 0, closed: 0, failed: 0 };
      const queue: OrderRecord[] = [];
      let exhausted = false;
      let claiming: Promise<void> | undefined;

      const refill = () => {
        claiming ??= orders
          .claimDue(now(), batchSize, leaseSeconds)
          .then((claimed) => {
            if (claimed.length === 0) exhausted = true;
            queue.push(...claimed);
          })
          .finally(() => {
            claiming = undefined;
          });
        return claiming;
      };

      const next = async (): Promise<OrderRecord | undefined> => {
        for (;;) {
          if (signal?.aborted) return undefined;
          const order = queue.shift();
          // Claim the next batch before this one runs out, so the rate limiter never waits for the database.
          if (queue.length < concurrency && !exhausted) void refill().catch(() => {});
          if (order) return order;
          if (exhausted) return undefined;
          await refill();
        }
      };

      const worker = async () => {
        for (let order = await next(); order; order = await next()) await check(order, result, signal);
      };
      const outcomes = await Promise.allSettled(Array.from({ length: concurrency }, worker));
      // Claimed but never started (aborted): back to due now.
      for (const order of queue.splice(0)) await orders.reschedule(order.orderId, now()).catch(() => {});
      const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failure) throw failure.reason;
      if (result.checked + result.failed > 0) logger.info(result, 'order sweep done');
      return result;
    },
  };
}
