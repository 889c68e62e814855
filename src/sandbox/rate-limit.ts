const WINDOW_MS = 60_000;

/** Sliding 60 s window per account, in real (not sandbox) time: it guards the transport, like the real API. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(public limitPerMinute: number) {}

  /** Records the request and returns undefined, or returns Retry-After seconds when over the limit. */
  take(account: string, nowMs = Date.now()): number | undefined {
    const recent = (this.hits.get(account) ?? []).filter((t) => t > nowMs - WINDOW_MS);
    if (recent.length >= this.limitPerMinute) {
      this.hits.set(account, recent);
      const oldest = recent[recent.length - this.limitPerMinute] ?? nowMs;
      return Math.max(1, Math.ceil((oldest + WINDOW_MS - nowMs) / 1000));
    }
    recent.push(nowMs);
    this.hits.set(account, recent);
    return undefined;
  }

  reset(): void {
    this.hits.clear();
  }
}
