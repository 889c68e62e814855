import type { Logger } from '../log.js';
import { OutcomeNotRecordedError, outcomeNotRecordedText } from '../requests/outcome-not-recorded.js';
import { isStoreUnavailable } from '../store/store-unavailable.js';
import { correlationId, isTelegentError, peopleText } from '../telegent/errors.js';

/** While the database is away (restart, failover): the pool reconnects by itself, so a minute is enough. */
export function storeUnavailableText(ref: string): string {
  return `Our database is not answering; try again in a minute (ref ${ref}).`;
}

/**
 * The sentence a user sees when something failed: what happened at Telegent and what to do next, with a
 * reference to the log line that holds the endpoint and Telegent's own message; while the database is not
 * answering, that, and to try again in a minute (the log line has the ref and the error's code: no SQL, no
 * URL); or, for our own bugs, a short apology with an id to find the log line (never a stack, never input
 * values).
 */
export function userFacingError(
  error: unknown,
  logger: Logger,
  context: Record<string, unknown> = {},
): string {
  if (isTelegentError(error)) {
    const ref = correlationId();
    logger.warn(
      {
        ...context,
        ref,
        endpoint: error.endpoint,
        status: error.status,
        kind: error.kind,
        telegentMessage: error.telegentMessage,
      },
      'Telegent call failed',
    );
    return peopleText(error, ref);
  }
  // Sent, then the store failed: never "try again" (a second request would be a second mutation).
  if (error instanceof OutcomeNotRecordedError) {
    const ref = correlationId();
    const cause = error.cause as { code?: string; message?: string } | undefined;
    logger.error(
      { ...context, ref, requestId: error.requestId, code: cause?.code, err: { message: cause?.message } },
      'request sent to Telegent; its outcome could not be stored (recovery will reconcile it)',
    );
    return outcomeNotRecordedText(ref);
  }
  if (isStoreUnavailable(error)) {
    const ref = correlationId();
    logger.warn({ ...context, ref, code: (error as { code?: string }).code }, 'database not answering');
    return storeUnavailableText(ref);
  }
  const incident = correlationId();
  logger.error(
    { ...context, incident, err: { message: (error as Error)?.message, name: (error as Error)?.name } },
    'handler failed',
  );
  return `Something went wrong on our side (incident ${incident}). It has been logged: try again, and tell the operator if it repeats.`;
}
