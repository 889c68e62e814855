import type { KnownBlock } from '@slack/types';
import { titleInSentence } from '../operations/glossary.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { approvalProgressLine, mentionList } from './approval-progress.js';
import { context, type MessagePayload, mention, message, section } from './blocks.js';
import { decisionLine } from './decided-card.js';
import { BLOCK } from './ids.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { decisionButtons } from './request-card.js';
import { type NameForm, numberAndCustomer, reasonAndVerification } from './request-who-why.js';

const SAFE_URL = /^https?:\/\/[^\s|<>]+$/;

/** "25 min", "2 h", "2 h 30 min", "1 day 3 h": how long a request has waited. */
export function waitedFor(ms: number): string {
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return `${days} day${days > 1 ? 's' : ''}${hours % 24 ? ` ${hours % 24} h` : ''}`;
}

export interface ReminderArgs {
  request: RequestRecord;
  title: string;
  summary: string;
  now: Date;
  /** The requester who pressed Nudge, when it was a nudge. */
  nudgedBy?: string | undefined;
  sandbox?: boolean | undefined;
}

const NIGHT_NOTE = 'Reminders pause 20:00–09:00 in your time zone.';

function standing(request: RequestRecord): string {
  const progress = approvalProgressLine(request);
  return progress && request.approvedBy.length > 0 ? ` (${progress})` : '';
}

/** "a port-in", "an update number": the article a title takes mid-sentence. */
function withArticle(words: string): string {
  return `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;
}

function opening(args: ReminderArgs): string {
  return args.nudgedBy ? `${mention(args.nudgedBy)} nudged: ` : 'Reminder: ';
}

/** The first reminder: a reply in the approval card's thread mentioning the approvers (or the approvers' group). */
export function reminderThreadReply(
  args: ReminderArgs & { mention: readonly string[]; group?: string | undefined },
): MessagePayload {
  const { request } = args;
  const who =
    args.mention.length > 0
      ? `${mentionList(args.mention)}: `
      : args.group
        ? `<!subteam^${args.group}>: `
        : 'Approvers: ';
  const waited = waitedFor(args.now.getTime() - request.createdAt.getTime());
  // A channel: the customer's short name.
  const text = `:bell: ${who}${opening(args)}this ${escapeMrkdwn(titleInSentence(args.title))} request${forWhom(request, 'short')} from ${mention(request.requestedBy)} has waited ${waited} for approval${standing(request)}. Approve or reject it on the card above.`;
  return message(
    `${opening(args)}${args.title}${plainWho(request, 'short')} has waited ${waited} for approval`,
    [section([text, ...reasonAndVerification(request)].join('\n')), context(NIGHT_NOTE)],
    args.sandbox,
  );
}

/** " for *(415) 555-0142 · Jane Doe*": whom the request is for, in a sentence; empty when unknown. */
function forWhom(request: RequestRecord, names: NameForm): string {
  const who = numberAndCustomer(request, names);
  return who ? ` for *${who}*` : '';
}

/** " · (415) 555-0142 · Jane Doe" for a notification's plain text. */
function plainWho(request: RequestRecord, names: NameForm): string {
  const who = numberAndCustomer(request, names);
  return who ? ` · ${who}` : '';
}

/**
 * Later reminders: a DM to one approver. It leads with the number and the customer (full name: a DM), shows
 * the reason/ticket and how the customer was verified, then the card's own Approve / Reject (same action ids,
 * values and confirm dialog: the same decision), in a block the listeners recognise so that, once decided, this
 * DM is redrawn without them (`decidedReminderDm`).
 */
export function reminderDm(args: ReminderArgs & { permalink?: string | null | undefined }): MessagePayload {
  const { request } = args;
  const waited = waitedFor(args.now.getTime() - request.createdAt.getTime());
  const link =
    args.permalink && SAFE_URL.test(args.permalink)
      ? `<${args.permalink}|Open the approval card> for everything on it, or decide here.`
      : 'Decide here, or find it in the approvals channel or under *Waiting for your approval* in my App Home.';
  const text = `:bell: ${opening(args)}${withArticle(escapeMrkdwn(titleInSentence(args.title)))} request${forWhom(request, 'full')} from ${mention(request.requestedBy)} has waited ${waited} for your approval${standing(request)}.`;
  const decide = { ...decisionButtons(request, args.title, args.summary), block_id: BLOCK.reminderDecision };
  return message(
    `${opening(args)}${args.title}${plainWho(request, 'full')} has waited ${waited} for your approval`,
    [
      ...whatAndWhy(request, text, args.summary),
      section(link),
      decide,
      context(`You get this because you are an approver. ${NIGHT_NOTE}`),
    ],
    args.sandbox,
  );
}

/** The sentence, the summary, the reason/ticket and the verification, as one section. */
function whatAndWhy(request: RequestRecord, sentence: string, summary: string): KnownBlock[] {
  const quoted = summary ? `>${escapeMrkdwn(oneLine(summary, 300))}` : undefined;
  return [section([sentence, quoted, ...reasonAndVerification(request)].filter(Boolean).join('\n'))];
}

/**
 * Where a request stands for the approver a reminder DM went to, as the line that replaces its buttons; null
 * while it still waits for them (the buttons stay).
 */
export function reminderDmStanding(request: RequestRecord, viewer: string, now: Date): string | null {
  const at = request.decidedAt ?? request.updatedAt;
  switch (request.status) {
    case 'pending_approval':
      // Past its deadline, before the expiry job marked it: expired all the same (decideApproval says so).
      if (request.expiresAt && request.expiresAt <= now) return decisionLine('expired', request.expiresAt);
      return request.approvedBy.includes(viewer)
        ? `:ballot_box_with_check: You approved it (${approvalProgressLine(request) ?? 'recorded'}); it waits for another approver.`
        : null;
    case 'rejected': {
      const reason = request.decisionReason?.trim()
        ? `\n>${escapeMrkdwn(oneLine(request.decisionReason, 500))}`
        : '';
      return `${decisionLine('rejected', at, request.approver)}${reason}`;
    }
    case 'expired':
      return decisionLine('expired', at);
    case 'cancelled':
      return decisionLine('cancelled', at, request.requestedBy);
    default: {
      // approved and every step after it
      const by = request.approvedBy.length > 0 ? request.approvedBy : request.approver;
      return decisionLine('approved', at, by);
    }
  }
}

/**
 * A reminder DM redrawn once its approver may no longer press its buttons: the same who and why, and the
 * decision (or "you approved, another approver is needed") where the buttons were, so a second press cannot
 * happen there.
 */
export function decidedReminderDm(args: {
  request: RequestRecord;
  title: string;
  summary: string;
  standing: string;
  sandbox?: boolean | undefined;
}): MessagePayload {
  const { request } = args;
  const text = `:bell: ${withArticle(escapeMrkdwn(titleInSentence(args.title)))} request${forWhom(request, 'full')} from ${mention(request.requestedBy)}.`;
  return message(
    `${args.title}${plainWho(request, 'full')}: ${oneLine(args.standing, 300)}`,
    [...whatAndWhy(request, text, args.summary), section(args.standing)],
    args.sandbox,
  );
}
