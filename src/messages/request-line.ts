import type { SectionBlock } from '@slack/types';
import { getOperation, isOperationKind } from '../operations/registry.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { approvalProgressLine } from './approval-progress.js';
import { waitedFor } from './approval-reminder.js';
import { mention, section, slackDate } from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';
import { numberAndCustomer, reasonAndVerification } from './request-who-why.js';

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

/** The title of one request: the operation's, or its own for this input ("Park line · 12 numbers"). */
export function requestTitle(request: RequestRecord): string {
  if (!isOperationKind(request.kind)) return request.kind;
  const op = getOperation(request.kind);
  try {
    return op.titleOf?.(request.input) ?? op.title;
  } catch {
    return op.title;
  }
}

/**
 * What a batch's story calls each of its `count` items and its progress verb, when its items differ (a port-in of
 * several numbers: one line per number); undefined when they are alike (3 new lines) or cannot be rebuilt.
 */
export function requestItemWords(
  request: RequestRecord,
  count: number,
): { done: string; labels: string[] } | undefined {
  if (!isOperationKind(request.kind)) return undefined;
  const words = getOperation(request.kind).itemWords;
  if (!words) return undefined;
  try {
    return {
      done: words.done,
      labels: Array.from({ length: count }, (_, n) => words.label(request.input, n)),
    };
  } catch {
    return undefined;
  }
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

/** "*(415) 555-0142 · Jane Doe* · Swap SIM" or "*Provision*": the number and customer lead, when known. */
function lead(request: RequestRecord): string {
  const title = escapeMrkdwn(operationTitle(request.kind));
  const who = numberAndCustomer(request, 'full');
  return who ? `*${who}* · ${title}` : `*${title}*`;
}

/**
 * One request as a line (App Home, the requester's own): number and customer (full name: App Home is the
 * viewer's alone), operation, status, requester, created; its redacted summary, reason/ticket and verification.
 */
export function requestLine(request: RequestRecord, summary = storedSummary(request)): SectionBlock {
  const status = STATUS[request.status] ?? escapeMrkdwn(request.status);
  return section(
    [
      `${lead(request)} · ${status} · by ${mention(request.requestedBy)} ${slackDate(request.createdAt)}`,
      summary ? escapeMrkdwn(oneLine(summary, 500)) : undefined,
      ...reasonAndVerification(request),
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

/**
 * A request in an approver's queue (App Home): number and customer, what, how long it has waited, who asked,
 * where a multi-approver request stands, its one-line summary, then the reason/ticket and how the customer was
 * verified (what the approver judges it by, before the buttons).
 */
export function waitingLine(
  request: RequestRecord,
  now: Date,
  summary = storedSummary(request),
): SectionBlock {
  const progress = approvalProgressLine(request);
  return section(
    [
      `${lead(request)} · waiting ${waitedFor(now.getTime() - request.createdAt.getTime())} · asked by ${mention(request.requestedBy)}${progress ? ` · ${progress}` : ''}`,
      summary ? escapeMrkdwn(oneLine(summary, 300)) : undefined,
      ...reasonAndVerification(request),
    ]
      .filter(Boolean)
      .join('\n'),
  );
}
