import type { KnownBlock } from '@slack/types';
import { getOperation } from '../operations/registry.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { approvalProgressLine } from './approval-progress.js';
import {
  actions,
  button,
  confirmDialog,
  context,
  fieldsSection,
  header,
  type MessagePayload,
  message,
  sandboxBlocks,
  section,
} from './blocks.js';
import { ACTION } from './ids.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { requestFacts } from './request-facts.js';

export interface RequestCardArgs {
  request: RequestRecord;
  /** Operation title, e.g. "Port-in". */
  title: string;
  /** The operation's redacted summary (`op.summary(input)`). */
  summary: string;
  /** The channel's bound account, by name, when the request is filed under it (distributors). */
  accountName?: string | null | undefined;
  sandbox?: boolean | undefined;
}

/** Approve (with a confirm dialog when the operation asks for one: it cannot be undone) and Reject. */
export function decisionButtons(request: RequestRecord, title: string): KnownBlock {
  const confirmText = getOperation(request.kind).confirmApproval;
  return actions([
    button({
      text: 'Approve',
      actionId: ACTION.approve,
      value: request.id,
      style: 'primary',
      confirm: confirmText
        ? confirmDialog({
            title: `Approve ${title}?`,
            text: confirmText,
            confirm: 'Approve',
            danger: true,
          })
        : undefined,
    }),
    button({ text: 'Reject', actionId: ACTION.reject, value: request.id, style: 'danger' }),
  ]);
}

/** What the operation says an approver should see of this request (from its stored, redacted input). */
function operationFacts(request: RequestRecord): KnownBlock[] {
  try {
    // A request stored by an older version may lack a field a fact reads: that fact is left out.
    const facts = (getOperation(request.kind).facts?.(request.input as never) ?? []).filter(
      ([, value]) => typeof value === 'string' && value !== '',
    );
    return facts.length > 0
      ? [fieldsSection(facts.map(([label, value]) => [label, escapeMrkdwn(oneLine(value, 300))] as const))]
      : [];
  } catch {
    return []; // an input stored by an older version: the summary still says what it is
  }
}

/** Who may decide, in one line under the buttons. */
function whoDecides(request: RequestRecord): string {
  if (request.approvalsNeeded <= 1) return 'Anyone on the approver list except the requester can decide.';
  return `${request.approvalsNeeded} different approvers on the list (not the requester) must approve before it is sent; a rejection by any one of them ends it.`;
}

/**
 * The approval card (approvals channel): operation, redacted summary, requester, times, where a multi-approver
 * request stands ("1 of 2 approved by @x"), Approve / Reject.
 */
export function requestCard(args: RequestCardArgs): MessagePayload {
  const { request } = args;
  const progress = approvalProgressLine(request);
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    header(`Approval needed: ${args.title}`),
    section(escapeMrkdwn(args.summary)),
    ...operationFacts(request),
    ...(request.accountId
      ? [
          context(
            `Account: ${args.accountName ? `*${escapeMrkdwn(oneLine(args.accountName, 100))}* ` : ''}\`${escapeMrkdwn(request.accountId)}\``,
          ),
        ]
      : []),
    requestFacts(request),
    ...(progress ? [section(`:ballot_box_with_check: *${progress}*`)] : []),
    decisionButtons(request, args.title),
    context(whoDecides(request)),
  ];
  const stands =
    progress && request.approvedBy.length > 0
      ? ` (${request.approvedBy.length} of ${request.approvalsNeeded} approved)`
      : '';
  return message(
    `Approval needed${stands}: ${args.title}: ${oneLine(args.summary, 200)}`,
    blocks,
    args.sandbox,
  );
}
