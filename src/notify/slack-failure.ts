import { describeSlackError } from '../slack/describe-slack-error.js';

/** Errors about this message or channel that retrying will not fix. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'msg_too_long',
  'no_text',
  'invalid_blocks',
  'invalid_blocks_format',
  'too_many_attachments',
  'restricted_action',
  'cannot_reply_to_message',
  'user_not_found',
  'cannot_dm_bot',
  'user_disabled',
]);

export interface SlackFailure {
  /** ratelimited / transient: try again next cycle. permanent: this message will never go through. */
  kind: 'ratelimited' | 'transient' | 'permanent';
  /** Slack's error code or the error's message (log-safe). */
  reason: string;
  retryAfterSeconds?: number;
}

export function classifySlackError(error: unknown): SlackFailure {
  const d = describeSlackError(error);
  if (
    d.code === 'slack_webapi_rate_limited_error' ||
    d.slackError === 'ratelimited' ||
    d.statusCode === 429
  ) {
    return { kind: 'ratelimited', reason: 'ratelimited', retryAfterSeconds: d.retryAfter };
  }
  if (d.slackError && PERMANENT.has(d.slackError)) return { kind: 'permanent', reason: d.slackError };
  return { kind: 'transient', reason: d.slackError ?? d.message };
}
