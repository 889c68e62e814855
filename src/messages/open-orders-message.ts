import type { KnownBlock } from '@slack/types';
import type { OrderRecord } from '../store/orders-repo.js';
import { context, header, type MessagePayload, message, sandboxBlocks } from './blocks.js';
import { fitItems, LIMITS } from './limits.js';
import { needingActionFirst, orderLine } from './order-line.js';

export interface OpenOrdersArgs {
  orders: readonly OrderRecord[];
  sandbox?: boolean | undefined;
}

/**
 * `/telegent orders`: this channel's open orders, those needing action first, one line each linked to its
 * thread, with a Status button (≤ 50 blocks).
 */
export function openOrdersMessage(args: OpenOrdersArgs): MessagePayload {
  const head: KnownBlock[] = [...sandboxBlocks(args.sandbox), header('Open orders in this channel')];
  if (args.orders.length === 0) {
    return message(
      'No open orders in this channel',
      [...head, context('No open orders. Start one with `/telegent provision` or `/telegent portin`.')],
      args.sandbox,
    );
  }
  const body = fitItems(
    needingActionFirst(args.orders),
    (order) => [orderLine(order)],
    { maxBlocks: LIMITS.messageBlocks - head.length, maxChars: LIMITS.messageTextBudget },
    (hidden) =>
      context(`…and ${hidden} more open order(s). Use \`/telegent status <OrderId>\` for any of them.`),
  );
  return message(`${args.orders.length} open order(s) in this channel`, [...head, ...body], args.sandbox);
}
