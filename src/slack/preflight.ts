import { type Logger as BoltLogger, LogLevel, webApi } from '@slack/bolt';
import type { Logger } from '../log.js';
import { boltLogger } from './bolt-logger.js';
import { normaliseSlackApiUrl } from './slack-api-url.js';
import { SlackStartupError } from './slack-startup-error.js';

export { SlackStartupError } from './slack-startup-error.js';

export interface SlackConnectionOptions {
  botToken: string;
  /** Set → Socket Mode: also checks the app-level token with apps.connections.open. */
  appToken?: string;
  slackApiUrl?: string;
  /** Per Slack call. */
  timeoutMs: number;
  /** Where the Web API client's own warnings go; silent when omitted (the caller reports the error). */
  logger?: Logger;
}

export interface SlackConnectionIdentity {
  botId: string;
  botUserId: string;
  teamId: string;
  team: string;
  /** Enterprise Grid: the organisation's id (its workspaces' members are the app's own people). */
  enterpriseId?: string | undefined;
  /** The workspace URL, e.g. https://acme.slack.com/ */
  url: string;
}

const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

const BOT_TOKEN_HELP =
  'copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions on api.slack.com/apps (reinstall the app if it was revoked)';
const APP_TOKEN_HELP =
  'create an App-Level Token (xapp-…) with the connections:write scope under Basic Information → App-Level Tokens';

const silentBoltLogger: BoltLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/** The API URL as it may be shown: without credentials or query. */
function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.toString();
  } catch {
    return '(an invalid URL)';
  }
}

function networkReason(error: unknown): string {
  const original = (error as { original?: unknown }).original ?? error;
  const o = original as { name?: string; code?: string; cause?: { code?: string; name?: string } };
  if (o.name === 'TimeoutError' || o.name === 'AbortError') return 'no answer in time';
  return o.cause?.code ?? o.code ?? o.cause?.name ?? 'network error';
}

/** Turns a Web API failure into the one sentence an operator needs. */
function startupError(
  error: unknown,
  which: 'bot' | 'app',
  apiUrl: string,
  timeoutMs: number,
): SlackStartupError {
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number; retryAfter?: number };
  const where = displayUrl(apiUrl);
  switch (e.code) {
    case webApi.ErrorCode.RequestError: {
      const reason = networkReason(error);
      const detail = reason === 'no answer in time' ? `no answer within ${timeoutMs} ms` : reason;
      return new SlackStartupError(
        `could not reach Slack at ${where} (${detail}): check network/proxy or SLACK_API_URL`,
        'unreachable',
      );
    }
    case webApi.ErrorCode.HTTPError:
      return new SlackStartupError(
        `Slack at ${where} answered HTTP ${e.statusCode}: check SLACK_API_URL, or retry if Slack is having an incident`,
        'http_error',
      );
    case webApi.ErrorCode.RateLimitedError:
      return new SlackStartupError(
        `Slack rate-limited the start-up check: retry in ${e.retryAfter ?? 60} s`,
        'rate_limited',
      );
    case webApi.ErrorCode.PlatformError:
      return platformError(e.data?.error ?? 'unknown_error', which);
    default:
      return new SlackStartupError(
        `checking the Slack connection failed unexpectedly (${error instanceof Error ? error.name : typeof error})`,
        'unexpected',
      );
  }
}

function platformError(code: string, which: 'bot' | 'app'): SlackStartupError {
  if (which === 'app') {
    switch (code) {
      case 'not_allowed_token_type':
        return new SlackStartupError(
          `SLACK_APP_TOKEN is not an app-level token (${code}): ${APP_TOKEN_HELP}`,
          'invalid_app_token',
        );
      case 'missing_scope':
        return new SlackStartupError(
          `SLACK_APP_TOKEN lacks the connections:write scope (${code}): ${APP_TOKEN_HELP}`,
          'invalid_app_token',
        );
      case 'invalid_auth':
      case 'not_authed':
      case 'token_revoked':
      case 'token_expired':
      case 'account_inactive':
        return new SlackStartupError(
          `SLACK_APP_TOKEN was rejected by Slack (${code}): ${APP_TOKEN_HELP}`,
          'invalid_app_token',
        );
      default:
        return new SlackStartupError(
          `Slack refused to open a Socket Mode connection (${code}): check that Socket Mode is enabled ` +
            `(Settings → Socket Mode) and ${APP_TOKEN_HELP}`,
          'socket_mode_refused',
        );
    }
  }
  switch (code) {
    case 'invalid_auth':
    case 'not_authed':
    case 'token_revoked':
    case 'token_expired':
    case 'account_inactive':
      return new SlackStartupError(
        `SLACK_BOT_TOKEN was rejected by Slack (${code}): ${BOT_TOKEN_HELP}`,
        'invalid_bot_token',
      );
    case 'not_allowed_token_type':
      return new SlackStartupError(
        `SLACK_BOT_TOKEN is the wrong kind of token (${code}): ${BOT_TOKEN_HELP}`,
        'invalid_bot_token',
      );
    default:
      return new SlackStartupError(
        `Slack rejected SLACK_BOT_TOKEN (${code}): ${BOT_TOKEN_HELP}`,
        'invalid_bot_token',
      );
  }
}

/** Catches swapped or pasted-wrong tokens before any network call. */
function checkTokenShapes(botToken: string, appToken: string | undefined): void {
  if (!botToken.startsWith('xoxb-')) {
    const hint = botToken.startsWith('xapp-')
      ? ' (it looks like the app-level token: that one goes in SLACK_APP_TOKEN)'
      : botToken.startsWith('xoxp-')
        ? ' (it looks like a user token)'
        : '';
    throw new SlackStartupError(
      `SLACK_BOT_TOKEN must start with xoxb-${hint}: ${BOT_TOKEN_HELP}`,
      'invalid_bot_token',
    );
  }
  if (appToken !== undefined && !appToken.startsWith('xapp-')) {
    const hint = appToken.startsWith('xox')
      ? ' (it looks like an OAuth token: that one goes in SLACK_BOT_TOKEN)'
      : '';
    throw new SlackStartupError(
      `SLACK_APP_TOKEN must start with xapp-${hint}: ${APP_TOKEN_HELP}`,
      'invalid_app_token',
    );
  }
}

/**
 * One auth.test with the bot token (and, in Socket Mode, one apps.connections.open with the app token),
 * no retries, short timeout. Resolves to the bot's identity, or rejects with a SlackStartupError.
 */
export async function checkSlackConnection(
  options: SlackConnectionOptions,
): Promise<SlackConnectionIdentity> {
  checkTokenShapes(options.botToken, options.appToken);
  const apiUrl = normaliseSlackApiUrl(options.slackApiUrl ?? DEFAULT_SLACK_API_URL);
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs,
    rejectRateLimitedCalls: true,
    logger: options.logger ? boltLogger(options.logger, 'slack-preflight') : silentBoltLogger,
  };

  let auth: webApi.AuthTestResponse;
  try {
    auth = await new webApi.WebClient(options.botToken, clientOptions).auth.test();
  } catch (error) {
    throw startupError(error, 'bot', apiUrl, options.timeoutMs);
  }
  if (!auth.bot_id || !auth.user_id) {
    throw new SlackStartupError(
      `SLACK_BOT_TOKEN is not a bot token (auth.test returned no bot id): ${BOT_TOKEN_HELP}`,
      'invalid_bot_token',
    );
  }

  if (options.appToken !== undefined) {
    try {
      await new webApi.WebClient(options.appToken, clientOptions).apps.connections.open();
    } catch (error) {
      throw startupError(error, 'app', apiUrl, options.timeoutMs);
    }
  }

  return {
    botId: auth.bot_id,
    botUserId: auth.user_id,
    teamId: auth.team_id ?? '',
    team: auth.team ?? '',
    enterpriseId: auth.enterprise_id || undefined,
    url: auth.url ?? '',
  };
}
