import type { KnownBlock } from '@slack/types';
import type { OrderRecord } from '../store/orders-repo.js';
import { explainCarrierCode } from '../telegent/carrier-codes.js';
import { isTerminalOrderStatus } from '../telegent/order-status.js';
import type { OrderDetails } from '../telegent/response-schemas.js';
import {
  actions,
  context,
  fieldsSection,
  header,
  type MessagePayload,
  mention,
  message,
  sandboxBlocks,
  section,
} from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { isPortIn, orderButtons } from './order-buttons.js';
import { statusEmoji } from './status-emoji.js';

export interface OrderStatusArgs {
  order: OrderDetails;
  /** What we stored for it (kind, channel, requester), when it is one of ours. */
  stored?: OrderRecord | null | undefined;
  sandbox?: boolean | undefined;
}

const safe = (v: string | null | undefined, max = 200) => (v ? escapeMrkdwn(oneLine(v, max)) : undefined);

/** `/telegent status <OrderId>`: live state, carrier code explained, and Update / Cancel where they apply. */
export function orderStatusMessage(args: OrderStatusArgs): MessagePayload {
  const { order, stored } = args;
  const orderId = order.OrderId || stored?.orderId || 'unknown order';
  const status = order.OrderStatus ?? stored?.status ?? 'unknown';
  const numbers = order.PhoneNumbersOrdered.map((n) => n.Number);
  const numberText = numbers.length > 0 ? numbers : (stored?.numbers ?? []);
  const fields: Array<[string, string | undefined]> = [
    ['Status', `${statusEmoji(status)} ${safe(status, 80) ?? 'unknown'}`],
    ['Type', safe(order.OrderType) ?? safe(stored?.kind)],
    [
      'Number(s)',
      numberText.length > 0
        ? escapeMrkdwn(
            numberText.slice(0, 10).join(', ') +
              (numberText.length > 10 ? ` and ${numberText.length - 10} more` : ''),
          )
        : undefined,
    ],
    ['Port-in date', safe(order.PortInDate) ?? safe(stored?.portInDate)],
    ['Ordered', safe(order.OrderDate)],
    ['Last updated', safe(order.LastUpdated)],
    ['Requested by', stored ? mention(stored.requestedBy) : undefined],
  ];
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    header(`Order ${oneLine(orderId, 100)}`),
    fieldsSection(fields.filter((f): f is [string, string] => f[1] !== undefined)),
  ];
  const statusMessage = order.OrderStatusMessage ?? stored?.statusMessage;
  if (statusMessage) blocks.push(section(`*Telegent says:* ${escapeMrkdwn(oneLine(statusMessage, 1000))}`));
  const code = explainCarrierCode(statusMessage, orderId);
  if (code) {
    blocks.push(
      section(
        `:mag: *Carrier code ${escapeMrkdwn(code.code)}*: ${escapeMrkdwn(code.explanation)}.\n*Fix:* ${escapeMrkdwn(code.fix)}`,
      ),
    );
  }
  const buttons = orderButtons(orderId, {
    portIn: isPortIn(stored?.kind, order.OrderType),
    status,
    statusText: 'Refresh',
  });
  if (buttons.length > 0) blocks.push(actions(buttons));
  if (isTerminalOrderStatus(status))
    blocks.push(context('This order is finished: no further changes are expected.'));
  return message(`Order ${oneLine(orderId, 100)}: ${oneLine(status, 80)}`, blocks, args.sandbox);
}
