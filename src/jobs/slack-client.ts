import { webApi } from '@slack/bolt';
import type { Logger } from '../log.js';
import { boltLogger } from '../slack/bolt-logger.js';

export type WebClient = InstanceType<typeof webApi.WebClient>;

/**
 * The jobs' own Web API client (same token and API URL as the app's): no built-in retries and a 429
 * rejected at once. A job must not sit inside one call for minutes while its outbox lease or digest
 * claim runs out (that is how duplicates happen); it gives the work back and the next cycle retries.
 */
export function jobsSlackClient(slack: WebClient, logger: Logger): WebClient {
  return new webApi.WebClient(slack.token, {
    slackApiUrl: slack.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
    logger: boltLogger(logger, 'slack-jobs'),
  });
}
