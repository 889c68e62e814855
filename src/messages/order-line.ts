import type { SectionBlock } from '@slack/types';
import { ORDER_ID_MAX_LENGTH } from '../operations/fields/order-id.js';
import { orderTraits } from '../operations/registry.js';
import type { OrderRecord } from '../store/orders-repo.js';
import { button, mention, section, slackDate } from './blocks.js';
import { ACTION } from './ids.js';
import { escapeMrkdwn, oneLine } from './limits.js';

/** One stored order as a line: id, kind, status, numbers, port date, requester; optional Status button. */
export function orderLine(order: OrderRecord, options: { statusButton?: boolean } = {}): SectionBlock {
  const numbers =
    order.numbers.length > 3
      ? `${order.numbers.slice(0, 3).join(', ')} +${order.numbers.length - 3}`
      : order.numbers.join(', ');
  const parts = [
    `*\`${escapeMrkdwn(oneLine(order.orderId, 80))}\`* · ${escapeMrkdwn(orderTraits(order.kind).noun)} · *${escapeMrkdwn(oneLine(order.status, 60))}*`,
    [
      numbers ? escapeMrkdwn(numbers) : undefined,
      order.portInDate ? `port date ${escapeMrkdwn(order.portInDate)}` : undefined,
      `opened ${slackDate(order.createdAt)} by ${mention(order.requestedBy)}`,
    ]
      .filter(Boolean)
      .join(' · '),
  ];
  if (order.statusMessage) parts.push(`_${escapeMrkdwn(oneLine(order.statusMessage, 300))}_`);
  return section(
    parts.join('\n'),
    options.statusButton === false || order.orderId.length > ORDER_ID_MAX_LENGTH
      ? {}
      : { accessory: button({ text: 'Status', actionId: ACTION.orderStatus, value: order.orderId }) },
  );
}
