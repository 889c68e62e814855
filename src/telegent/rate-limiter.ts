// Why not p-queue or bottleneck: p-queue has priorities but only an in-process interval cap, and
// bottleneck shares its bucket only through Redis; we need priorities on top of a pluggable
// (later Postgres-backed) slot source, which is the small thing below.

/** Where send slots come from. In memory now; a Postgres-backed bucket shared by replicas later. */
export interface RateSlotSource {
  /** Reserves the next slot: resolves to the epoch ms at which this process may send one request. */
  reserve(): Promise<number>;
  /** Telegent answered 429 + Retry-After: hand out no slot before `epochMs`. */
  holdUntil?(epochMs: number): Promise<void> | void;
}

export type CallPriority = 'interactive' | 'background';

/**
 * Even spacing that keeps every sliding 60 s window under `perMinute`: 60 s / limit plus a small
 * margin (2 %, at most 50 ms) for clock and network jitter.
 */
export function slotSpacingMs(perMinute: number): number {
  if (!(perMinute > 0)) throw new RangeError(`rate limit must be positive, got ${perMinute}`);
  const base = 60_000 / perMinute;
  return base + Math.min(50, base * 0.02);
}

/** GCRA with a burst of one: each reservation is `spacing` after the previous one (or now). */
export class InMemoryRateSlots implements RateSlotSource {
  private nextAt = 0;
  private spacing: number;

  constructor(
    perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.spacing = slotSpacingMs(perMinute);
  }

  setRatePerMinute(perMinute: number): void {
    this.spacing = slotSpacingMs(perMinute);
  }

  async reserve(): Promise<number> {
    const at = Math.max(this.now(), this.nextAt);
    this.nextAt = at + this.spacing;
    return at;
  }

  holdUntil(epochMs: number): void {
    this.nextAt = Math.max(this.nextAt, epochMs);
  }
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * Admits requests one slot at a time. Exactly one reservation is outstanding; when its time comes
 * the oldest interactive waiter goes first, else the oldest background one. So an interactive call
 * waits at most about one slot however many background calls are queued.
 */
export class RateLimiter {
  private readonly queues: Record<CallPriority, Waiter[]> = { interactive: [], background: [] };
  private pumping = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly slots: RateSlotSource,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when the caller may send one request. Rejects with `signal.reason` if aborted first. */
  acquire(priority: CallPriority = 'interactive', signal?: AbortSignal): Promise<void> {
    if (this.closed) return Promise.reject(new Error('Telegent rate limiter is closed'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          this.remove(waiter);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queues[priority].push(waiter);
      void this.pump();
    });
  }

  /** Telegent said 429 with Retry-After: nobody in any replica sharing the source sends before then. */
  async holdUntil(epochMs: number): Promise<void> {
    await this.slots.holdUntil?.(epochMs);
  }

  /** Waiting callers per priority (for metrics and tests). */
  pending(): Record<CallPriority, number> {
    return { interactive: this.queues.interactive.length, background: this.queues.background.length };
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    const error = new Error('Telegent rate limiter is closed');
    for (const waiter of [...this.queues.interactive, ...this.queues.background]) {
      this.detach(waiter);
      waiter.reject(error);
    }
    this.queues.interactive = [];
    this.queues.background = [];
  }

  private size(): number {
    return this.queues.interactive.length + this.queues.background.length;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.size() > 0 && !this.closed) {
        let at: number;
        try {
          at = await this.slots.reserve();
        } catch (error) {
          this.failAll(error);
          break;
        }
        await this.sleepUntil(at);
        if (this.closed) break;
        const next = this.queues.interactive.shift() ?? this.queues.background.shift();
        // Nobody left (all aborted): the slot is dropped, never reused late, so spacing holds.
        if (next) {
          this.detach(next);
          next.resolve();
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  private sleepUntil(epochMs: number): Promise<void> {
    const wait = epochMs - this.now();
    if (wait <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.wake = undefined;
        resolve();
      }, wait);
    });
  }

  private failAll(error: unknown): void {
    for (const waiter of [...this.queues.interactive, ...this.queues.background]) {
      this.detach(waiter);
      waiter.reject(error);
    }
    this.queues.interactive = [];
    this.queues.background = [];
  }

  private remove(waiter: Waiter): void {
    for (const queue of Object.values(this.queues)) {
      const index = queue.indexOf(waiter);
      if (index >= 0) queue.splice(index, 1);
    }
  }

  private detach(waiter: Waiter): void {
    if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
  }
}
