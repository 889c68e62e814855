import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log.js';
import { orderTraits } from '../operations/registry.js';
import type { OrderRecord, OrdersRepo } from '../store/orders-repo.js';
import type { TelegentClient } from '../telegent/client.js';
import { isTelegentError } from '../telegent/errors.js';
import { isRejectedOrderStatus, isTerminalOrderStatus } from '../telegent/order-status.js';
import { type PollPolicy, pollWeight } from './poll-schedule.js';
import type { StoreOutage } from './store-outage.js';

/** Where the poller's background reads come from: one slot per read, paced for all replicas together. */
export interface PollBudget {
  /** Resolves to the epoch ms at which this replica may spend one read. */
  reserve(): Promise<number>;
}

export type ReadOutcome = 'changed' | 'unchanged' | 'failed';

export interface OrderPollerOptions {
  orders: OrdersRepo;
  telegent: Pick<TelegentClient, 'getOrder'>;
  logger: Logger;
  policy: PollPolicy;
  /** The clock due times are measured on (tests pass the sandbox clock). */
  now?: () => Date;
  /** Paces `run()`; `sweep()` ignores it. */
  budget?: PollBudget;
  /** Reads in flight at once; the rate limiter paces the calls themselves (default 4). */
  concurrency?: number;
  /**
   * How long a claim holds an order (default 20 s), renewed every third of that while the read runs: if
   * this replica dies, its orders come back to any replica (or its own restart) within that.
   */
  leaseSeconds?: number;
  /** `run()` with nothing to read: looks again after this (default 1 s). */
  idleMs?: number;
  /** Orders claimed per claim in `sweep()` (default 20). */
  batchSize?: number;
  /** A read recorded a change: the outbox can post it now. */
  onChange?: () => void;
  /** Every read, for metrics. */
  onRead?: (outcome: ReadOutcome) => void;
  /** The jobs' shared view of a database outage: `run()` backs off with the other jobs and resumes with them. */
  outage?: StoreOutage;
}

export interface SweepResult {
  checked: number;
  changed: number;
  closed: number;
  /** Telegent failed (429 after retries, 5xx, timeout, garbled): those orders wait ORDER_POLL_MIN_SECONDS. */
  failed: number;
}

export interface OrderPoller {
  /**
   * Reads, within the budget, the most urgent order it may read, again and again until `signal` aborts:
   * the production loop. Never throws for Telegent or database failures (logged; it goes on).
   */
  run(signal: AbortSignal): Promise<SweepResult>;
  /** Reads every order it may read now, without the budget's pacing (tests, one-off runs). */
  sweep(signal?: AbortSignal): Promise<SweepResult>;
}

const emptyResult = (): SweepResult => ({ checked: 0, changed: 0, closed: 0, failed: 0 });

/**
 * Several replicas read at once: each claim is a short `FOR UPDATE SKIP LOCKED` transaction that leases the
 * orders (`lease_expires_at`), so no row lock is held across a Telegent call and no order is read by two
 * replicas at once. A read whose lease was lost records nothing (another replica's reading may be newer).
 */
export function createOrderPoller(options: OrderPollerOptions): OrderPoller {
  const { orders, telegent, policy } = options;
  const logger = options.logger.child({ job: 'order-poller' });
  const now = options.now ?? (() => new Date());
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const leaseSeconds = options.leaseSeconds ?? 20;
  const idleMs = options.idleMs ?? 1_000;
  const later = (seconds: number) => new Date(now().getTime() + seconds * 1000);

  /** Keeps the lease alive while the read runs; `settle()` stops renewing and says what is held. */
  function holdLease(order: OrderRecord) {
    let held = order.leaseExpiresAt ?? later(leaseSeconds);
    let renewing = Promise.resolve();
    const timer = setInterval(
      () => {
        renewing = renewing.then(async () => {
          const until = later(leaseSeconds);
          if (await orders.renewLease(order.orderId, held, until).catch(() => false)) held = until;
        });
      },
      (leaseSeconds * 1000) / 3,
    );
    timer.unref();
    return {
      async settle(): Promise<Date> {
        clearInterval(timer);
        await renewing;
        return held;
      },
    };
  }

  async function read(order: OrderRecord, result: SweepResult, signal?: AbortSignal): Promise<void> {
    const log = logger.child({ orderId: order.orderId });
    const lease = holdLease(order);
    try {
      const details = await telegent.getOrder(order.orderId, { priority: 'background', signal });
      const status = details.OrderStatus?.trim();
      if (!status) throw new Error('Telegent returned the order without a status');
      const message = details.OrderStatusMessage?.trim() || null;
      const at = now();
      // Rejected is not final for a port-in (fix or cancel it); for any other order it is.
      const closed =
        isTerminalOrderStatus(status) || (isRejectedOrderStatus(status) && !orderTraits(order.kind).portIn);
      const recorded = await orders.recordStatus(
        order.orderId,
        status,
        message,
        new Date(at.getTime() + policy.minSeconds * 1000),
        closed,
        { pollWeight: pollWeight(order, status, at), now: at, heldUntil: await lease.settle() },
      );
      if (recorded.leaseLost) {
        log.warn('order read outlived its lease; another reading wins');
        return;
      }
      result.checked++;
      if (closed) result.closed++;
      if (recorded.event) {
        result.changed++;
        log.info({ from: order.status, status, closed }, 'order status changed');
        options.onChange?.();
      }
      options.onRead?.(recorded.event ? 'changed' : 'unchanged');
    } catch (error) {
      const held = await lease.settle();
      if (signal?.aborted) {
        // Shutting down: hand the order straight back instead of waiting for the lease.
        await orders.releaseLease(order.orderId, now(), held).catch(() => {});
        return;
      }
      result.failed++;
      options.onRead?.('failed');
      log.warn(
        {
          err: isTelegentError(error)
            ? { kind: error.kind, status: error.status, message: error.message }
            : { message: (error as Error).message },
          retryInSeconds: policy.minSeconds,
        },
        'order read failed; delayed',
      );
      await orders
        .releaseLease(order.orderId, later(policy.minSeconds), held)
        .catch((dbError: Error) =>
          log.error({ err: dbError.message }, 'could not delay order (its lease will expire)'),
        );
    }
  }

  async function waitUntil(epochMs: number, signal: AbortSignal): Promise<void> {
    const wait = epochMs - Date.now();
    if (wait > 0) await sleep(wait, undefined, { signal }).catch(() => {});
  }

  return {
    async run(signal) {
      const result = emptyResult();
      const inFlight = new Set<Promise<void>>();
      while (!signal.aborted) {
        if (inFlight.size >= concurrency) {
          await Promise.race(inFlight);
          continue;
        }
        try {
          if (options.budget) await waitUntil(await options.budget.reserve(), signal);
          if (signal.aborted) break;
          const [order] = await orders.claimStalest(now(), 1, leaseSeconds);
          options.outage?.succeeded();
          if (!order) {
            await sleep(idleMs, undefined, { signal }).catch(() => {});
            continue;
          }
          const reading = read(order, result, signal).finally(() => inFlight.delete(reading));
          inFlight.add(reading);
        } catch (error) {
          // The database is away: told once (outage), wait longer each time, try again (the orders keep).
          if (options.outage?.failed(error)) {
            await sleep(options.outage.waitMs(), undefined, { signal }).catch(() => {});
            continue;
          }
          logger.error({ err: (error as Error).message }, 'could not claim an order to read; retrying');
          await sleep(Math.max(idleMs, 1_000), undefined, { signal }).catch(() => {});
        }
      }
      await Promise.allSettled(inFlight);
      return result;
    },

    async sweep(signal) {
      const result = emptyResult();
      const seen = new Set<string>();
      const batchSize = options.batchSize ?? 20;
      for (;;) {
        if (signal?.aborted) break;
        const claimed = await orders.claimStalest(now(), batchSize, leaseSeconds);
        // An order read in this sweep is due again (a tiny minimum interval): this sweep is done.
        const fresh = claimed.filter((order) => !seen.has(order.orderId));
        for (const order of claimed) {
          if (seen.has(order.orderId)) await orders.releaseLease(order.orderId, order.nextCheckAt);
          seen.add(order.orderId);
        }
        if (fresh.length === 0) break;
        const queue = [...fresh];
        const worker = async () => {
          for (let order = queue.shift(); order; order = queue.shift()) {
            if (signal?.aborted) await orders.releaseLease(order.orderId, now()).catch(() => {});
            else await read(order, result, signal);
          }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
        if (fresh.length < claimed.length) break;
      }
      if (result.checked + result.failed > 0) logger.info(result, 'order sweep done');
      return result;
    },
  };
}
