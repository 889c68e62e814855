import type { App } from '@slack/bolt';

/**
 * Counts listener runs (they go on after the ack), so shutdown can wait for them: a SIGTERM during an
 * approval must not cut the Telegent call and the bookkeeping after it in half.
 */
export function trackInFlight(app: App): { drain(timeoutMs: number): Promise<number> } {
  let running = 0;
  let idle: (() => void) | undefined;
  app.use(async ({ next }) => {
    running++;
    try {
      await next();
    } finally {
      running--;
      if (running === 0) idle?.();
    }
  });
  return {
    /** Resolves with how many were still running when it gave up (0 = all finished). */
    async drain(timeoutMs) {
      if (running === 0) return 0;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        idle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      return running;
    },
  };
}
