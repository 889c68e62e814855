import { carrierMessageWords, shortId, statusWords } from '../operations/glossary.js';
import { orderTraits } from '../operations/registry.js';
import { needsCarrierFix } from '../telegent/order-status.js';
import { sandboxPrefix } from './blocks.js';
import { ACTION } from './ids.js';
import { escapeMrkdwn } from './limits.js';
import { orderButtons } from './order-buttons.js';
import {
  type Block,
  type MessageOptions,
  numbersText,
  type OrderChange,
  packLines,
  SANDBOX_NOTE,
  type SlackMessage,
  withNextStep,
} from './order-messages.js';
import { statusEmoji } from './status-emoji.js';
import { customerWords, whoWhyText } from './who-why.js';

/** Sections of one batch-thread post: the rest is "…and N more" (the story and `/telegent orders` list all). */
const MAX_SECTIONS = 12;

/**
 * "✅ *(415) 555-0142* · `JNUOID-…`: *Completed* — done, no more checks.": the line leads with its number, since
 * in a batch's thread every line is for the same customer and ticket (said once, above the lines).
 */
function numberLine(change: OrderChange, fixBelow: boolean): string {
  const words = carrierMessageWords(change.statusMessage);
  const carrier = words ? ` — ${escapeMrkdwn(words)}` : '';
  const head = `*${numbersText(change.numbers, 2)}* · \`${escapeMrkdwn(shortId(change.orderId))}\``;
  return withNextStep(
    `${statusEmoji(change.status)} ${head}: *${escapeMrkdwn(statusWords(change.status))}*${carrier}`,
    change,
    fixBelow,
  );
}

/**
 * The changes of one cycle for the orders of one batch (a port-in of several numbers: one request, one order per
 * number, all in the request's thread), as ONE reply in that thread: whom and why once, then a line per change
 * naming its number, in the order they happened. When exactly one of them needs the carrier's objection fixed,
 * its Fix… is under the lines (several: each line says the command, a button would not say which number).
 */
export function batchThreadUpdateMessage(changes: OrderChange[], options: MessageOptions): SlackMessage {
  const first = changes[0];
  const orderIds = [...new Set(changes.map((c) => c.orderId))];
  const last = new Map(changes.map((c) => [c.orderId, c]));
  const toFix = [...last.values()].filter((c) => orderTraits(c.kind).portIn && needsCarrierFix(c.status));
  const fixable = toFix.length === 1 ? toFix[0] : undefined;
  const fix = fixable
    ? orderButtons(fixable.orderId, { portIn: true, status: fixable.status, showStatus: false })
    : [];
  const fixBelow = fix.some((e) => e.action_id === ACTION.orderUpdate);
  const who = first ? whoWhyText(first) : '';
  const updates = changes.length === 1 ? 'Status update' : `${changes.length} status updates`;
  const numbers = orderIds.length === 1 ? '' : ` · ${orderIds.length} numbers`;
  const blocks: Block[] = [
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${updates}${numbers}${who ? ` · ${who}` : ''}` }],
    },
    ...packLines(
      changes.map((c) => numberLine(c, fixBelow && c === last.get(fixable?.orderId ?? ''))),
      MAX_SECTIONS,
      (n) => `…and ${n} more updates: the story above lists every number`,
    ),
  ];
  if (fix.length > 0) blocks.push({ type: 'actions', elements: fix });
  if (options.sandbox) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: SANDBOX_NOTE }] });
  const label = first ? orderTraits(first.kind).label : 'Order';
  const customer = first ? customerWords(first) : undefined;
  const what =
    orderIds.length === 1 && first
      ? `${numbersText(first.numbers, 2)}: ${statusWords(changes.at(-1)!.status)}`
      : `${orderIds.length} numbers changed status`;
  return {
    text: `${sandboxPrefix(options.sandbox)}${label}${customer ? ` — ${customer}` : ''} · ${what}`,
    blocks,
  };
}
