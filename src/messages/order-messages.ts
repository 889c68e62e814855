import type { types } from '@slack/bolt';
import { carrierMessageWords, dayWords, formatPhones, shortId, statusWords } from '../operations/glossary.js';
import { getOperation, isOperationKind, orderTraits } from '../operations/registry.js';
import type { OrderKind, OrderRecord } from '../store/orders-repo.js';
import { explainCarrierCode } from '../telegent/carrier-codes.js';
import {
  isRejectedOrderStatus,
  isSuccessfulOrderStatus,
  isTerminalOrderStatus,
  needsCarrierFix,
} from '../telegent/order-status.js';
import { sandboxPrefix, slackDate } from './blocks.js';
import { ACTION } from './ids.js';
import { escapeMrkdwn } from './limits.js';
import { orderButtons } from './order-buttons.js';
import { statusEmoji } from './status-emoji.js';
import { customerWords, reasonWords, type WhoWhy, whoWhySuffix, whoWhyText } from './who-why.js';

export type Block = types.KnownBlock;
export interface SlackMessage {
  /** Notification / fallback text. */
  text: string;
  blocks: Block[];
}

export interface MessageOptions {
  /** The backend is the Telegent sandbox: every message says so. */
  sandbox: boolean;
}

/** Slack's limits for one message. */
export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150 } as const;

/** Sections of one update message: readable, and far below Slack's total message size. */
const UPDATE_MAX_SECTIONS = 12;

const label = (kind: string) => orderTraits(kind).label;
/** What the order is called where the request was called by its title: "Provision", as on its card and story. */
export const orderTitle = (kind: string) => (isOperationKind(kind) ? getOperation(kind).title : label(kind));
const title = orderTitle;

export const SANDBOX_NOTE = ':test_tube: *SANDBOX*: simulated Telegent, nothing real was ordered or ported.';
const sandboxBlock = (): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text: SANDBOX_NOTE }] });
const prefix = (options: MessageOptions) => sandboxPrefix(options.sandbox);

/** "(801) 555-0100, (801) 555-0101 and 3 more" (numbers in prose are formatted; E.164 only in commands). */
export function numbersText(numbers: readonly string[], max = 5): string {
  if (numbers.length === 0) return 'no number yet';
  return formatPhones(numbers, max);
}

/** Where the message has the Fix… button, the next step points at it rather than spelling out a command. */
export const FIX_BELOW = '*Fix…* below opens the form with what to correct';

/**
 * "*Next step:* fix it with `/telegent portin update JNUOID-…`." for a known carrier code, or undefined. The
 * status line already says what the carrier objected to ("Carrier rejected: account number wrong (8A)"), so this
 * says only what to do; with `fixBelow` (a Fix… button in the same message) it points at the button instead.
 */
export function actionNeeded(
  orderId: string,
  statusMessage: string | null | undefined,
  options: { fixBelow?: boolean } = {},
): string | undefined {
  const code = explainCarrierCode(statusMessage, orderId);
  if (!code) return undefined;
  // The form fixes it when the code names fields, or says what to do first (a lock removed at the carrier).
  if (options.fixBelow && (code.fields.length > 0 || code.note)) return `*Next step:* ${FIX_BELOW}.`;
  const fix = escapeMrkdwn(code.fix).replace(/(\/telegent [^,;]*?)(?=$|[,;]| then | or )/g, '`$1`');
  return `*Next step:* ${fix}.`;
}

/** A Rejected port-in stays open at Telegent (it blocks a new port-in of the number): fix it or cancel it. */
export function rejectedNextStep(orderId: string, options: { fixBelow?: boolean } = {}): string {
  const stays =
    'the carrier rejected it, and it stays open at Telegent (a new port-in of the number would be refused).';
  if (options.fixBelow)
    return `${stays} *Next step:* ${FIX_BELOW}, or cancel it from the ⋯ menu and start again.`;
  const id = escapeMrkdwn(orderId);
  return `${stays} *Next step:* fix what the carrier objected to with \`/telegent portin update ${id}\`, or cancel it with \`/telegent portin cancel ${id}\` and start again.`;
}

/** " — Carrier rejected: account number wrong (8A)", or "" without a status message. */
function carrierSays(statusMessage: string | null | undefined): string {
  const words = carrierMessageWords(statusMessage);
  return words ? ` — ${escapeMrkdwn(words)}` : '';
}

/** "*Status:* :warning: *Carrier error* — Carrier rejected: account number wrong (8A)" (+ the next step). */
export function statusLine(
  order: {
    orderId: string;
    status: string;
    statusMessage?: string | null;
  },
  options: { fixBelow?: boolean } = {},
): string {
  const message = carrierSays(order.statusMessage);
  const action = actionNeeded(order.orderId, order.statusMessage, options);
  return `*Status:* ${statusEmoji(order.status)} *${escapeMrkdwn(statusWords(order.status))}*${message}${action ? `\n${action}` : ''}`;
}

/** What the root message shows: an OrderRecord, or the NewOrder about to be inserted. */
export interface RootOrder extends WhoWhy {
  orderId: string;
  kind: OrderKind;
  numbers: string[];
  status: string;
  statusMessage?: string | null;
  requestedBy: string;
  portInDate?: string | null;
  closedAt?: Date | null;
}

/**
 * The message posted when an order is created; its ts becomes orders.thread_ts. The poster re-renders it
 * with `chat.update` on every status change (block `order-status` holds the status line). Buttons (open
 * orders only) carry the OrderId as value.
 */
export function orderRootMessage(
  order: RootOrder,
  options: MessageOptions & { actions?: boolean },
): SlackMessage {
  const open = !isTerminalOrderStatus(order.status) && !order.closedAt;
  const elements =
    open && options.actions !== false
      ? orderButtons(order.orderId, { portIn: orderTraits(order.kind).portIn, status: order.status })
      : [];
  const fixBelow = elements.some((e) => e.action_id === ACTION.orderUpdate) && needsCarrierFix(order.status);
  const portDate = order.portInDate ? `\nPort date: ${dayWords(order.portInDate)}` : '';
  const blocks: Block[] = [
    {
      type: 'section',
      block_id: 'order-summary',
      text: {
        type: 'mrkdwn',
        // Leads with the number, whom it is for and why: "Port-in · (415) 555-0142 — J. Doe · Acme · ZD-4821".
        text:
          `*${title(order.kind)}* · ${numbersText(order.numbers)}${whoWhySuffix(order)}\n` +
          `Order \`${escapeMrkdwn(shortId(order.orderId))}\` · requested by <@${order.requestedBy}>${portDate}`,
      },
    },
    {
      type: 'section',
      block_id: 'order-status',
      text: { type: 'mrkdwn', text: statusLine(order, { fixBelow }) },
    },
  ];
  if (open) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Watching this order: status changes are posted in this thread.' }],
    });
  }
  if (elements.length > 0) blocks.push({ type: 'actions', block_id: 'order-actions', elements });
  if (options.sandbox) blocks.push(sandboxBlock());
  return {
    text: `${prefix(options)}${title(order.kind)} of ${numbersText(order.numbers, 2)}${plainWho(order)}: ${statusWords(order.status)}`,
    blocks,
  };
}

/** " — J. Doe" for notification text (plain, no reason: the reason may be long). */
function plainWho(who: WhoWhy): string {
  const customer = customerWords(who);
  return customer ? ` — ${customer}` : '';
}

/** One recorded status change, with what is needed to describe it (who and why: the order's). */
export interface OrderChange extends WhoWhy {
  orderId: string;
  kind: OrderKind;
  numbers: string[];
  status: string;
  statusMessage: string | null;
  occurredAt: Date;
  requestedBy: string;
}

/** Packs mrkdwn lines into sections within Slack's limits; what does not fit becomes "…and N more". */
export function packLines(lines: string[], maxBlocks: number, more: (n: number) => string): Block[] {
  const blocks: Block[] = [];
  let current = '';
  let used = 0;
  const limit = SLACK_LIMITS.sectionText - 100;
  const flush = () => {
    if (current) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: current } });
    current = '';
  };
  for (const raw of lines) {
    const line = raw.length > limit ? `${raw.slice(0, limit - 1)}…` : raw;
    if (current && current.length + 1 + line.length > limit) {
      if (blocks.length + 1 >= maxBlocks) break;
      flush();
    }
    current = current ? `${current}\n${line}` : line;
    used++;
  }
  if (used < lines.length) {
    const tail = `_${more(lines.length - used)}_`;
    if (current.length + 1 + tail.length <= SLACK_LIMITS.sectionText) current = `${current}\n${tail}`;
    else current = `${current.slice(0, SLACK_LIMITS.sectionText - tail.length - 2)}…\n${tail}`;
  }
  flush();
  return blocks;
}

/** `fixBelow`: the message carries the Fix… button for this change, so its next step points there. */
function changeLine(change: OrderChange, withOrder: boolean, fixBelow = false): string {
  const message = carrierSays(change.statusMessage);
  const head = withOrder
    ? `${label(change.kind)} of ${numbersText(change.numbers, 2)}${whoWhySuffix(change, { reasonMax: 60 })} (\`${escapeMrkdwn(shortId(change.orderId))}\`): `
    : `${slackDate(change.occurredAt)}: `;
  return withNextStep(
    `${statusEmoji(change.status)} ${head}*${escapeMrkdwn(statusWords(change.status))}*${message}`,
    change,
    fixBelow,
  );
}

/**
 * A change's line with what comes next: the requester's step (a carrier code to fix, a rejection), or that the
 * order is done or closed. `fixBelow`: the message carries the Fix… button for this change.
 */
export function withNextStep(line: string, change: OrderChange, fixBelow: boolean): string {
  const action =
    actionNeeded(change.orderId, change.statusMessage, { fixBelow }) ??
    (isRejectedOrderStatus(change.status) ? rejectedNextStep(change.orderId, { fixBelow }) : undefined);
  if (action) return `${line}\n      :point_right: <@${change.requestedBy}> ${action}`;
  if (isSuccessfulOrderStatus(change.status)) return `${line} — done, no more checks.`;
  if (isTerminalOrderStatus(change.status)) return `${line} — closed, no more checks.`;
  return line;
}

/**
 * Status changes for the outbox, in the order they happened. One order → a reply for its thread
 * ("status is now …"); several orders of one channel → one channel message listing every order's changes
 * (Slack allows about one message per second per channel). Carrier codes come with the explanation, the
 * fixing command and a mention of the requester.
 */
export function orderUpdateMessage(changes: OrderChange[], options: MessageOptions): SlackMessage {
  const orderIds = [...new Set(changes.map((c) => c.orderId))];
  const single = orderIds.length === 1;
  const last = changes.at(-1);
  const blocks: Block[] = [];
  let text: string;
  if (single && last) {
    text = `${prefix(options)}${title(last.kind)} of ${numbersText(last.numbers, 2)}${plainWho(last)}: ${statusWords(last.status)}`;
    // Read alone (a notification, a thread opened from a search), the line still says whom and why.
    const who = whoWhyText(last);
    const intro = `${changes.length === 1 ? 'Status update' : `${changes.length} status updates`}${who ? ` · ${who}` : ''} · order \`${escapeMrkdwn(shortId(last.orderId))}\``;
    // The carrier refused: one click from the bad news to the fix (the update form, fields marked).
    const fix =
      orderTraits(last.kind).portIn && needsCarrierFix(last.status)
        ? orderButtons(last.orderId, { portIn: true, status: last.status, showStatus: false })
        : [];
    const fixBelow = fix.some((e) => e.action_id === ACTION.orderUpdate);
    blocks.push(
      { type: 'context', elements: [{ type: 'mrkdwn', text: intro }] },
      ...packLines(
        changes.map((c) => changeLine(c, false, fixBelow && c === last)),
        UPDATE_MAX_SECTIONS,
        (n) => `…and ${n} more updates`,
      ),
    );
    if (fix.length > 0) blocks.push({ type: 'actions', elements: fix });
  } else {
    text = `${prefix(options)}${orderIds.length} orders changed status`;
    blocks.push(
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*${orderIds.length} orders changed status*` },
      },
      ...packLines(
        changes.map((c) => changeLine(c, true)),
        UPDATE_MAX_SECTIONS,
        (n) => `…and ${n} more changes: see /telegent orders`,
      ),
    );
  }
  if (options.sandbox) blocks.push(sandboxBlock());
  return { text, blocks };
}

/**
 * Told to the requester (DM) when their order reaches a terminal status: whom it was for by full name (a DM),
 * and the ticket it answers.
 */
export function requesterNotice(
  order: Pick<OrderRecord, 'orderId' | 'kind' | 'numbers' | 'status' | 'statusMessage' | 'channelId'> &
    WhoWhy,
  options: MessageOptions,
): SlackMessage {
  const ok = isSuccessfulOrderStatus(order.status);
  const cancelled = /^cancel/i.test(order.status);
  const customer = customerWords(order, { full: true });
  const forWhom = customer ? ` for ${escapeMrkdwn(customer)}` : '';
  const what = `Your ${orderTraits(order.kind).noun} of ${numbersText(order.numbers)}${forWhom} (order \`${escapeMrkdwn(shortId(order.orderId))}\`)`;
  const message = carrierSays(order.statusMessage);
  // How it ended, in a sentence: "is complete", "was cancelled", "did not go through — Carrier rejected: …".
  const ending = ok
    ? 'is complete'
    : cancelled
      ? 'was cancelled'
      : `did not go through${message || ` (${escapeMrkdwn(statusWords(order.status).toLowerCase())})`}`;
  const reason = reasonWords(order, 200);
  let body = `${statusEmoji(order.status)} ${what} ${ending}.`;
  if (reason) body += `\nReason / ticket: ${escapeMrkdwn(reason)}`;
  if (!ok && !cancelled) {
    const action = actionNeeded(order.orderId, order.statusMessage);
    body += `\n${action ?? orderTraits(order.kind).failedNextStep(order.orderId)}`;
  }
  body += `\nThe history is in the order's thread in <#${order.channelId}>.`;
  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: body } }];
  if (options.sandbox) blocks.push(sandboxBlock());
  return {
    text: `${prefix(options)}${title(order.kind)} of ${numbersText(order.numbers, 2)}${customer ? ` for ${customer}` : ''}: ${ok ? 'complete' : cancelled ? 'cancelled' : 'did not go through'}`,
    blocks,
  };
}
