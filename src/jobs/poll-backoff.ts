import { orderTraits } from '../operations/registry.js';
import type { OrderRecord } from '../store/orders-repo.js';

export interface PollBounds {
  /** ORDER_POLL_MIN_SECONDS */
  minSeconds: number;
  /** ORDER_POLL_MAX_SECONDS */
  maxSeconds: number;
}

const DAY_MS = 86_400_000;

/**
 * Seconds until an order's next check: back to the minimum when its status changed, doubling (up to
 * the maximum) while nothing changes. A port-in is checked at the minimum on its scheduled port date,
 * and the check before that date is moved so it does not sleep past the start of that window.
 */
export function nextPollSeconds(
  order: Pick<OrderRecord, 'kind' | 'portInDate' | 'pollIntervalSeconds'>,
  changed: boolean,
  now: Date,
  bounds: PollBounds,
): number {
  const clamp = (s: number) => Math.min(bounds.maxSeconds, Math.max(bounds.minSeconds, Math.round(s)));
  let seconds = changed ? bounds.minSeconds : clamp(order.pollIntervalSeconds * 2);
  if (orderTraits(order.kind).portIn && order.portInDate) {
    const portDay = Date.parse(`${order.portInDate}T00:00:00Z`);
    if (!Number.isNaN(portDay)) {
      // The port date in any US time zone: from 6 h before its UTC start to 10 h after its UTC end.
      const windowStart = portDay - 6 * 3_600_000;
      const windowEnd = portDay + DAY_MS + 10 * 3_600_000;
      const t = now.getTime();
      if (t >= windowStart && t < windowEnd) seconds = bounds.minSeconds;
      else if (t < windowStart && t + seconds * 1000 > windowStart) seconds = clamp((windowStart - t) / 1000);
    }
  }
  return seconds;
}

/** A failed check (Telegent 429/5xx/timeout/garbled answer): try again after the current interval, not sooner. */
export function retryDelaySeconds(
  order: Pick<OrderRecord, 'pollIntervalSeconds'>,
  bounds: PollBounds,
): number {
  return Math.min(bounds.maxSeconds, Math.max(bounds.minSeconds, order.pollIntervalSeconds));
}
