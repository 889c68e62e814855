import type { KnownBlock } from '@slack/types';
import { carrierMessageWords, dayWords, formatPhones, statusWords } from '../operations/glossary.js';
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
  slackDate,
} from './blocks.js';
import { ACTION } from './ids.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { isPortIn, orderButtons } from './order-buttons.js';
import { actionNeeded, orderTitle } from './order-messages.js';
import { statusEmoji } from './status-emoji.js';
import { customerWords, reasonWords } from './who-why.js';

export interface OrderStatusArgs {
  order: OrderDetails;
  /** What we stored for it (kind, channel, requester), when it is one of ours. */
  stored?: OrderRecord | null | undefined;
  sandbox?: boolean | undefined;
}

const safe = (v: string | null | undefined, max = 200) => (v ? escapeMrkdwn(oneLine(v, max)) : undefined);

/** Telegent's date-time strings ("2026-12-01T01:43:34.023Z", "12/01/2026 01:43 AM") as a Slack date token. */
function when(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}T/.test(value) ? value : undefined;
  const time = iso ? Date.parse(/Z|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`) : Date.parse(value);
  if (Number.isNaN(time)) return safe(value);
  return slackDate(new Date(time));
}

/** `/telegent status <OrderId>`: live state in words, carrier code explained, and Update / Cancel where they apply. */
export function orderStatusMessage(args: OrderStatusArgs): MessagePayload {
  const { order, stored } = args;
  const orderId = order.OrderId || stored?.orderId || 'unknown order';
  const status = order.OrderStatus ?? stored?.status ?? 'unknown';
  const numbers = order.PhoneNumbersOrdered.map((n) => n.Number);
  const numberText = numbers.length > 0 ? numbers : (stored?.numbers ?? []);
  const kind = stored ? orderTitle(stored.kind) : safe(order.OrderType);
  // The heading names up to two numbers; a field lists them only when there are more.
  const HEADLINE_NUMBERS = 2;
  const portDate = order.PortInDate ?? stored?.portInDate;
  // Shown to one person (an ephemeral answer, a modal): the customer by full name, and the ticket.
  const customer = stored ? customerWords(stored, { full: true }) : undefined;
  const reason = stored ? reasonWords(stored, 300) : undefined;
  const fields: Array<[string, string | undefined]> = [
    ['Customer', customer ? escapeMrkdwn(customer) : undefined],
    ['Reason / ticket', reason ? escapeMrkdwn(reason) : undefined],
    ['Status', `${statusEmoji(status)} ${safe(statusWords(status), 80) ?? 'unknown'}`],
    [
      'Numbers',
      numberText.length > HEADLINE_NUMBERS ? escapeMrkdwn(formatPhones(numberText, 10)) : undefined,
    ],
    ['Port date', portDate ? escapeMrkdwn(dayWords(portDate.slice(0, 10))) : undefined],
    ['Ordered', when(order.OrderDate)],
    ['Last updated', when(order.LastUpdated)],
    ['Requested by', stored ? mention(stored.requestedBy) : undefined],
    // The one place the full OrderId is shown (lists and threads shorten it; this is one click from them).
    ['Order', `\`${escapeMrkdwn(oneLine(orderId, 100))}\``],
  ];
  const headline = `${kind ?? 'Order'}${numberText.length > 0 ? ` of ${formatPhones(numberText, HEADLINE_NUMBERS)}` : ''}`;
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    header(headline),
    fieldsSection(fields.filter((f): f is [string, string] => f[1] !== undefined)),
  ];
  const statusMessage = order.OrderStatusMessage ?? stored?.statusMessage;
  const carrier = carrierMessageWords(statusMessage);
  const code = explainCarrierCode(statusMessage, orderId);
  // Status reads the order again: the same word as on every other order button.
  const buttons = orderButtons(orderId, { portIn: isPortIn(stored?.kind, order.OrderType), status });
  const fixBelow = buttons.some((b) => b.action_id === ACTION.orderUpdate);
  if (code) {
    const next = actionNeeded(orderId, statusMessage, { fixBelow });
    blocks.push(
      // The code said once, with its explanation (the short words would only repeat it).
      section(
        `:mag: *Carrier rejected (${escapeMrkdwn(code.code)})*: ${escapeMrkdwn(code.explanation)}.${next ? `\n${next}` : ''}`,
      ),
    );
  } else if (carrier) {
    blocks.push(section(escapeMrkdwn(oneLine(carrier, 1000))));
  }
  if (buttons.length > 0) blocks.push(actions(buttons));
  if (isTerminalOrderStatus(status))
    blocks.push(context('This order is finished: no further changes are expected.'));
  return message(`${headline}: ${statusWords(status)}`, blocks, args.sandbox);
}
