import type { KnownBlock } from '@slack/types';
import { customerFullName, requestReason } from '../requests/request-context.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { approvalProgressLine, mentionList } from './approval-progress.js';
import { askedBy } from './asked-by.js';
import {
  actions,
  button,
  context,
  type MessagePayload,
  message,
  sandboxBlocks,
  section,
  slackDate,
} from './blocks.js';
import { ACTION } from './ids.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { customerWords } from './who-why.js';

/** Where a request stands before it runs (after that, the outcome or its order's status tells the story). */
export type StoryStep = 'waiting' | 'approved' | 'rejected' | 'expired' | 'cancelled';

export interface RequestStoryArgs {
  request: RequestRecord;
  /** Operation title, e.g. "Port-in". */
  title: string;
  /** The operation's redacted summary. */
  summary: string;
  step: StoryStep;
  /** chat.getPermalink of the approval card (waiting): "open the approval request". */
  permalink?: string | null | undefined;
  /** Slack did not take the approval card (waiting): the approvers find the request in App Home instead. */
  cardRefused?: boolean | undefined;
  /** The channel's bound account by name, when the request is filed under it: "J. Doe · Acme". */
  accountName?: string | null | undefined;
  /** Who decided (rejected / cancelled / approved by one person). */
  by?: string | null | undefined;
  sandbox?: boolean | undefined;
}

const SAFE_URL = /^https?:\/\/[^\s|<>]+$/;

/**
 * What and which number, in one phrase, from the summary: its first clause without a closing aside
 * ("Port-in of (313) 555-0142 from Verizon as a phone line; account ••••…" → "Port-in of (313) 555-0142 from
 * Verizon as a phone line"), and whom it is for ("J. Doe · Acme").
 */
export function storyHeadline(
  request: RequestRecord,
  title: string,
  summary: string,
  accountName?: string | null,
): string {
  const first = (summary.split(';')[0] ?? '').replace(/\s*\([^()]*\)$/, '').trim();
  const customer = customerWords({ customerName: customerFullName(request.input), accountName });
  return `${first || title}${customer ? ` — ${customer}` : ''}`;
}

const FOLLOWS = 'updates will follow in this thread';
const TOLD = 'more in this thread';

/** `thread`: what the thread holds at this step; said only once something is there (or is on its way). */
const STEP: Record<StoryStep, { emoji: string; words: (by: string) => string; thread?: string }> = {
  waiting: { emoji: ':hourglass_flowing_sand:', words: () => 'waiting for approval', thread: FOLLOWS },
  approved: {
    emoji: ':white_check_mark:',
    words: (by) => `approved${by}, sending it to Telegent`,
    thread: FOLLOWS,
  },
  rejected: { emoji: ':x:', words: (by) => `rejected${by}; nothing was sent to Telegent`, thread: TOLD },
  expired: {
    emoji: ':hourglass:',
    words: () => 'expired without a decision; nothing was sent to Telegent',
    thread: TOLD,
  },
  cancelled: {
    emoji: ':heavy_multiplication_x:',
    words: (by) => `withdrawn${by}; nothing was sent to Telegent`,
  },
};

/**
 * The request's one message in the requester's channel ("⏳ Port-in of (313) 555-0142 from Verizon — waiting for
 * approval"), edited in place at every step; its thread holds the history (decisions, the outcome, and the
 * order's status changes once it runs), which the message mentions only once the thread has something.
 */
export function requestStoryMessage(args: RequestStoryArgs): MessagePayload {
  const { request } = args;
  const headline = storyHeadline(request, args.title, args.summary, args.accountName);
  const approvers = request.approvedBy ?? [];
  const people =
    args.step === 'approved' && approvers.length > 1 ? approvers : args.by ? [args.by] : ([] as string[]);
  const by = people.length > 0 ? ` by ${mentionList(people)}` : '';
  const step = STEP[args.step];
  const link =
    args.step !== 'waiting'
      ? ''
      : args.permalink && SAFE_URL.test(args.permalink)
        ? ` · <${args.permalink}|open the approval request>`
        : args.cardRefused
          ? ' · approvers find it in the Telegent Ops App Home'
          : '';
  const progress = args.step === 'waiting' ? approvalProgressLine(request) : null;
  const reason = requestReason(request.input);
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(
      `${step.emoji} *${escapeMrkdwn(oneLine(headline, 300))}* — ${step.words(by)}${link}${progress ? `\n${progress}` : ''}`,
    ),
    context(
      `Asked by ${askedBy(request)} ${slackDate(request.createdAt)}${reason ? ` · ${escapeMrkdwn(oneLine(reason, 200))}` : ''}${step.thread ? ` · ${step.thread}` : ''}`,
    ),
  ];
  if (args.step === 'waiting') {
    blocks.push(
      actions([button({ text: 'Nudge approvers', actionId: ACTION.nudge, value: request.id })]),
      context('Reminds the approvers now; at most once every 15 minutes.'),
    );
  }
  return message(
    `${oneLine(headline, 200)} — ${step.words(by.replace(/<@(\w+)>/g, '@$1'))}`,
    blocks,
    args.sandbox,
  );
}
