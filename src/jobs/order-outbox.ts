import type { Logger } from '../log.js';
import { batchThreadUpdateMessage } from '../messages/batch-thread-update.js';
import { orderRootMessage, orderUpdateMessage, requesterNotice } from '../messages/order-messages.js';
import { EVENT_TYPES, eventsMetadata, messageMetadata, type PostPlace } from '../notify/message-metadata.js';
import type { Notifier } from '../notify/notifier.js';
import { classifySlackError, type SlackFailure } from '../notify/slack-failure.js';
import type { ClaimToken, OrderEventsRepo, PendingOrderEvent } from '../store/order-events-repo.js';
import type { OrdersRepo } from '../store/orders-repo.js';
import { isStoreUnavailable } from '../store/store-unavailable.js';

export interface OrderOutboxOptions {
  orders: OrdersRepo;
  orderEvents: OrderEventsRepo;
  /** The jobs' notifier: a rate-limited call fails at once (the events go back to the next cycle). */
  notify: Notifier;
  logger: Logger;
  sandbox: boolean;
  now?: () => Date;
  /** Events claimed per cycle (default 500). */
  batchSize?: number;
  /** How long a claim keeps other replicas off a channel's events (default 120 s): longer than a cycle's posts. */
  leaseSeconds?: number;
  /** An order a request created is shown by that request's message: asks for its redraw (notify/request-messages.ts). */
  redrawRequest?: ((requestId: string) => Promise<void>) | undefined;
}

export interface OutboxResult {
  /** Events whose channel post is done this cycle (posted now, or found already posted). */
  posted: number;
  /** Of `posted`: found already in Slack by their metadata (an earlier poster died after Slack took the post). */
  recovered: number;
  /** Slack messages sent to channels/threads (one per channel per cycle). */
  messages: number;
  /** Requester DMs of final statuses done this cycle (sent now, or found already sent). */
  notices: number;
  /** Events given back for the next cycle (Slack rate limit or a transient failure). */
  deferred: number;
  /** Events Slack will never accept (channel gone, bot removed…): logged and marked, so they do not loop. */
  dropped: number;
}

/** Where one message of a cycle goes, and what it carries. */
interface Place {
  /** A thread (an order's, or a batch's), or null: the channel itself. */
  threadTs: string | null;
  /** The orders of one batch, in their shared thread: each line names its number. */
  batch: boolean;
  events: PendingOrderEvent[];
}

/**
 * One message per place per cycle (Slack allows about one message a second per channel). A batch's orders (they
 * share their request's thread) answer in that thread, however many other orders changed. Of the rest, one order
 * alone gets a reply in its thread; several get one channel message listing every change.
 */
function placesOf(events: PendingOrderEvent[]): Place[] {
  const batches = new Map<string, PendingOrderEvent[]>();
  const singles: PendingOrderEvent[] = [];
  for (const event of events) {
    if (event.sharedThread && event.threadTs) {
      batches.set(event.threadTs, [...(batches.get(event.threadTs) ?? []), event]);
    } else singles.push(event);
  }
  const places: Place[] = [...batches].map(([threadTs, list]) => ({ threadTs, batch: true, events: list }));
  if (singles.length > 0) {
    const one = new Set(singles.map((e) => e.orderId)).size === 1;
    places.push({ threadTs: one ? (singles[0]?.threadTs ?? null) : null, batch: false, events: singles });
  }
  return places;
}

export interface OrderOutbox {
  /** Delivers every status change once: its channel post and, for a final status, the requester's DM. */
  flush(): Promise<OutboxResult>;
}

/**
 * A read or post that must wait for the next cycle: the events go back unmarked. `certainlyNotPosted`: Slack
 * refused the post itself (rate limited), so this attempt cannot have reached Slack.
 */
class Deferred extends Error {
  constructor(
    readonly failure: SlackFailure,
    readonly certainlyNotPosted = false,
  ) {
    super(failure.reason);
  }
}

/** A requester DM Slack keeps refusing for a reason not known to be permanent is given up after this many tries. */
const MAX_NOTICE_ATTEMPTS = 20;

/**
 * The outbox poster. Events are claimed a whole channel at a time (no other replica gets that channel's
 * events meanwhile) and each place gets ONE message per cycle (`placesOf`): a batch's thread its numbers' changes,
 * else a reply in the order's thread when only one order changed, else one channel message listing every change. Every message carries the event ids in
 * its Slack metadata. Then each root message's status line is edited (idempotent: chat.update of a known ts)
 * and, for a final status, the requester gets a DM (also carrying its event id).
 *
 * Effectively once: a fresh claim posts directly. An event claimed before (its poster died, or gave it back
 * after an answer that did not say whether Slack took the post) is first looked for in Slack — the threads of
 * its orders and the channel's newest messages, or the requester's DM — and a post found there is recorded
 * instead of posting again. A conversation the app may not read (no history scope, bot not in the channel)
 * cannot be checked: the post is made and a warning says how to close that gap. Claims are fenced: right before
 * it posts, a poster renews its lease with its claim token and posts nothing if another poster has taken over.
 */
export function createOrderOutbox(options: OrderOutboxOptions): OrderOutbox {
  const { orders, orderEvents, notify, sandbox } = options;
  const logger = options.logger.child({ job: 'order-outbox' });
  const now = options.now ?? (() => new Date());

  /** Event id → ts of a message already carrying it, from the places an earlier post may have gone. */
  async function earlierPosts(channel: string, retaken: PendingOrderEvent[]): Promise<Map<number, string>> {
    const wanted = new Set(retaken.map((e) => String(e.id)));
    const threads = new Set(retaken.flatMap((e) => (e.threadTs ? [e.threadTs] : [])));
    const places: PostPlace[] = [...[...threads].map((threadTs) => ({ channel, threadTs })), { channel }];
    const found = new Map<number, string>();
    for (const place of places) {
      if (found.size === wanted.size) break;
      const answer = await notify.findEarlier(place, EVENT_TYPES.orderEvent, 'event_ids', wanted);
      if (!answer.readable) {
        logger.warn(
          { channel, reason: answer.reason },
          'cannot read the channel to check for an earlier post of these status changes; posting them (a crash ' +
            'just before may show one twice). Invite the bot to the channel and grant the history scopes of manifest.yml',
        );
        continue;
      }
      for (const [id, ts] of answer.found) found.set(Number(id), ts);
    }
    return found;
  }

  async function editRootMessages(events: PendingOrderEvent[]): Promise<void> {
    // A batch's orders share their request's message: one redraw for all of them.
    const redrawn = new Set<string>();
    for (const orderId of new Set(events.map((e) => e.orderId))) {
      const order = await orders.get(orderId);
      if (order?.requestId && options.redrawRequest) {
        if (!redrawn.has(order.requestId)) await options.redrawRequest(order.requestId);
        redrawn.add(order.requestId);
        continue;
      }
      if (!order?.threadTs) continue;
      const root = orderRootMessage(order, { sandbox });
      await notify
        .update(
          order.channelId,
          order.threadTs,
          root,
          messageMetadata(EVENT_TYPES.order, { order_id: orderId }),
        )
        .catch((error: unknown) =>
          logger.warn({ orderId, err: classifySlackError(error) }, 'could not edit the order message'),
        );
    }
  }

  /** The channel post of the events that still need one. Throws Deferred to give the channel back. */
  async function postChannel(
    channel: string,
    events: PendingOrderEvent[],
    result: OutboxResult,
    stillHeld: () => Promise<boolean>,
  ): Promise<boolean> {
    let pending = events;
    const retaken = events.filter((e) => e.claims > 1);
    if (retaken.length > 0) {
      const found = await earlierPosts(channel, retaken).catch((error: unknown) => {
        throw new Deferred(classifySlackError(error));
      });
      const byTs = new Map<string, number[]>();
      for (const [id, ts] of found) byTs.set(ts, [...(byTs.get(ts) ?? []), id]);
      for (const [ts, ids] of byTs) await orderEvents.markPosted(ids, now(), ts);
      if (found.size > 0) {
        logger.info(
          { channel, eventIds: [...found.keys()] },
          'status changes were already in Slack; recorded, not reposted',
        );
      }
      result.posted += found.size;
      result.recovered += found.size;
      pending = events.filter((e) => !found.has(e.id));
    }
    if (pending.length === 0) return true;

    const posted: PendingOrderEvent[] = [];
    try {
      for (const place of placesOf(pending)) {
        // Each place is a post of its own (a batch's threads), and looking for earlier posts can be slow: only
        // while this poster still holds the events. False: another poster has them now.
        if (!(await stillHeld())) return false;
        if (await postPlace(channel, place, result)) posted.push(...place.events);
      }
      return true;
    } catch (error) {
      // A later place must wait (rate limit): the roots of what did get posted still show its new status.
      if (error instanceof Deferred && posted.length > 0) await editRootMessages(posted);
      throw error;
    }
  }

  /** One message in one place. False when Slack refuses it for good (dropped); throws Deferred to retry. */
  async function postPlace(channel: string, place: Place, result: OutboxResult): Promise<boolean> {
    const ids = place.events.map((e) => e.id);
    const orderIds = [...new Set(place.events.map((e) => e.orderId))];
    const message = place.batch
      ? batchThreadUpdateMessage(place.events, { sandbox })
      : orderUpdateMessage(place.events, { sandbox });
    let ts: string | undefined;
    try {
      const posted = await notify.post(channel, message, {
        threadTs: place.threadTs,
        metadata: eventsMetadata(EVENT_TYPES.orderEvent, ids),
      });
      ts = posted.ts;
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind !== 'permanent') throw new Deferred(failure, failure.kind === 'ratelimited');
      await orderEvents.markPosted(ids, now());
      result.dropped += ids.length;
      logger.error(
        { channel, orderIds, err: failure },
        'Slack refuses order updates for this channel; dropped them (invite the bot or fix the channel)',
      );
      return false;
    }
    await orderEvents.markPosted(ids, now(), ts || null);
    result.posted += ids.length;
    result.messages++;
    return true;
  }

  /** The requester's DM about a final status. Throws Deferred to retry it next cycle. */
  async function notifyRequester(event: PendingOrderEvent, result: OutboxResult): Promise<void> {
    const order = await orders.get(event.orderId);
    if (!order) return;
    let dm: string;
    try {
      dm = await notify.dmChannel(order.requestedBy);
    } catch (error) {
      return giveUpOrDefer(event, order.requestedBy, classifySlackError(error), true, result);
    }
    try {
      if (event.claims > 1) {
        const wanted = new Set([String(event.id)]);
        const earlier = await notify.findEarlier(
          { channel: dm },
          EVENT_TYPES.requesterNotice,
          'event_ids',
          wanted,
        );
        if (earlier.readable && earlier.found.size > 0) {
          logger.info(
            { orderId: order.orderId, eventId: event.id },
            'requester DM was already in Slack; recorded, not resent',
          );
          await orderEvents.markNoticed([event.id], now());
          result.notices++;
          return;
        }
        if (!earlier.readable) {
          logger.warn(
            { orderId: order.orderId, reason: earlier.reason },
            'cannot read the DM to check for an earlier notice; sending it (grant im:history, see manifest.yml)',
          );
        }
      }
    } catch (error) {
      // The read failed: an earlier attempt may have reached Slack, so never post blind.
      return giveUpOrDefer(event, order.requestedBy, classifySlackError(error), false, result);
    }
    try {
      const notice = requesterNotice(order, { sandbox });
      await notify.post(dm, notice, { metadata: eventsMetadata(EVENT_TYPES.requesterNotice, [event.id]) });
    } catch (error) {
      const failure = classifySlackError(error);
      return giveUpOrDefer(event, order.requestedBy, failure, failure.kind === 'ratelimited', result);
    }
    await orderEvents.markNoticed([event.id], now());
    result.notices++;
  }

  /** A DM that failed: retried next cycle, unless Slack will never take it or it has failed too often. */
  async function giveUpOrDefer(
    event: PendingOrderEvent,
    user: string,
    failure: SlackFailure,
    certainlyNotPosted: boolean,
    result: OutboxResult,
  ): Promise<void> {
    if (failure.kind !== 'permanent' && event.claims < MAX_NOTICE_ATTEMPTS) {
      throw new Deferred(failure, certainlyNotPosted);
    }
    logger.error(
      { orderId: event.orderId, user, err: failure, attempts: event.claims },
      'could not tell the requester; gave up (the order thread has the outcome)',
    );
    await orderEvents.markNoticed([event.id], now());
    result.dropped++;
  }

  async function deliverChannel(
    channel: string,
    events: PendingOrderEvent[],
    claim: ClaimToken,
    result: OutboxResult,
  ) {
    const unposted = events.filter((e) => !e.postedAt);
    const ids = events.map((e) => e.id);
    // Fenced: a poster whose lease ran out (a slow cycle) must not post what another poster now holds.
    const lease = { leaseSeconds: options.leaseSeconds ?? 120, now: now() };
    if (!(await orderEvents.renewClaim(ids, claim, lease))) {
      logger.warn({ channel }, 'another poster took these order updates over (lease ran out); left to it');
      return;
    }
    try {
      if (unposted.length > 0) {
        const held = await postChannel(channel, unposted, result, () =>
          orderEvents.renewClaim(ids, claim, { ...lease, now: now() }),
        );
        if (!held) {
          logger.warn(
            { channel },
            'another poster took these order updates over (lease ran out); left to it',
          );
          return;
        }
        await editRootMessages(unposted);
      }
      const lastNoticeByOrder = new Map<string, PendingOrderEvent>();
      for (const e of events) if (e.noticeDue && !e.noticePostedAt) lastNoticeByOrder.set(e.orderId, e);
      for (const event of lastNoticeByOrder.values()) {
        // Each DM is a post too: only while this poster still holds the events.
        if (!(await orderEvents.renewClaim(ids, claim, { ...lease, now: now() }))) {
          logger.warn(
            { channel },
            'another poster took these order updates over (lease ran out); left to it',
          );
          return;
        }
        await notifyRequester(event, result);
      }
      // An order's earlier final-status events (none in practice: an order closes once) need no second DM.
      const superseded = events.filter(
        (e) => e.noticeDue && !e.noticePostedAt && lastNoticeByOrder.get(e.orderId) !== e,
      );
      await orderEvents.markNoticed(
        superseded.map((e) => e.id),
        now(),
      );
    } catch (error) {
      if (!(error instanceof Deferred)) throw error;
      // Give back whatever is still owed; what was marked stays marked.
      await orderEvents.releaseEvents(ids, claim, { certainlyNotPosted: error.certainlyNotPosted });
      result.deferred += events.length;
      logger.warn(
        { channel, orderIds: [...new Set(events.map((e) => e.orderId))], err: error.failure },
        'order updates not delivered; retrying next cycle',
      );
    }
  }

  // Claims this process still holds from a cycle the database cut short: without this, their events (every
  // channel of the batch) would wait out the claim's lease after the database returns. Handed back first thing
  // once it answers; their claim count stays, so the next poster looks for an earlier post before posting.
  const stranded: { claim: ClaimToken; ids: number[] }[] = [];
  async function releaseStranded(): Promise<void> {
    while (stranded.length > 0) {
      const { claim, ids } = stranded[0]!;
      await orderEvents.releaseEvents(ids, claim);
      stranded.shift();
    }
  }

  return {
    async flush() {
      await releaseStranded();
      const result: OutboxResult = {
        posted: 0,
        recovered: 0,
        messages: 0,
        notices: 0,
        deferred: 0,
        dropped: 0,
      };
      const { claim, events } = await orderEvents.claimUndeliveredByChannel(options.batchSize ?? 500, {
        leaseSeconds: options.leaseSeconds ?? 120,
        now: now(),
      });
      const byChannel = new Map<string, PendingOrderEvent[]>();
      for (const event of events) {
        const list = byChannel.get(event.channelId) ?? [];
        list.push(event);
        byChannel.set(event.channelId, list);
      }
      try {
        for (const [channel, channelEvents] of byChannel) {
          await deliverChannel(channel, channelEvents, claim, result);
        }
      } catch (error) {
        if (isStoreUnavailable(error)) stranded.push({ claim, ids: events.map((e) => e.id) });
        throw error;
      }
      if (events.length > 0) logger.info(result, 'order updates delivered');
      return result;
    },
  };
}
