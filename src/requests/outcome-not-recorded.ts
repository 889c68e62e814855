/**
 * A request was sent to Telegent (or may have been), then the store failed before its outcome was written. The
 * request stays `executing`, which recovery owns: after a while it becomes `unknown` and is reconciled from
 * Telegent, never sent again. The person must not be told "try again", or a second request would send a
 * second mutation.
 */
export class OutcomeNotRecordedError extends Error {
  constructor(
    readonly requestId: string,
    options: { cause: unknown },
  ) {
    super('the request went to Telegent but its outcome could not be stored', options);
    this.name = 'OutcomeNotRecordedError';
  }
}

export function outcomeNotRecordedText(ref: string): string {
  return `Sent to Telegent, but our database did not answer when we went to record what happened. Do not submit it again: the app checks with Telegent by itself and this request's message will show the outcome (ref ${ref}).`;
}
