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
 * and the check before that date is moved so it does not sleep past the start of the day.
 */
export function nextPollSeconds(
  order: Pick<OrderRecord, 'kind' | 'portInDate' | 'pollIntervalSeconds'>,
  changed: boolean,
  now: Date,
  bounds: PollBounds,
): number {
  const clamp = (s: number) => Math.min(bounds.maxSeconds, Math.max(bounds.minSeconds, Math.round(s)));
  let seconds = changed ? bounds.minSeconds : clamp(order.pollIntervalSeconds * 2);
  if (order.kind === 'portin' && order.portInDate) {
    const portDay = Date.parse(`${order.portInDate}T00:00:00Z`);
    if (!Number.isNaN(portDay)) {
      const t = now.getTime();
      // On the port date (any US time zone's version of it) the carrier moves the number: watch closely.
      if (t >= portDay - 6 * 3_600_000 && t < portDay + DAY_MS + 10 * 3_600_000) seconds = bounds.minSeconds;
      else if (t < portDay && t + seconds * 1000 > portDay) seconds = clamp((portDay - t) / 1000);
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
