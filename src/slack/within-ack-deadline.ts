/**
 * Slack wants some answers inside its 3 s ack (picker options, a form's inline errors): work that is not
 * done by the deadline yields `fallback` now (a failure before it still throws); it goes on in the
 * background, warming a cache for next time.
 */
export const ACK_WORK_DEADLINE_MS = 2_000;

/** Where the access gate writes when the current Slack request's work budget ends (Bolt's per-request context). */
export interface AckBudget {
  ackWorkDeadlineAt?: number;
}

/** Starts the request's budget (the first middleware to run calls it; later calls keep the first). */
export function startAckBudget(context: AckBudget, now = Date.now()): void {
  context.ackWorkDeadlineAt ??= now + ACK_WORK_DEADLINE_MS;
}

/**
 * What is left of the request's work budget: the access gate and a listener share ONE budget, so a slow
 * users.info before the listener leaves the listener less time, never a second full budget. At least 100 ms.
 */
export function ackTimeLeft(context: object | undefined, now = Date.now()): number {
  const set = (context as AckBudget | undefined)?.ackWorkDeadlineAt;
  const deadline = typeof set === 'number' ? set : now + ACK_WORK_DEADLINE_MS;
  return Math.max(100, deadline - now);
}

export function withinAckDeadline<T>(work: Promise<T>, fallback: T, ms = ACK_WORK_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  // A failure after the deadline has nobody to tell: it must not become an unhandled rejection.
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
