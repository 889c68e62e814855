import { scrubTokens } from './bolt-logger.js';

export interface DescribedError {
  type: string;
  message: string;
  code?: string;
  /** Slack's `error` field (invalid_auth, channel_not_found, …) for Web API platform errors. */
  slackError?: string;
  statusCode?: number;
  retryAfter?: number;
  stack?: string;
}

/** A log-safe description of an error from a listener or the Web API: no request bodies, no tokens. */
export function describeSlackError(error: unknown): DescribedError {
  if (!(error instanceof Error)) return { type: typeof error, message: scrubTokens(String(error)) };
  const e = error as Error & {
    code?: unknown;
    data?: { error?: unknown };
    statusCode?: unknown;
    retryAfter?: unknown;
    original?: unknown;
  };
  const described: DescribedError = {
    type: e.name,
    message: scrubTokens(e.message),
    stack: e.stack ? scrubTokens(e.stack) : undefined,
  };
  if (typeof e.code === 'string') described.code = e.code;
  if (typeof e.data?.error === 'string') described.slackError = e.data.error;
  if (typeof e.statusCode === 'number') described.statusCode = e.statusCode;
  if (typeof e.retryAfter === 'number') described.retryAfter = e.retryAfter;
  return described;
}
