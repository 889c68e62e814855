import { dayWords, formatPhone, shortId, timeZoneWords } from '../operations/glossary.js';
import type { OrderRecord } from '../store/orders-repo.js';
import { sandboxPrefix } from './blocks.js';
import { escapeMrkdwn } from './limits.js';
import { type WhoWhy, whoWhySuffix } from './who-why.js';

export interface PortDateHeadsUpArgs {
  order: Pick<OrderRecord, 'orderId' | 'numbers' | 'requestedBy' | 'portInDate'> & WhoWhy;
  kind: 'eve' | 'day';
  /** The channel's time zone (its digest's, else DIGEST_DEFAULT_TZ). */
  timeZone: string;
  sandbox?: boolean | undefined;
}

/** The heads-up posted in a port-in's thread the business day before its port date, and on the day. */
export function portDateHeadsUp(args: PortDateHeadsUpArgs) {
  const { order } = args;
  const when = dayWords(order.portInDate ?? '');
  // The OrderId too: without a thread (a root message never posted) the heads-up stands alone in the channel.
  // Whom and why too: the requester knows the customer by name and the ticket, not by the number.
  const number = `${escapeMrkdwn(formatPhone(order.numbers[0] ?? ''))}${whoWhySuffix(order, { reasonMax: 60 })} (order \`${escapeMrkdwn(shortId(order.orderId))}\`)`;
  // Whose "today": the channel's place ("London time"), not the raw IANA name; nothing for UTC.
  const place = timeZoneWords(args.timeZone);
  const zone = place ? ` (${escapeMrkdwn(place)})` : '';
  const text =
    args.kind === 'eve'
      ? `:calendar: <@${order.requestedBy}> ${number} ports on the next business day, ${when}${zone}. Check today that the customer's service at the old carrier is still active (no cancellation, no number lock), that the SIM is in the device, and that they know the line moves over during the day.`
      : `:calendar: ${number} ports today, ${when}${zone}. The line moves over during the day: status changes follow in this thread. If the customer loses service for more than a few hours, check \`/telegent status ${escapeMrkdwn(order.orderId)}\`.`;
  const blocks = [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text } }];
  if (args.sandbox) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: ':test_tube: *SANDBOX*: simulated Telegent, nothing real is ported.' },
    });
  }
  return {
    text: `${sandboxPrefix(args.sandbox)}${args.kind === 'eve' ? 'Ports next business day' : 'Ports today'}: ${order.numbers[0] ? formatPhone(order.numbers[0]) : shortId(order.orderId)}`,
    blocks,
  };
}
