import type { KnownBlock } from '@slack/types';
import { verificationMethodOf } from '../operations/fields/verification-method.js';
import { getOperation } from '../operations/registry.js';
import { customerShortName, requestReason, requestWorkflow } from '../requests/request-context.js';
import type { CustomerNoticeRecord } from '../store/customer-notices-repo.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { approvalProgressLine } from './approval-progress.js';
import { askedBy } from './asked-by.js';
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
import { customerNoticeLine } from './customer-notice-line.js';
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
  /** The text to the line (SIM swap, port-out PIN), when the request's operation sends one. */
  notice?: CustomerNoticeRecord | null | undefined;
  sandbox?: boolean | undefined;
}

/**
 * Approve (with a confirm dialog when the operation asks for one: it cannot be undone) and Reject. The
 * confirm names what, which number and for whom ("Port-out PIN for (801) 555-5555 — J. Doe?").
 */
export function decisionButtons(request: RequestRecord, title: string, summary = ''): KnownBlock {
  const warning = getOperation(request.kind).confirmApproval;
  const customer = customerShortName(request.input);
  // The summary without its closing aside: "Issue a port-out PIN for (801) 555-5555 — J. Doe?"
  const what = oneLine(summary || title, 200).replace(/\s*\([^()]*\)$/, '');
  const confirmText = warning ? `${what}${customer ? ` — ${customer}` : ''}?\n\n${warning}` : undefined;
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
function operationFacts(request: RequestRecord): Array<readonly [string, string]> {
  try {
    // A request stored by an older version may lack a field a fact reads: that fact is left out.
    return (getOperation(request.kind).facts?.(request.input as never) ?? []).filter(
      ([, value]) => typeof value === 'string' && value !== '',
    );
  } catch {
    return []; // an input stored by an older version: the summary still says what it is
  }
}

/** How the requester checked who the customer is (changes fraudsters use): the approver weighs it. */
function verifiedBy(request: RequestRecord): Array<readonly [string, string]> {
  const method = verificationMethodOf(request.input);
  return method ? [['Customer verified by', escapeMrkdwn(oneLine(method, 100))]] : [];
}

/**
 * The decision aid: customer (short name, account), the operation's facts (number, product in words, SIM
 * last 4, carrier, port date…), who asks and their reason/ticket.
 */
export function decisionFacts(
  request: RequestRecord,
  accountName?: string | null,
  notice?: CustomerNoticeRecord | null,
): KnownBlock[] {
  const customer = customerShortName(request.input);
  const account = accountName ? oneLine(accountName, 100) : undefined;
  const facts: Array<readonly [string, string]> = [
    ...(customer || account
      ? [['Customer', escapeMrkdwn([customer, account].filter(Boolean).join(' · '))] as const]
      : []),
    ...operationFacts(request).map(([label, value]) => [label, escapeMrkdwn(oneLine(value, 300))] as const),
    ...verifiedBy(request),
    ['Asked by', askedBy(request)],
  ];
  const reason = requestReason(request.input);
  const texted = customerNoticeLine(notice);
  return [
    fieldsSection(facts),
    section(`*Reason / ticket:* ${reason ? escapeMrkdwn(oneLine(reason, 500)) : '_none given_'}`),
    ...(texted ? [section(texted)] : []),
  ];
}

/** Who may decide, in one line under the buttons. */
function whoDecides(request: RequestRecord): string {
  // A workflow step's request always needs an approver (functions/request-step.ts): say why it is here.
  const why = requestWorkflow(request.input) ? 'Needs approval: filed by a workflow. ' : '';
  if (request.approvalsNeeded <= 1)
    return `${why}Anyone on the approver list except the requester can decide.`;
  return `${why}${request.approvalsNeeded} different approvers on the list (not the requester) must approve before it is sent; a rejection by any one of them ends it.`;
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
    ...decisionFacts(request, args.accountName, args.notice),
    requestFacts(request),
    ...(progress ? [section(`:ballot_box_with_check: *${progress}*`)] : []),
    decisionButtons(request, args.title, args.summary),
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
