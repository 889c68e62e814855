import { createHash } from 'node:crypto';
import type { Logger } from '../log.js';
import {
  type Drawing,
  type RequestPicture,
  type RequestState,
  requestPicture,
} from '../messages/request-picture.js';
import type { ChannelAccountsRepo } from '../store/channel-accounts-repo.js';
import type { CustomerNoticesRepo } from '../store/customer-notices-repo.js';
import type { LineSubscriptionsRepo } from '../store/line-subscriptions-repo.js';
import type { OrdersRepo } from '../store/orders-repo.js';
import type { RequestItemsRepo } from '../store/request-items-repo.js';
import type {
  DrawLease,
  LeaseTiming,
  RequestMessage,
  RequestMessagesRepo,
} from '../store/request-messages-repo.js';
import type { RequestRecord, RequestsRepo } from '../store/requests-repo.js';
import { EVENT_TYPES, type MessageMetadata, messageMetadata, type PostPlace } from './message-metadata.js';
import type { Notifier } from './notifier.js';
import { postOnce } from './post-once.js';
import { classifySlackError, type SlackFailure } from './slack-failure.js';

/** What one pass reads and writes. */
export interface DrawDeps {
  requests: Pick<RequestsRepo, 'get' | 'setCard' | 'setStory'>;
  orders: Pick<OrdersRepo, 'getByRequest' | 'listByRequests' | 'setThread'>;
  channelAccounts: Pick<ChannelAccountsRepo, 'get'>;
  /** The text to the line (SIM swap, port-out PIN): the card says whether it went out. */
  customerNotices?: Pick<CustomerNoticesRepo, 'get'> | undefined;
  /** The new line's plan step: the thread says when Telegent refused it. */
  lineSubscriptions?: Pick<LineSubscriptionsRepo, 'listByRequest'> | undefined;
  /** A batch's items (3 new lines): the story lists what each got. */
  requestItems?: Pick<RequestItemsRepo, 'list'> | undefined;
  requestMessages: RequestMessagesRepo;
  notify: Notifier;
  logger: Logger;
  sandbox: boolean;
  approvalsChannelId?: string | undefined;
  /** The lease's clock and length (renewals before each Slack call). */
  timing: () => LeaseTiming;
}

/** A redraw that must be tried again later (Slack rate limit, a transient failure). */
export class TryLater extends Error {
  constructor(readonly failures: SlackFailure[]) {
    super(failures.map((f) => f.reason).join(', '));
  }
}

/** Another replica took the drawing over (this one's lease ran out): it draws; this one stops. */
export class LeaseLost extends Error {}

const digest = (drawing: Drawing) =>
  createHash('sha256').update(JSON.stringify(drawing)).digest('base64url').slice(0, 22);

/**
 * One redraw of a request under its lease: reads the request, its order and its channel's account afresh, posts
 * the card and the story if they are missing (once: post-once.ts), edits each message whose picture changed,
 * then posts the thread lines it owes. Throws TryLater when Slack failed in a way worth retrying, LeaseLost when
 * another replica took the drawing over.
 */
export async function drawRequest(deps: DrawDeps, lease: DrawLease): Promise<void> {
  const { requestMessages: repo, notify, logger } = deps;

  async function stateOf(request: RequestRecord): Promise<RequestState> {
    const [order, bound, notice, plans, items, orders] = await Promise.all([
      deps.orders.getByRequest(request.id),
      deps.channelAccounts.get(request.channelId),
      deps.customerNotices?.get(request.id) ?? null,
      deps.lineSubscriptions?.listByRequest(request.id) ?? [],
      deps.requestItems?.list(request.id) ?? [],
      // A batch's orders (one per number): each number's story line shows its order's status, and the story
      // offers Cancel all… while any port-in is open.
      deps.orders.listByRequests([request.id]),
    ]);
    const accountName = bound && bound.accountId === request.accountId ? bound.accountName : null;
    // A request's new lines' plan steps: one, or one per line of a batch.
    return { request, order, accountName, notice, plan: plans[0] ?? null, plans, items, orders };
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
      if (!(await repo.renew(lease, deps.timing()))) throw new LeaseLost();
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

  return draw(lease);
}
