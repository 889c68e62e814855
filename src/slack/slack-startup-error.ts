/** Slack could not be reached or rejected our credentials at start-up. The message is for the operator:
 *  what is wrong and what to do. It never contains a token. */
export class SlackStartupError extends Error {
  override readonly name = 'SlackStartupError';
  constructor(
    message: string,
    /** Machine-readable reason: invalid_bot_token, invalid_app_token, unreachable, timeout, … */
    readonly reason: string,
  ) {
    super(message);
  }
}
