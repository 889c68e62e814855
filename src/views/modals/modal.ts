import type { KnownBlock, ModalView } from '@slack/types';
import { plain } from '../../messages/blocks.js';
import { CALLBACK } from '../../messages/ids.js';
import { fitBlocks, LIMITS, oneLine } from '../../messages/limits.js';
import { reasonInput } from '../inputs.js';

export interface ModalShell {
  callbackId: string;
  title: string;
  blocks: KnownBlock[];
  submit?: string | undefined;
  close?: string | undefined;
  /** JSON chosen by the caller; must fit Slack's 3000 characters (a cut JSON would be unreadable). */
  metadata?: string | undefined;
  /** A form that files a request: it ends with the required "Reason / ticket" input. */
  requestForm?: boolean | undefined;
}

export class PrivateMetadataTooLongError extends RangeError {
  override name = 'PrivateMetadataTooLongError';
}

/** A modal with every size limit applied: title/submit/close ≤ 24, ≤ 100 blocks, metadata ≤ 3000. */
export function modal(shell: ModalShell): ModalView {
  if (shell.metadata !== undefined && shell.metadata.length > LIMITS.privateMetadata) {
    throw new PrivateMetadataTooLongError(
      `private_metadata is ${shell.metadata.length} characters; Slack allows ${LIMITS.privateMetadata}`,
    );
  }
  return {
    type: 'modal',
    callback_id: shell.callbackId,
    title: plain(oneLine(shell.title, LIMITS.viewTitle), LIMITS.viewTitle),
    ...(shell.submit ? { submit: plain(oneLine(shell.submit, LIMITS.viewSubmit), LIMITS.viewSubmit) } : {}),
    close: plain(
      oneLine(shell.close ?? (shell.submit ? 'Cancel' : 'Close'), LIMITS.viewClose),
      LIMITS.viewClose,
    ),
    ...(shell.metadata !== undefined ? { private_metadata: shell.metadata } : {}),
    blocks: [
      ...fitBlocks(
        shell.blocks,
        LIMITS.modalBlocks - (shell.requestForm ? 1 : 0),
        (n) => `…and ${n} more not shown`,
      ),
      ...(shell.requestForm ? [reasonInput()] : []),
    ],
  };
}

/** Read-only modals (loading, working, result, error) share the info callback id and have no submit. */
export function infoModal(title: string, blocks: KnownBlock[], metadata?: string): ModalView {
  return modal({ callbackId: CALLBACK.info, title, blocks, close: 'Close', metadata });
}
