import type { webApi } from '@slack/bolt';
import { classifySlackError } from './slack-failure.js';

type WebClient = webApi.WebClient;

/**
 * Slack message metadata: every message the app posts names what it carries, so a poster that takes over
 * from one that died can tell whether Slack already has the message (chat.postMessage has no idempotency
 * key). Only `event_type` and `event_payload` are set; values are strings (ids joined by commas).
 */
export const EVENT_TYPES = {
  /** A status change (thread reply, or one channel message listing several orders' changes). */
  orderEvent: 'telegent_order_event',
  /** The requester's DM about an order's final status. */
  requesterNotice: 'telegent_requester_notice',
  /** An order's root message (edited at every change). */
  order: 'telegent_order',
  /** A channel's daily digest. */
  digest: 'telegent_digest',
  /** An approval card. */
  approvalCard: 'telegent_approval_card',
  /** A request's one message in the requester's channel (edited at every step; becomes its order's root). */
  requestStory: 'telegent_request_story',
  /** A line a request owes its thread once (the decision notice, the outcome): `request_line` "<id>:<line>". */
  requestLine: 'telegent_request_line',
  /** A port-date heads-up in an order's thread (the day before, and on the day). */
  portDateHeadsUp: 'telegent_port_date_headsup',
} as const;

export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

export interface MessageMetadata {
  event_type: EventType;
  event_payload: Record<string, string>;
}

export function messageMetadata(eventType: EventType, payload: Record<string, string>): MessageMetadata {
  return { event_type: eventType, event_payload: payload };
}

/** Metadata for a message carrying these outbox events (`event_ids`: "12,13"). */
export function eventsMetadata(eventType: EventType, eventIds: readonly number[]): MessageMetadata {
  return messageMetadata(eventType, { event_ids: eventIds.join(',') });
}

/** Where an earlier post may sit: a thread (conversations.replies) or a conversation's top level (history). */
export type PostPlace = { channel: string; threadTs: string } | { channel: string; threadTs?: undefined };

/** Slack answers that mean "this conversation cannot be read": look no further, the caller decides. */
const UNREADABLE = new Set([
  'missing_scope',
  'not_in_channel',
  'channel_not_found',
  'not_allowed_token_type',
]);

export type EarlierPosts =
  /** Message ts per wanted key found in the place's messages of this event type. */
  | { readable: true; found: Map<string, string> }
  /** The place cannot be read (no history scope, bot not in the channel): the reason, log-safe. */
  | { readable: false; reason: string };

/** Messages read at most per place: an earlier post sits among the newest (it is minutes old at most). */
const PAGE_SIZE = 200;
const MAX_PAGES = 5;

/**
 * Looks in one place for messages of `eventType` whose payload field `field` (a comma list) names any of
 * `wanted`. Reads only on recovery, never on the normal path. A thread that does not exist holds nothing.
 * Rate limits and transient failures throw (the caller gives the work back and retries later: posting
 * blind could repeat a message).
 */
export async function findEarlierPosts(
  slack: WebClient,
  place: PostPlace,
  eventType: EventType,
  field: string,
  wanted: ReadonlySet<string>,
): Promise<EarlierPosts> {
  const found = new Map<string, string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES && found.size < wanted.size; page++) {
    let answer: Awaited<ReturnType<WebClient['conversations']['history']>>;
    try {
      const common = { channel: place.channel, include_all_metadata: true, limit: PAGE_SIZE, cursor };
      answer = place.threadTs
        ? await slack.conversations.replies({ ...common, ts: place.threadTs })
        : await slack.conversations.history(common);
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.reason === 'thread_not_found') return { readable: true, found };
      if (UNREADABLE.has(failure.reason)) return { readable: false, reason: failure.reason };
      throw error;
    }
    for (const message of answer.messages ?? []) {
      const metadata = message.metadata;
      if (metadata?.event_type !== eventType || !message.ts) continue;
      const value = (metadata.event_payload as Record<string, unknown> | undefined)?.[field];
      for (const key of String(value ?? '').split(',')) {
        if (wanted.has(key) && !found.has(key)) found.set(key, message.ts);
      }
    }
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return { readable: true, found };
}
