import type { Logger } from '../log.js';
import type { RequestMessagesRepo } from '../store/request-messages-repo.js';
import type { EventType, MessageMetadata, PostPlace } from './message-metadata.js';
import type { Notifier, OutboundMessage } from './notifier.js';
import { classifySlackError, type SlackFailure } from './slack-failure.js';

export interface OncePost {
  requestId: string;
  /** Its name among the request's once-only posts ('card', 'story', 'decision', 'story-outcome'…). */
  post: string;
  place: PostPlace;
  message: OutboundMessage;
  /** Carried by the message: what a later look-up finds it by (`lookup.field` of its payload is `lookup.value`). */
  metadata: MessageMetadata;
  lookup: { field: string; value: string };
}

export interface PostOnceDeps {
  repo: Pick<RequestMessagesRepo, 'claimPost' | 'posts' | 'recordPost' | 'unclaimPost'>;
  notify: Pick<Notifier, 'post' | 'findEarlier'>;
  logger: Logger;
  /** Right before posting: throws when the caller no longer holds the request (its lease ran out). */
  fence: () => Promise<void>;
}

/** Slack answered with an error, so it did not take the post (an HTTP failure or a timeout may hide one). */
const certainlyNotPosted = (failure: SlackFailure, error: unknown) =>
  failure.kind !== 'transient' || Boolean((error as { data?: { error?: string } })?.data?.error);

/**
 * Posts a request's message effectively once: the post is claimed in `request_posts` first; a claim an earlier
 * attempt may have posted (it died, or Slack's answer was lost) is looked for in Slack by its metadata before it
 * is posted again, and recorded when found. Returns the message's ts, or the Slack failure (a post Slack
 * certainly did not take gives its claim back).
 */
export async function postOnce(
  deps: PostOnceDeps,
  once: OncePost,
): Promise<{ ts: string } | { failure: SlackFailure }> {
  const { repo, logger } = deps;
  const { requestId, post, place, lookup } = once;
  const claims = await repo.claimPost(requestId, post);
  if (claims === null) {
    const ts = (await repo.posts(requestId)).get(post)?.ts;
    if (ts) return { ts };
  }
  let earlier: Awaited<ReturnType<Notifier['findEarlier']>> | null = null;
  try {
    if (claims !== null && claims > 1) {
      const wanted = new Set([lookup.value]);
      earlier = await deps.notify.findEarlier(
        place,
        once.metadata.event_type as EventType,
        lookup.field,
        wanted,
      );
    }
  } catch (error) {
    // The look-up failed: an earlier attempt may have reached Slack, so never post blind; try again later.
    return { failure: classifySlackError(error) };
  }
  const found = earlier?.readable ? earlier.found.get(lookup.value) : undefined;
  if (found) {
    logger.info(
      { requestId, post },
      'found an earlier post of this request in Slack; recorded, not reposted',
    );
    await repo.recordPost(requestId, post, found);
    return { ts: found };
  }
  if (earlier && !earlier.readable) {
    logger.warn(
      { requestId, post, channel: place.channel, reason: earlier.reason },
      'cannot read the channel to check for an earlier post; posting (a crash just before may show it twice)',
    );
  }
  await deps.fence();
  let ts: string;
  try {
    ts = (
      await deps.notify.post(place.channel, once.message, {
        threadTs: place.threadTs,
        metadata: once.metadata,
      })
    ).ts;
  } catch (error) {
    const failure = classifySlackError(error);
    if (certainlyNotPosted(failure, error)) await repo.unclaimPost(requestId, post);
    logger.warn({ requestId, post, err: failure }, 'Slack did not take a post of this request');
    return { failure };
  }
  await repo.recordPost(requestId, post, ts);
  return { ts };
}
