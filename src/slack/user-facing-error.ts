import type { Logger } from '../log.js';
import { isTelegentError } from '../telegent/errors.js';

/**
 * The sentence a user sees when something failed: Telegent's message with what to do next, or, for our
 * own bugs, a short apology with an id to find the log line (never a stack, never input values).
 */
export function userFacingError(
  error: unknown,
  logger: Logger,
  context: Record<string, unknown> = {},
): string {
  if (isTelegentError(error)) {
    logger.warn(
      { ...context, endpoint: error.endpoint, status: error.status, kind: error.kind },
      'Telegent call failed',
    );
    return `${error.message}${error.hint ? ` ${error.hint}` : ''}`;
  }
  const incident = Math.random().toString(36).slice(2, 10);
  logger.error(
    { ...context, incident, err: { message: (error as Error)?.message, name: (error as Error)?.name } },
    'handler failed',
  );
  return `Something went wrong on our side (incident ${incident}). It has been logged: try again, and tell the operator if it repeats.`;
}
