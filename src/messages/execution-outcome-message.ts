import type { KnownBlock } from '@slack/types';
import { context, type MessagePayload, message, sandboxBlocks, section } from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';

export type ExecutionStatus = 'succeeded' | 'failed' | 'unknown';

export interface ExecutionOutcomeArgs {
  title: string;
  status: ExecutionStatus;
  orderId?: string | null | undefined;
  /** Redacted summary of what was asked. */
  summary: string;
  /** Error text (must already be secret-free: Telegent errors and our own messages are). */
  error?: string | null | undefined;
  /** What to do next. */
  hint?: string | null | undefined;
  sandbox?: boolean | undefined;
}

const HEADLINE: Record<ExecutionStatus, (title: string) => string> = {
  succeeded: (t) => `:white_check_mark: *${t}* done`,
  failed: (t) => `:x: *${t}* failed`,
  unknown: (t) => `:grey_question: *${t}*: outcome unknown`,
};

const DEFAULT_HINT: Record<ExecutionStatus, string | undefined> = {
  succeeded: undefined,
  failed: 'Fix what the error says and submit a new request.',
  unknown:
    'Telegent did not say whether this worked. It was NOT retried; we check the order/inventory and update this thread. Do not resubmit until then.',
};

/** The outcome after execution: in the card's thread and the requester's channel. */
export function executionOutcomeMessage(args: ExecutionOutcomeArgs): MessagePayload {
  const title = escapeMrkdwn(oneLine(args.title, 100));
  const order = args.orderId ? ` · order \`${escapeMrkdwn(oneLine(args.orderId, 80))}\`` : '';
  const hint = args.hint ?? DEFAULT_HINT[args.status];
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(`${HEADLINE[args.status](title)}${order}\n${escapeMrkdwn(args.summary)}`),
    ...(args.error ? [section(`*Error:* ${escapeMrkdwn(oneLine(args.error, 1500))}`)] : []),
    ...(hint ? [context(escapeMrkdwn(hint))] : []),
  ];
  const text = `${oneLine(args.title, 100)} ${args.status}${args.orderId ? ` (order ${oneLine(args.orderId, 80)})` : ''}`;
  return message(text, blocks, args.sandbox);
}
