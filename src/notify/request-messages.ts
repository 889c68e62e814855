import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from '../log.js';
import {
  type Drawing,
  type RequestPicture,
  type RequestState,
  requestPicture,
} from '../messages/request-picture.js';
import type { ChannelAccountsRepo } from '../store/channel-accounts-repo.js';
import type { OrdersRepo } from '../store/orders-repo.js';
import type { DrawLease, RequestMessage, RequestMessagesRepo } from '../store/request-messages-repo.js';
import type { RequestRecord, RequestsRepo } from '../store/requests-repo.js';
import { EVENT_TYPES, type MessageMetadata, messageMetadata, type PostPlace } from './message-metadata.js';
import type { Notifier } from './notifier.js';
import { postOnce } from './post-once.js';
import { classifySlackError, type SlackFailure } from './slack-failure.js';

export interface RequestMessagesDeps {
  requests: Pick<RequestsRepo, 'get' | 'setCard' | 'setStory'>;
  orders: Pick<OrdersRepo, 'getByRequest' | 'setThread'>;
  channelAccounts: Pick<ChannelAccountsRepo, 'get'>;
  requestMessages: RequestMessagesRepo;
  notify: Notifier;
  logger: Logger;
  sandbox: boolean;
  approvalsChannelId?: string | undefined;
  now: () => Date;
  /**
   * How long a replica's hold on drawing a request lasts unless renewed (renewed every third of it while it
   * draws, and before every Slack call): a killed replica's redraw is taken over (by the request-redraws job)
   * within about this plus 5 s.
   */
  leaseSeconds?: number;
}

export interface RequestMessages {
  /**
   * Asks for a redraw of the request's messages from what is stored, and draws it unless another replica is
   * drawing that request (it draws this ask too before letting go). Never throws: Slack failures are retried
   * by `sweep`.
   */
  sync(requestId: string): Promise<void>;
  /** Draws the redraws owed that nobody holds (a killed replica's, a failed one's once due): how many. */
  sweep(): Promise<number>;
}

/** A redraw that must be tried again later (Slack rate limit, a transient failure). */
class TryLater extends Error {
  constructor(readonly failures: SlackFailure[]) {
    super(failures.map((f) => f.reason).join(', '));
  }
}

/** Another replica took the drawing over (this one's lease ran out): it draws; this one stops. */
class LeaseLost extends Error {}

/** After this many failed redraws in a row a request's messages are left as they are (logged). */
const MAX_FAILURES = 8;

const digest = (drawing: Drawing) =>
  createHash('sha256').update(JSON.stringify(drawing)).digest('base64url').slice(0, 22);

/**
 * A request's messages as a projection of what is stored. Every step (filed, approved, 1 of 2, rejected,
 * expired, withdrawn, ran, order status changed) stores its fact and calls `sync`: one redraw reads the
 * request, its approvals and its order afresh and makes Slack show `requestPicture` of it.
 *
 * One drawer per request: in this process the asks for a request coalesce into one loop (it draws again while
 * more was asked), and across replicas a lease in `request_messages` lets one replica draw a request at a time;
 * the others leave their ask for it. So a slow, late redraw can never put an older picture over a newer one:
 * the newer one is drawn after it, from the state as it is then.
 *
 * Posts that must appear once (the card, the story, the decision notice, the outcome lines) are claimed in
 * `request_posts` before they are posted and carry the request in their metadata; a claim an earlier drawer may
 * have posted (it died, or Slack's answer was lost) is looked for in Slack before it is posted again.
 */
export function createRequestMessages(deps: RequestMessagesDeps): RequestMessages {
  const { requestMessages: repo, notify } = deps;
  const logger = deps.logger.child({ component: 'request-messages' });
  const leaseSeconds = deps.leaseSeconds ?? 9;
  const timing = () => ({ now: deps.now(), leaseSeconds });
  const running = new Map<string, Promise<void>>();

  async function stateOf(request: RequestRecord): Promise<RequestState> {
    const [order, bound] = await Promise.all([
      deps.orders.getByRequest(request.id),
      deps.channelAccounts.get(request.channelId),
    ]);
    const accountName = bound && bound.accountId === request.accountId ? bound.accountName : null;
    return { request, order, accountName };
  }

  /** The card's link, only while the story shows "waiting" beside a card elsewhere. */
  async function permalinkFor(request: RequestRecord): Promise<string | null> {
    const separate = request.cardChannelId && request.cardChannelId !== request.channelId;
    if (request.status !== 'pending_approval' || !separate || !request.cardTs) return null;
    return (await notify.permalink(request.cardChannelId!, request.cardTs).catch(() => undefined)) ?? null;
  }

  async function pictureOf(
    request: RequestRecord,
  ): Promise<{ state: RequestState; picture: RequestPicture }> {
    const state = await stateOf(request);
    const picture = requestPicture(state, {
      approvalsChannelId: deps.approvalsChannelId,
      cardPermalink: await permalinkFor(request),
      sandbox: deps.sandbox,
    });
    return { state, picture };
  }

  function metadataOf(drawing: Drawing, state: RequestState): MessageMetadata {
    const requestId = state.request.id;
    if (drawing.shows === 'order' && state.order) {
      return messageMetadata(EVENT_TYPES.order, { order_id: state.order.orderId, request_id: requestId });
    }
    const type = drawing.shows === 'card' ? EVENT_TYPES.approvalCard : EVENT_TYPES.requestStory;
    return messageMetadata(type, { request_id: requestId });
  }

  /** One pass: the first posts if missing, then each message redrawn if it shows something else, then the lines. */
  async function draw(lease: DrawLease): Promise<void> {
    const id = lease.requestId;
    const failures: SlackFailure[] = [];
    const fence = async () => {
      if (!(await repo.renew(lease, timing()))) throw new LeaseLost();
    };

    /** A once-only post (see post-once.ts); its failure is noted for the end of the pass. */
    async function once(
      post: string,
      place: PostPlace,
      message: Drawing['message'],
      metadata: MessageMetadata,
      lookup: { field: string; value: string },
    ): Promise<string | null> {
      const done = await postOnce(
        { repo, notify, logger, fence },
        { requestId: id, post, place, message, metadata, lookup },
      );
      if ('ts' in done) return done.ts;
      failures.push(done.failure);
      return null;
    }

    async function redraw(
      which: RequestMessage,
      channel: string,
      ts: string,
      drawing: Drawing,
      state: RequestState,
    ) {
      const shows = digest(drawing);
      if (lease.shows[which] === shows) return;
      await fence();
      try {
        await notify.update(channel, ts, drawing.message, metadataOf(drawing, state));
      } catch (error) {
        const failure = classifySlackError(error);
        logger.warn(
          { requestId: id, message: which, err: failure },
          'could not redraw a message of this request',
        );
        failures.push(failure);
        return;
      }
      await repo.setShows(lease, which, shows);
      lease.shows[which] = shows;
    }

    let request = await deps.requests.get(id);
    if (!request) return;

    // The card is posted while the request waits for a decision (afterwards it would aid nobody).
    if (!request.cardTs && request.status === 'pending_approval') {
      const { state, picture } = await pictureOf(request);
      if (picture.card) {
        const ts = await once(
          'card',
          { channel: picture.cardChannel },
          picture.card.message,
          metadataOf(picture.card, state),
          {
            field: 'request_id',
            value: id,
          },
        );
        if (ts) {
          await deps.requests.setCard(id, picture.cardChannel, ts);
          if (picture.cardIsStory) await deps.requests.setStory(id, ts);
          await repo.setShows(lease, 'card', digest(picture.card));
          lease.shows.card = digest(picture.card);
          request = (await deps.requests.get(id)) ?? request;
        }
      }
    }
    // The story: the card itself when the card is in the requester's channel, else its own message there.
    if (!request.storyTs) {
      const { picture } = await pictureOf(request);
      if (picture.cardIsStory && request.cardTs) {
        await deps.requests.setStory(id, request.cardTs);
      } else if (!(picture.cardIsStory && picture.card && request.status === 'pending_approval')) {
        const ts = await once(
          'story',
          { channel: request.channelId },
          picture.story.message,
          messageMetadata(EVENT_TYPES.requestStory, { request_id: id }),
          { field: 'request_id', value: id },
        );
        if (ts) {
          await deps.requests.setStory(id, ts);
          // Posted as the request's story; shown as an order's root, it gets the order's metadata below.
          if (picture.story.shows !== 'order') {
            await repo.setShows(lease, 'story', digest(picture.story));
            lease.shows.story = digest(picture.story);
          }
        }
      }
      request = (await deps.requests.get(id)) ?? request;
    }

    const { state, picture } = await pictureOf(request);
    if (state.order && request.storyTs && state.order.threadTs !== request.storyTs) {
      // The order's thread is the story's (stored with the order, unless the story came after it).
      await deps.orders.setThread(state.order.orderId, request.storyTs);
    }
    if (picture.card && request.cardChannelId && request.cardTs) {
      await redraw('card', request.cardChannelId, request.cardTs, picture.card, state);
    }
    if (request.storyTs && request.storyTs !== request.cardTs) {
      await redraw('story', request.channelId, request.storyTs, picture.story, state);
    }
    for (const line of picture.lines) {
      const onCard = line.thread === 'card';
      const threadTs = onCard ? request.cardTs : request.storyTs;
      const channel = onCard ? request.cardChannelId : request.channelId;
      if (!threadTs || !channel) continue;
      const key = `${id}:${line.name}`;
      await once(
        line.name,
        { channel, threadTs },
        line.message,
        messageMetadata(EVENT_TYPES.requestLine, { request_line: key }),
        { field: 'request_line', value: key },
      );
    }
    const retry = failures.filter((f) => f.kind !== 'permanent');
    if (retry.length > 0) throw new TryLater(retry);
  }

  /** Draws while this replica holds the request and more was asked; lets go when it is drawn. */
  async function drawWhileAsked(requestId: string): Promise<void> {
    const lease = await repo.lease(requestId, randomUUID(), timing());
    if (!lease) return;
    // Renewed while drawing (a slow Slack call keeps it), so the lease can be short: a killed replica's
    // request is taken over within seconds.
    const heartbeat = setInterval(
      () => void repo.renew(lease, timing()).catch(() => undefined),
      (1000 * leaseSeconds) / 3,
    );
    heartbeat.unref();
    try {
      await drawLeased(lease);
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function drawLeased(lease: DrawLease): Promise<void> {
    const { requestId } = lease;
    for (;;) {
      try {
        await draw(lease);
      } catch (error) {
        if (error instanceof LeaseLost) {
          logger.warn({ requestId }, 'another replica took over drawing this request; left to it');
          return;
        }
        const failures = await repo.failed(lease, deps.now());
        if (failures >= MAX_FAILURES) {
          await repo.giveUp(lease);
          logger.error(
            { requestId, failures },
            'gave up redrawing this request in Slack after repeated failures',
          );
        } else {
          logger.warn(
            {
              requestId,
              failures,
              err: error instanceof TryLater ? error.message : (error as Error).message,
            },
            'redraw of this request failed; retried later',
          );
        }
        return;
      }
      const next = await repo.drawn(lease, timing());
      if (next === null) return;
      lease.target = next;
    }
  }

  async function sync(requestId: string): Promise<void> {
    try {
      await repo.ask(requestId);
      // One loop per request in this process: wait for the one running (it may end just before this ask is
      // seen), then draw what is still owed.
      for (let current = running.get(requestId); current; current = running.get(requestId)) await current;
      const loop = drawWhileAsked(requestId).finally(() => running.delete(requestId));
      running.set(requestId, loop);
      await loop;
    } catch (error) {
      logger.warn({ requestId, err: { message: (error as Error).message } }, 'could not redraw a request');
    }
  }

  return {
    sync,
    async sweep() {
      const owed = await repo.listOwed(deps.now());
      for (const requestId of owed) {
        if (running.has(requestId)) continue;
        const loop = drawWhileAsked(requestId).finally(() => running.delete(requestId));
        running.set(requestId, loop);
        await loop.catch((error: Error) =>
          logger.warn({ requestId, err: { message: error.message } }, 'could not redraw a request'),
        );
      }
      return owed.length;
    },
  };
}
