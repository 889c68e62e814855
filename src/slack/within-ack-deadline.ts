/**
 * Slack wants some answers inside its 3 s ack (picker options, a form's inline errors): work that is not
 * done by the deadline yields `fallback` now (a failure before it still throws); it goes on in the
 * background, warming a cache for next time.
 */
export const ACK_WORK_DEADLINE_MS = 2_000;

export function withinAckDeadline<T>(work: Promise<T>, fallback: T, ms = ACK_WORK_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  // A failure after the deadline has nobody to tell: it must not become an unhandled rejection.
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
