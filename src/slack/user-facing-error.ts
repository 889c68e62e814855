import type { Logger } from '../log.js';
import { correlationId, isTelegentError, peopleText } from '../telegent/errors.js';

/**
 * The sentence a user sees when something failed: what happened at Telegent and what to do next, with a
 * reference to the log line that holds the endpoint and Telegent's own message; or, for our
 * own bugs, a short apology with an id to find the log line (never a stack, never input values).
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
  const incident = correlationId();
  logger.error(
    { ...context, incident, err: { message: (error as Error)?.message, name: (error as Error)?.name } },
    'handler failed',
  );
  return `Something went wrong on our side (incident ${incident}). It has been logged: try again, and tell the operator if it repeats.`;
}
