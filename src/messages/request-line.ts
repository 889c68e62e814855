import type { SectionBlock } from '@slack/types';
import { getOperation, isOperationKind } from '../operations/registry.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { approvalProgressLine } from './approval-progress.js';
import { waitedFor } from './approval-reminder.js';
import { mention, section, slackDate } from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';

const STATUS: Record<string, string> = {
  pending_approval: 'waiting for approval',
  approved: 'approved, starting',
  executing: 'running',
  unknown: 'outcome unknown (being checked)',
  succeeded: 'done',
  failed: 'failed',
  rejected: 'rejected',
  expired: 'expired',
  cancelled: 'cancelled',
};

export function operationTitle(kind: string): string {
  return isOperationKind(kind) ? getOperation(kind).title : kind;
}

/** The operation's redacted summary of a stored (redacted) input; empty when it cannot be rebuilt. */
export function storedSummary(request: RequestRecord): string {
  if (!isOperationKind(request.kind)) return '';
  try {
    return getOperation(request.kind).summary(request.input);
  } catch {
    return '';
  }
}

/** One request as a line: operation, status, requester, created; its redacted summary. */
export function requestLine(request: RequestRecord, summary = storedSummary(request)): SectionBlock {
  const title = escapeMrkdwn(operationTitle(request.kind));
  const status = STATUS[request.status] ?? escapeMrkdwn(request.status);
  return section(
    [
      `*${title}* · ${status} · by ${mention(request.requestedBy)} ${slackDate(request.createdAt)}`,
      summary ? escapeMrkdwn(oneLine(summary, 500)) : undefined,
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

/**
 * A request in an approver's queue (App Home): what, how long it has waited, who asked, its one-line summary,
 * and where a multi-approver request stands.
 */
export function waitingLine(
  request: RequestRecord,
  now: Date,
  summary = storedSummary(request),
): SectionBlock {
  const title = escapeMrkdwn(operationTitle(request.kind));
  const progress = approvalProgressLine(request);
  return section(
    [
      `*${title}* · waiting ${waitedFor(now.getTime() - request.createdAt.getTime())} · asked by ${mention(request.requestedBy)}${progress ? ` · ${progress}` : ''}`,
      summary ? escapeMrkdwn(oneLine(summary, 300)) : undefined,
    ]
      .filter(Boolean)
      .join('\n'),
  );
}
