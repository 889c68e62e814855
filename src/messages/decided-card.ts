import type { KnownBlock } from '@slack/types';
import type { CustomerNoticeRecord } from '../store/customer-notices-repo.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { mentionList } from './approval-progress.js';
import {
  header,
  type MessagePayload,
  mention,
  message,
  sandboxBlocks,
  section,
  slackDate,
} from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { decisionFacts } from './request-card.js';
import { requestFacts } from './request-facts.js';

export type Decision = 'approved' | 'rejected' | 'expired' | 'cancelled';

export interface DecidedCardArgs {
  request: RequestRecord;
  title: string;
  summary: string;
  decision: Decision;
  /** Who decided (approver, rejecter, or the requester who withdrew). */
  by?: string | null | undefined;
  at: Date;
  reason?: string | null | undefined;
  /** The channel's bound account, by name (as on the card before the decision). */
  accountName?: string | null | undefined;
  /** The text to the line (SIM swap, port-out PIN): the decided card keeps saying whether it went out. */
  notice?: CustomerNoticeRecord | null | undefined;
  sandbox?: boolean | undefined;
}

/** "Approved by <@U1> Today 2:02 PM" (the reader's time), "Approved by <@U1> and <@U2> …", etc. */
export function decisionLine(decision: Decision, at: Date, by?: string | readonly string[] | null): string {
  const when = slackDate(at);
  const people = typeof by === 'string' ? [by] : (by ?? []);
  const who =
    people.length > 0 ? ` by ${people.length === 1 ? mention(people[0]!) : mentionList(people)}` : '';
  switch (decision) {
    case 'approved':
      return `:white_check_mark: Approved${who} ${when}`;
    case 'rejected':
      return `:x: Rejected${who} ${when}`;
    case 'expired':
      return `:hourglass: Expired ${when} without a decision`;
    case 'cancelled':
      return `:heavy_multiplication_x: Cancelled${who} ${when}`;
  }
}

const HEADLINE: Record<Decision, string> = {
  approved: 'approved',
  rejected: 'rejected',
  expired: 'expired',
  cancelled: 'cancelled',
};

/** The approval card after a decision (`chat.update`): no buttons, who decided and when. */
export function decidedCard(args: DecidedCardArgs): MessagePayload {
  // A request several people approved names them all.
  const approvers = args.request.approvedBy ?? [];
  const by = args.decision === 'approved' && approvers.length > 1 ? approvers : args.by;
  const line = decisionLine(args.decision, args.at, by);
  const reason = args.reason?.trim() ? `\n>${escapeMrkdwn(oneLine(args.reason, 500))}` : '';
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    header(`${args.title}: ${HEADLINE[args.decision]}`),
    section(escapeMrkdwn(args.summary)),
    ...decisionFacts(args.request, args.accountName, args.notice),
    requestFacts(args.request, { decided: true }),
    section(`${line}${reason}`),
  ];
  return message(
    `${args.title} ${HEADLINE[args.decision]}: ${oneLine(args.summary, 200)}`,
    blocks,
    args.sandbox,
  );
}
