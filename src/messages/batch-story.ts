import { carrierMessageWords, formatPhone, shortId, statusWords } from '../operations/glossary.js';
import type { OrderRecord } from '../store/orders-repo.js';
import type { RequestItemRecord } from '../store/request-items-repo.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { isRejectedOrderStatus, needsCarrierFix } from '../telegent/order-status.js';
import { actions, button, context, type MessagePayload, message, sandboxBlocks, section } from './blocks.js';
import { ACTION } from './ids.js';
import { escapeMrkdwn, LIMITS, oneLine } from './limits.js';
import { storyHeadline } from './request-story.js';
import { statusEmoji } from './status-emoji.js';

type StoryItem = Pick<RequestItemRecord, 'item' | 'status' | 'result' | 'error'>;

export interface BatchStoryArgs {
  request: RequestRecord;
  title: string;
  summary: string;
  items: readonly StoryItem[];
  /**
   * Items that differ (a port-in of several numbers): each one's label, in item order, and the progress verb
   * ("Submitted"). Absent: items alike (3 new lines), told by what they got.
   */
  itemWords?: { done: string; labels: readonly string[] } | undefined;
  /** The items' orders as last read: a line shows its order's status (the carrier's refusal, in words). */
  orders?: readonly Pick<OrderRecord, 'orderId' | 'status' | 'statusMessage'>[] | undefined;
  sandbox?: boolean | undefined;
  /** How many of the batch's port-ins are still open: with any, the story offers Cancel all…. */
  openPortIns?: number | undefined;
}

/** The numbers a settled item got (stored with it by requests/batch.ts). */
function numbersOf(item: Pick<RequestItemRecord, 'result'>): string[] {
  const numbers = (item.result as { numbers?: unknown } | null)?.numbers;
  return Array.isArray(numbers) ? numbers.filter((n): n is string => typeof n === 'string') : [];
}

/** The order a settled item made (stored with it by requests/batch.ts), when it made one. */
export function itemOrderId(item: Pick<RequestItemRecord, 'result'>): string | undefined {
  const orderId = (item.result as { orderId?: unknown } | null)?.orderId;
  return typeof orderId === 'string' ? orderId : undefined;
}

/** At most this many numbers are listed by name; the rest are counted. */
const LISTED = 20;

/** One item's line: its label and where it stands, in words (a refusal with Telegent's reason). */
function itemLine(item: StoryItem, label: string, verb: string, orders: BatchStoryArgs['orders']): string {
  const name = `*${escapeMrkdwn(oneLine(label, 60))}*`;
  const why = escapeMrkdwn(oneLine(item.error ?? '', 200));
  const orderId = itemOrderId(item);
  const order = orderId ? orders?.find((o) => o.orderId === orderId) : undefined;
  const ref = orderId ? ` · order \`${escapeMrkdwn(oneLine(shortId(orderId), 80))}\`` : '';
  switch (item.status) {
    case 'done': {
      if (!order) return `✅ ${name}: ${escapeMrkdwn(verb.toLowerCase())}${ref}`;
      // Where its order stands now (the poller's last read): a carrier's refusal in words, its Fix… in the thread.
      const carrier = carrierMessageWords(order.statusMessage);
      return `${statusEmoji(order.status)} ${name}: ${escapeMrkdwn(statusWords(order.status))}${carrier ? ` (${escapeMrkdwn(oneLine(carrier, 150))})` : ''}${ref}`;
    }
    case 'failed':
      // Refused by Telegent or never sent (its secrets unreadable after a restart): the error says which.
      return `❌ ${name}: not done: ${why}`;
    case 'unknown':
      return `⚠️ ${name}: not known (not sent again; check with Telegent before retrying): ${why}`;
    case 'claimed':
      return `⏳ ${name}: sending`;
    default:
      return `⏳ ${name}: waiting`;
  }
}

/** Lines packed into as few sections as Slack's section limit allows. */
function sections(lines: readonly string[]) {
  const packed: string[] = [];
  for (const line of lines) {
    const last = packed.at(-1);
    if (last !== undefined && last.length + line.length + 1 <= LIMITS.sectionText)
      packed[packed.length - 1] = `${last}\n${line}`;
    else packed.push(line);
  }
  return packed.map((text) => section(text));
}

/**
 * A batch request's one message, redrawn as each item settles. Items alike (3 new lines): "Provisioned 2 of 3:
 * (801) 555-0101, (801) 555-0102", then what did not go through and why, and how many are still on their way.
 * Items that differ (a port-in of 40 numbers): "Submitted 12 of 40", then one line per number with where it stands.
 */
export function batchStoryMessage(args: BatchStoryArgs): MessagePayload {
  const { items } = args;
  const done = items.filter((i) => i.status === 'done');
  const failed = items.filter((i) => i.status === 'failed');
  const unknown = items.filter((i) => i.status === 'unknown');
  const open = items.length - done.length - failed.length - unknown.length;
  // Submitted is not the end of a port-in: an order the carrier rejected, or one waiting on a fix, is a warning too.
  const orderTrouble = (args.orders ?? []).some(
    (o) =>
      done.some((i) => itemOrderId(i) === o.orderId) &&
      (isRejectedOrderStatus(o.status) || needsCarrierFix(o.status)),
  );
  const mark = open > 0 ? '⏳' : failed.length + unknown.length > 0 || orderTrouble ? '⚠️' : '✅';
  const head = `${mark} ${escapeMrkdwn(storyHeadline(args.request, args.title, args.summary))}`;
  const footer = context(`requested by <@${args.request.requestedBy}>`);
  const buttons = args.openPortIns ? [cancelAllButton(args.request.id, args.openPortIns)] : [];
  if (args.itemWords) {
    const { done: verb, labels } = args.itemWords;
    const progress = `*${escapeMrkdwn(verb)} ${done.length} of ${items.length}*${failed.length ? ` · ${failed.length} not done` : ''}${unknown.length ? ` · ${unknown.length} not known` : ''}`;
    const perItem = [...items]
      .sort((a, b) => a.item - b.item)
      .map((item) => itemLine(item, labels[item.item] ?? `#${item.item + 1}`, verb, args.orders));
    return message(`${head}\n${progress}`, [
      ...sandboxBlocks(args.sandbox),
      ...sections([head, progress]),
      ...sections(perItem),
      footer,
      ...buttons,
    ]);
  }
  const numbers = done.flatMap(numbersOf);
  const listed = numbers.slice(0, LISTED).map(formatPhone).join(', ');
  const more = numbers.length > LISTED ? ` and ${numbers.length - LISTED} more` : '';
  const verb = args.title.endsWith('e') ? `${args.title}d` : `${args.title}ed`;
  const progress = `*${verb} ${done.length} of ${items.length}*${numbers.length ? `: ${listed}${more}` : ''}`;
  const lines = [head, progress];
  if (failed.length > 0)
    lines.push(`${failed.length} not done: ${escapeMrkdwn(oneLine(failed[0]!.error ?? '', 300))}`);
  if (unknown.length > 0)
    lines.push(
      `${unknown.length} not known (not sent again; check with Telegent before retrying): ${escapeMrkdwn(oneLine(unknown[0]!.error ?? '', 300))}`,
    );
  if (open > 0) lines.push(`${open} still on the way`);
  const text = lines.join('\n');
  return message(text, [...sandboxBlocks(args.sandbox), section(text), footer, ...buttons]);
}

/** Cancel all… of a batch's open port-ins: opens a form (the numbers, a reason); a second person approves. */
function cancelAllButton(requestId: string, open: number) {
  return actions(
    [button({ text: `Cancel all ${open} open…`, actionId: ACTION.batchCancelAll, value: requestId })],
    'batch-actions',
  );
}
