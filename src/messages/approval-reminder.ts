import { titleInSentence } from '../operations/glossary.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { approvalProgressLine, mentionList } from './approval-progress.js';
import { context, type MessagePayload, mention, message, section } from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';

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
  const text = `:bell: ${who}${opening(args)}this ${escapeMrkdwn(titleInSentence(args.title))} request from ${mention(request.requestedBy)} has waited ${waited} for approval${standing(request)}. Approve or reject it on the card above.`;
  return message(
    `${opening(args)}${args.title} has waited ${waited} for approval`,
    [section(text), context(NIGHT_NOTE)],
    args.sandbox,
  );
}

/** Later reminders: a DM to one approver with a link to the card. */
export function reminderDm(args: ReminderArgs & { permalink?: string | null | undefined }): MessagePayload {
  const { request } = args;
  const waited = waitedFor(args.now.getTime() - request.createdAt.getTime());
  const link =
    args.permalink && SAFE_URL.test(args.permalink)
      ? `<${args.permalink}|Open the approval card>`
      : 'Find it in the approvals channel or under *Waiting for your approval* in my App Home';
  const summary = args.summary ? `\n>${escapeMrkdwn(oneLine(args.summary, 300))}` : '';
  const text = `:bell: ${opening(args)}${withArticle(escapeMrkdwn(titleInSentence(args.title)))} request from ${mention(request.requestedBy)} has waited ${waited} for your approval${standing(request)}.${summary}\n${link} to approve or reject it.`;
  return message(
    `${opening(args)}${args.title} has waited ${waited} for your approval`,
    [section(text), context(`You get this because you are an approver. ${NIGHT_NOTE}`)],
    args.sandbox,
  );
}
