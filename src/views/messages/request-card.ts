import type { KnownBlock } from '@slack/types';
import type { RequestRecord } from '../../store/requests-repo.js';
import {
  actions,
  button,
  confirmDialog,
  context,
  header,
  type MessagePayload,
  message,
  sandboxBlocks,
  section,
} from '../blocks.js';
import { ACTION } from '../ids.js';
import { escapeMrkdwn, oneLine } from '../limits.js';
import { isDestructiveKind, requestFacts } from './request-facts.js';

export interface RequestCardArgs {
  request: RequestRecord;
  /** Operation title, e.g. "Port-in". */
  title: string;
  /** The operation's redacted summary (`op.summary(input)`). */
  summary: string;
  sandbox?: boolean | undefined;
  /** Approve carries a confirm dialog; defaults to the kind (portin-cancel, portout). */
  destructive?: boolean | undefined;
}

const CONFIRM_TEXT: Record<string, string> = {
  'portin-cancel':
    'Cancelling a port-in is final: it cannot be resumed, and the number stays with the current carrier.',
  portout:
    'This sets a port-out PIN: with it the number can be moved to another carrier. The PIN is shown only to the requester.',
};

/** Approve (with a confirm dialog when destructive) and Reject, for one request. */
export function decisionButtons(request: RequestRecord, title: string, destructive: boolean): KnownBlock {
  return actions([
    button({
      text: 'Approve',
      actionId: ACTION.approve,
      value: request.id,
      style: 'primary',
      confirm: destructive
        ? confirmDialog({
            title: `Approve ${title}?`,
            text: CONFIRM_TEXT[request.kind] ?? 'This change cannot be undone.',
            confirm: 'Approve',
            danger: true,
          })
        : undefined,
    }),
    button({ text: 'Reject', actionId: ACTION.reject, value: request.id, style: 'danger' }),
  ]);
}

/** The approval card (approvals channel): operation, redacted summary, requester, times, Approve / Reject. */
export function requestCard(args: RequestCardArgs): MessagePayload {
  const { request } = args;
  const destructive = args.destructive ?? isDestructiveKind(request.kind);
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    header(`Approval needed: ${args.title}`),
    section(escapeMrkdwn(args.summary)),
    requestFacts(request),
    decisionButtons(request, args.title, destructive),
    context('Anyone on the approver list except the requester can decide.'),
  ];
  return message(`Approval needed: ${args.title}: ${oneLine(args.summary, 200)}`, blocks, args.sandbox);
}
