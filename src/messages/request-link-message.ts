import { actions, button, context, type MessagePayload, message, section } from './blocks.js';
import { ACTION } from './ids.js';
import { escapeMrkdwn, oneLine } from './limits.js';

export interface RequestLinkArgs {
  /** chat.getPermalink of the approval card; without it the line says where to look. */
  permalink?: string | null | undefined;
  title: string;
  /** The request: its Nudge button reminds the approvers now. */
  requestId?: string | undefined;
  sandbox?: boolean | undefined;
}

const SAFE_URL = /^https?:\/\/[^\s|<>]+$/;

/** The line in the requester's channel pointing at the approval card. */
export function requestLinkMessage(args: RequestLinkArgs): MessagePayload {
  const title = escapeMrkdwn(oneLine(args.title, 100));
  const link =
    args.permalink && SAFE_URL.test(args.permalink)
      ? `<${args.permalink}|open the approval request>`
      : 'see the approvals channel';
  return message(
    `${oneLine(args.title, 100)} is waiting for approval`,
    [
      section(`:hourglass_flowing_sand: *${title}* is waiting for a second person to approve: ${link}.`),
      ...(args.requestId
        ? [actions([button({ text: 'Nudge approvers', actionId: ACTION.nudge, value: args.requestId })])]
        : []),
      context(
        `Status changes and the outcome will be posted in this thread.${args.requestId ? ' *Nudge approvers* reminds them now (once every 15 minutes).' : ''}`,
      ),
    ],
    args.sandbox,
  );
}
