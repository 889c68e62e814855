import type { ModalView } from '@slack/types';
import type { DecisionSurface } from '../../messages/action-values.js';
import { mention, section } from '../../messages/blocks.js';
import { CALLBACK } from '../../messages/ids.js';
import { escapeMrkdwn, oneLine } from '../../messages/limits.js';
import { textInput } from '../inputs.js';
import { modal } from './modal.js';

/** Block id of the reason input (read with `readViewInput(...).reason`). */
export const REJECT_REASON_FIELD = 'reason';
export const REJECT_REASON_MAX = 500;

export interface RejectReasonModalArgs {
  requestId: string;
  /** What is being rejected and who asked, when the request could be read: the approver sees what they refuse. */
  request?: { title: string; summary: string; requestedBy: string } | undefined;
  /** Where Reject was clicked (App Home, a reminder DM): redrawn once the rejection is made. */
  surface?: DecisionSurface | undefined;
}

/** Optional reason for a rejection; private_metadata = JSON `{ requestId, surface? }`. */
export function rejectReasonModal(args: RejectReasonModalArgs): ModalView {
  const what = args.request
    ? [
        section(
          `Reject *${escapeMrkdwn(args.request.title)}*: ${escapeMrkdwn(oneLine(args.request.summary, 300))}, asked by ${mention(args.request.requestedBy)}.`,
        ),
      ]
    : [];
  return modal({
    callbackId: CALLBACK.rejectReason,
    title: 'Reject request',
    submit: 'Reject',
    metadata: JSON.stringify({
      requestId: args.requestId,
      ...(args.surface && args.surface.kind !== 'card' ? { surface: args.surface } : {}),
    }),
    blocks: [
      ...what,
      section(
        'The requester sees the reason in the channel. Never include account numbers, PINs or passwords.',
      ),
      textInput({
        field: REJECT_REASON_FIELD,
        label: 'Reason',
        hint: 'Why it is rejected and what to change',
        optional: true,
        multiline: true,
        maxLength: REJECT_REASON_MAX,
      }),
    ],
  });
}
