import type { Logger } from '../log.js';
import type { OrdersRepo, PendingOrderEvent } from '../store/orders-repo.js';
import { isTerminalOrderStatus } from '../telegent/order-status.js';
import { orderRootMessage, orderUpdateMessage, requesterNotice } from '../views/order-messages.js';
import { classifySlackError, type WebClient } from './slack-client.js';

export interface OrderOutboxOptions {
  orders: OrdersRepo;
  /** A client that does not retry internally (see jobsSlackClient). */
  slack: WebClient;
  logger: Logger;
  sandbox: boolean;
  now?: () => Date;
  /** Events claimed per cycle (default 500). */
  batchSize?: number;
  /** How long a claim keeps other replicas off a channel's events (default 120 s): longer than a cycle's posts. */
  leaseSeconds?: number;
}

export interface OutboxResult {
  /** Events marked posted. */
  posted: number;
  /** Slack messages sent to channels/threads (one per channel per cycle). */
  messages: number;
  /** Events given back for the next cycle (Slack rate limit or a transient failure). */
  deferred: number;
  /** Events Slack will never accept (channel gone, bot removed…): logged and marked, so they do not loop. */
  dropped: number;
}

export interface OrderOutbox {
  /** Posts every unposted status change once. Never throws for Slack failures. */
  flush(): Promise<OutboxResult>;
}

/**
 * The outbox poster. Events are claimed a whole channel at a time (no other replica gets that channel's
 * events meanwhile) and each channel gets ONE message per cycle: a reply in the order's thread when only
 * one order changed, else one channel message listing every change. After the post the events are marked
 * posted at once; then each root message's status line is edited and, for a terminal status, the requester
 * gets a DM (the manifest's im:write scope; a DM reaches them whatever their channel notification settings,
 * and it is where the app's other personal notices go). Edits and DMs are best effort: logged, not retried.
 *
 * A crash after the claim and before the post leaves the events unposted; the lease runs out and the next
 * cycle (any replica) posts them, once. The only window for a repeat is a crash between Slack accepting the
 * post and the mark (a single UPDATE right after it).
 */
export function createOrderOutbox(options: OrderOutboxOptions): OrderOutbox {
  const { orders, slack, sandbox } = options;
  const logger = options.logger.child({ job: 'order-outbox' });
  const now = options.now ?? (() => new Date());

  async function followUp(channelEvents: PendingOrderEvent[]): Promise<void> {
    const lastByOrder = new Map<string, PendingOrderEvent>();
    for (const event of channelEvents) lastByOrder.set(event.orderId, event);
    for (const [orderId, last] of lastByOrder) {
      const order = await orders.get(orderId);
      if (!order) continue;
      if (order.threadTs) {
        const root = orderRootMessage(order, { sandbox });
        await slack.chat
          .update({ channel: order.channelId, ts: order.threadTs, text: root.text, blocks: root.blocks })
          .catch((error: unknown) =>
            logger.warn({ orderId, err: classifySlackError(error) }, 'could not edit the order message'),
          );
      }
      if (isTerminalOrderStatus(last.status)) {
        try {
          const opened = await slack.conversations.open({ users: order.requestedBy });
          const dm = opened.channel?.id;
          if (!dm) throw new Error('conversations.open returned no channel');
          const notice = requesterNotice(order, { sandbox });
          await slack.chat.postMessage({ channel: dm, text: notice.text, blocks: notice.blocks });
        } catch (error) {
          logger.warn(
            { orderId, user: order.requestedBy, err: classifySlackError(error) },
            'could not tell the requester',
          );
        }
      }
    }
  }

  return {
    async flush() {
      const result: OutboxResult = { posted: 0, messages: 0, deferred: 0, dropped: 0 };
      const events = await orders.claimUnpostedByChannel(options.batchSize ?? 500, {
        leaseSeconds: options.leaseSeconds ?? 120,
        now: now(),
      });
      const byChannel = new Map<string, PendingOrderEvent[]>();
      for (const event of events) {
        const list = byChannel.get(event.channelId) ?? [];
        list.push(event);
        byChannel.set(event.channelId, list);
      }

      for (const [channel, channelEvents] of byChannel) {
        const ids = channelEvents.map((e) => e.id);
        const orderIds = [...new Set(channelEvents.map((e) => e.orderId))];
        const threadTs = orderIds.length === 1 ? channelEvents[0]?.threadTs : null;
        const message = orderUpdateMessage(channelEvents, { sandbox });
        try {
          await slack.chat.postMessage({
            channel,
            thread_ts: threadTs ?? undefined,
            text: message.text,
            blocks: message.blocks,
            unfurl_links: false,
          });
        } catch (error) {
          const failure = classifySlackError(error);
          if (failure.kind === 'permanent') {
            await orders.markPosted(ids, now());
            result.dropped += ids.length;
            logger.error(
              { channel, orderIds, err: failure },
              'Slack refuses order updates for this channel; dropped them (invite the bot or fix the channel)',
            );
          } else {
            await orders.releaseEvents(ids);
            result.deferred += ids.length;
            logger.warn({ channel, orderIds, err: failure }, 'order updates not posted; retrying next cycle');
          }
          continue;
        }
        await orders.markPosted(ids, now());
        result.posted += ids.length;
        result.messages++;
        await followUp(channelEvents);
      }
      if (events.length > 0) logger.info(result, 'order updates posted');
      return result;
    },
  };
}
