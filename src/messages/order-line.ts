import type { SectionBlock } from '@slack/types';
import { ORDER_ID_MAX_LENGTH } from '../operations/fields/order-id.js';
import { carrierMessageWords, dayWords, formatPhones, shortId, statusWords } from '../operations/glossary.js';
import { orderTraits } from '../operations/registry.js';
import type { OrderRecord } from '../store/orders-repo.js';
import { needsCarrierFix } from '../telegent/order-status.js';
import { button, mention, messageLink, section, slackDate } from './blocks.js';
import { ACTION } from './ids.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { whoWhySuffix } from './who-why.js';

/**
 * One stored order as a line: what and which number (linked to the order's thread), whom it is for and why
 * ("J. Doe · Acme · ZD-4821"), status in words, port date, requester, the short OrderId; optional Status button.
 */
export function orderLine(order: OrderRecord, options: { statusButton?: boolean } = {}): SectionBlock {
  const numbers = order.numbers.length > 0 ? escapeMrkdwn(formatPhones(order.numbers, 3)) : 'no number yet';
  const what = `*${escapeMrkdwn(orderTraits(order.kind).label)}* of ${messageLink(order.channelId, order.threadTs, numbers)}`;
  const parts = [
    `${what}${whoWhySuffix(order, { reasonMax: 60 })} · *${escapeMrkdwn(oneLine(statusWords(order.status), 60))}*`,
    [
      order.portInDate ? `port date ${escapeMrkdwn(dayWords(order.portInDate))}` : undefined,
      `opened ${slackDate(order.createdAt)} by ${mention(order.requestedBy)}`,
      `\`${escapeMrkdwn(shortId(order.orderId))}\``,
    ]
      .filter(Boolean)
      .join(' · '),
  ];
  const carrier = carrierMessageWords(order.statusMessage);
  if (carrier) parts.push(`_${escapeMrkdwn(oneLine(carrier, 300))}_`);
  return section(
    parts.join('\n'),
    options.statusButton === false || order.orderId.length > ORDER_ID_MAX_LENGTH
      ? {}
      : { accessory: button({ text: 'Status', actionId: ACTION.orderStatus, value: order.orderId }) },
  );
}

/** The carrier refused it (Error, Rejected, ResolutionRequired) or it failed: someone has to act. */
export function needsAction(order: Pick<OrderRecord, 'status'>): boolean {
  return needsCarrierFix(order.status) || /^failed$/i.test(order.status.trim());
}

/** Orders needing action first (oldest first among them), then the others in their given order. */
export function needingActionFirst<T extends Pick<OrderRecord, 'status' | 'createdAt'>>(
  orders: readonly T[],
): T[] {
  const urgent = orders.filter(needsAction).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return [...urgent, ...orders.filter((o) => !needsAction(o))];
}
