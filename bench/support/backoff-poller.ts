// The poller this project had before issue 13, kept only as the freshness benchmark's baseline: each order on
// its own backoff (the minimum after a change, doubling while nothing changes, up to the maximum), read when
// due, checked every second, whatever Telegent's budget. Same store, client and outbox as the app.
import { setTimeout as sleep } from 'node:timers/promises';
import type { OrdersRepo } from '../../src/store/orders-repo.js';
import type { TelegentClient } from '../../src/telegent/client.js';
import { isTerminalOrderStatus } from '../../src/telegent/order-status.js';

export interface BackoffPollerOptions {
  orders: OrdersRepo;
  telegent: Pick<TelegentClient, 'getOrder'>;
  minSeconds: number;
  maxSeconds: number;
  /** Each order's interval at the start (its steady state); the minimum when missing. */
  startSeconds?: Map<string, number>;
  onChange: () => void;
}

export function runBackoffPoller(options: BackoffPollerOptions, signal: AbortSignal): Promise<void> {
  const { orders, telegent, minSeconds, maxSeconds } = options;
  const intervals = new Map<string, number>(options.startSeconds);
  const readOne = async (orderId: string, status: string) => {
    try {
      const details = await telegent.getOrder(orderId, { priority: 'background', signal });
      const next = details.OrderStatus?.trim() ?? status;
      const changed = next !== status;
      const seconds = changed
        ? minSeconds
        : Math.min(
            maxSeconds,
            (intervals.get(orderId) ?? options.startSeconds?.get(orderId) ?? minSeconds) * 2,
          );
      intervals.set(orderId, seconds);
      const now = new Date();
      const recorded = await orders.recordStatus(
        orderId,
        next,
        details.OrderStatusMessage?.trim() || null,
        new Date(now.getTime() + seconds * 1000),
        isTerminalOrderStatus(next),
        { now },
      );
      if (recorded.event) options.onChange();
    } catch {
      await orders.releaseLease(orderId, new Date(Date.now() + minSeconds * 1000)).catch(() => {});
    }
  };
  return (async () => {
    while (!signal.aborted) {
      const due = await orders.claimStalest(new Date(), 1_000, 300);
      const queue = [...due];
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let o = queue.shift(); o && !signal.aborted; o = queue.shift())
            await readOne(o.orderId, o.status);
        }),
      );
      await sleep(1_000, undefined, { signal }).catch(() => {});
    }
  })();
}
