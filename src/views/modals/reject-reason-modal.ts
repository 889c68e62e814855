import type { ModalView } from '@slack/types';
import { section } from '../../messages/blocks.js';
import { CALLBACK } from '../../messages/ids.js';
import { textInput } from '../inputs.js';
import { modal } from './modal.js';

/** Block id of the reason input (read with `readViewInput(...).reason`). */
export const REJECT_REASON_FIELD = 'reason';
export const REJECT_REASON_MAX = 500;

/** Optional reason for a rejection; private_metadata = JSON `{ requestId }`. */
export function rejectReasonModal(args: { requestId: string }): ModalView {
  return modal({
    callbackId: CALLBACK.rejectReason,
    title: 'Reject request',
    submit: 'Reject',
    metadata: JSON.stringify({ requestId: args.requestId }),
    blocks: [
      section(
        'The requester sees the reason in the channel. Never include account numbers, PINs or passwords.',
      ),
      textInput({
        field: REJECT_REASON_FIELD,
        label: 'Reason',
        hint: 'Optional: why it is rejected and what to change',
        optional: true,
        multiline: true,
        maxLength: REJECT_REASON_MAX,
      }),
    ],
  });
}
