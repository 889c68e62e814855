import { webApi } from '@slack/bolt';
import type { Logger } from '../log.js';
import { boltLogger } from '../slack/bolt-logger.js';
import {
  type EarlierPosts,
  type EventType,
  findEarlierPosts,
  type MessageMetadata,
  type PostPlace,
} from './message-metadata.js';
import { classifySlackError } from './slack-failure.js';

/** What every outbound message is: a fallback text and its blocks. */
export interface OutboundMessage {
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: Block Kit blocks of every kind
  blocks?: any[];
}

export interface PostOptions {
  threadTs?: string | null | undefined;
  metadata?: MessageMetadata | undefined;
}

export interface Posted {
  channel: string;
  ts: string;
}

/**
 * Every outbound Slack call of the app's listeners and jobs: post, update, DM, ephemeral, permalink, and
 * the read-back of its own earlier posts. Failures throw the Web API error; `classifySlackError` says
 * whether it is rate limiting, transient or permanent.
 */
export interface Notifier {
  post(channel: string, message: OutboundMessage, options?: PostOptions): Promise<Posted>;
  update(channel: string, ts: string, message: OutboundMessage, metadata?: MessageMetadata): Promise<void>;
  /** The DM channel with a user (conversations.open). */
  dmChannel(userId: string): Promise<string>;
  /** Opens the DM with a user and posts there. */
  dm(userId: string, message: OutboundMessage, metadata?: MessageMetadata): Promise<Posted>;
  ephemeral(channel: string, userId: string, message: OutboundMessage): Promise<void>;
  permalink(channel: string, ts: string): Promise<string | undefined>;
  /** Publishes a user's App Home view. */
  // biome-ignore lint/suspicious/noExplicitAny: a Home view of Block Kit blocks
  publishHome(userId: string, view: any): Promise<void>;
  /** Looks for this app's own earlier posts (recovery only; see message-metadata.ts). */
  findEarlier(
    place: PostPlace,
    eventType: EventType,
    field: string,
    wanted: ReadonlySet<string>,
  ): Promise<EarlierPosts>;
}

/** The longest Retry-After a listener waits out (it has acked; a person waits for the card or answer). */
const MAX_WAIT_SECONDS = 5;

export interface NotifierOptions {
  token: string | undefined;
  slackApiUrl?: string | undefined;
  logger: Logger;
  /**
   * How often a call Slack refused as rate limited is tried again, after its Retry-After (when that is 5 s
   * or less; a longer one fails the call at once).
   * Listeners retry (they run after the ack, a person waits for the result); jobs pass 0 and give the work
   * back to their next cycle instead of holding a lease while they wait.
   */
  rateLimitRetries: number;
  timeoutMs?: number;
}

/**
 * One retry policy for the whole app: the Web client itself never retries and never waits on a 429 (so a
 * call cannot sit for minutes), and a rate-limited call — which Slack did not carry out, so repeating it
 * cannot duplicate a message — is retried here, `rateLimitRetries` times.
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const client = new webApi.WebClient(options.token, {
    slackApiUrl: options.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 15_000,
    logger: boltLogger(options.logger, 'slack-notify'),
  });

  async function call<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        const failure = classifySlackError(error);
        const waitSeconds = Math.max(1, failure.retryAfterSeconds ?? 1);
        // A longer Retry-After than we would wait: trying earlier only earns another refusal.
        if (
          failure.kind !== 'ratelimited' ||
          attempt >= options.rateLimitRetries ||
          waitSeconds > MAX_WAIT_SECONDS
        ) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, waitSeconds * 1000));
      }
    }
  }

  const notifier: Notifier = {
    async post(channel, message, postOptions = {}) {
      const posted = await call(() =>
        client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
          ...(postOptions.threadTs ? { thread_ts: postOptions.threadTs } : {}),
          ...(postOptions.metadata ? { metadata: postOptions.metadata } : {}),
          unfurl_links: false,
        }),
      );
      return { channel: posted.channel ?? channel, ts: posted.ts ?? '' };
    },
    async update(channel, ts, message, metadata) {
      await call(() =>
        client.chat.update({
          channel,
          ts,
          text: message.text,
          blocks: message.blocks,
          ...(metadata ? { metadata } : {}),
        }),
      );
    },
    async dmChannel(userId) {
      const opened = await call(() => client.conversations.open({ users: userId }));
      const id = opened.channel?.id;
      if (!id) throw new Error('conversations.open returned no channel');
      return id;
    },
    async dm(userId, message, metadata) {
      return notifier.post(await notifier.dmChannel(userId), message, { metadata });
    },
    async ephemeral(channel, userId, message) {
      await call(() =>
        client.chat.postEphemeral({ channel, user: userId, text: message.text, blocks: message.blocks }),
      );
    },
    async permalink(channel, ts) {
      return (await call(() => client.chat.getPermalink({ channel, message_ts: ts }))).permalink;
    },
    async publishHome(userId, view) {
      await call(() => client.views.publish({ user_id: userId, view }));
    },
    findEarlier: (place, eventType, field, wanted) =>
      call(() => findEarlierPosts(client, place, eventType, field, wanted)),
  };
  return notifier;
}
