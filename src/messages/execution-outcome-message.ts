import type { KnownBlock } from '@slack/types';
import { formatPhones, shortId, statusWords } from '../operations/glossary.js';
import { isSuccessfulOrderStatus, isTerminalOrderStatus } from '../telegent/order-status.js';
import { context, type MessagePayload, message, sandboxBlocks, section } from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';

export type ExecutionStatus = 'succeeded' | 'failed' | 'unknown';

export interface ExecutionOutcomeArgs {
  title: string;
  status: ExecutionStatus;
  orderId?: string | null | undefined;
  /** The order the request created, as Telegent answered: a submitted order is not a finished one. */
  order?: { status: string; numbers: readonly string[] } | null | undefined;
  /** Whom it is for, as a channel may read it (short name). */
  customer?: string | null | undefined;
  /** The reason or ticket the request was filed with. */
  reason?: string | null | undefined;
  /** Redacted summary of what was asked. */
  summary: string;
  /** Error text for people (what happened and what to do; no endpoint, no raw Telegent message). */
  error?: string | null | undefined;
  /** What to do next. */
  hint?: string | null | undefined;
  /** The requester's channel, where a submitted order's thread follows the carrier. */
  channelId?: string | undefined;
  sandbox?: boolean | undefined;
}

const DEFAULT_HINT: Record<ExecutionStatus, string | undefined> = {
  succeeded: undefined,
  failed: 'Fix what the error says and submit a new request.',
  unknown:
    'Telegent did not say whether this worked. It was NOT retried; we check the order/inventory and update this thread. Do not resubmit until then.',
};

/**
 * The headline, honest about what happened: an order Telegent only accepted is "submitted" with its carrier
 * status, never "done"; a finished order names the number it got and for whom.
 */
export function outcomeHeadline(args: Pick<ExecutionOutcomeArgs, 'title' | 'status' | 'order' | 'customer'>) {
  const title = escapeMrkdwn(oneLine(args.title, 100));
  if (args.status === 'failed') return { emoji: ':x:', text: `*${title}* failed` };
  if (args.status === 'unknown') return { emoji: ':grey_question:', text: `*${title}*: outcome unknown` };
  const numbers = args.order?.numbers.length ? escapeMrkdwn(formatPhones(args.order.numbers, 3)) : '';
  const forWhom = args.customer ? ` for ${escapeMrkdwn(oneLine(args.customer, 80))}` : '';
  const order = args.order;
  if (order && !isTerminalOrderStatus(order.status)) {
    return {
      emoji: ':outbox_tray:',
      text: `*${title}*${numbers ? ` of ${numbers}` : ''}${forWhom} submitted to Telegent — carrier status *${escapeMrkdwn(statusWords(order.status))}*`,
    };
  }
  if (order && !isSuccessfulOrderStatus(order.status)) {
    return { emoji: ':x:', text: `*${title}* ended *${escapeMrkdwn(statusWords(order.status))}*` };
  }
  return { emoji: ':white_check_mark:', text: `*${title}* done${numbers ? `: ${numbers}` : ''}${forWhom}` };
}

/** The outcome after execution: in the card's thread and the requester's channel. */
export function executionOutcomeMessage(args: ExecutionOutcomeArgs): MessagePayload {
  const headline = outcomeHeadline(args);
  const order = args.orderId ? ` · order \`${escapeMrkdwn(shortId(args.orderId))}\`` : '';
  const submitted = args.status === 'succeeded' && args.order && !isTerminalOrderStatus(args.order.status);
  // A caller's hint is text (escaped); ours are written as mrkdwn (the channel's link).
  const hint = args.hint
    ? escapeMrkdwn(args.hint)
    : submitted
      ? `Follow it in ${args.channelId ? `<#${args.channelId}>` : 'the channel'}: every carrier status change is posted in the request's thread there.`
      : DEFAULT_HINT[args.status];
  const reason = args.reason?.trim() ? `\nReason / ticket: ${escapeMrkdwn(oneLine(args.reason, 200))}` : '';
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(`${headline.emoji} ${headline.text}${order}${reason}\n${escapeMrkdwn(args.summary)}`),
    ...(args.error ? [section(`*What happened:* ${escapeMrkdwn(oneLine(args.error, 1500))}`)] : []),
    ...(hint ? [context(hint)] : []),
  ];
  const plainHeadline = headline.text.replace(/\*/g, '');
  return message(plainHeadline, blocks, args.sandbox);
}
