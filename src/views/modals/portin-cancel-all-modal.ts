import type { ModalView } from '@slack/types';
import { context, sandboxBlocks, section } from '../../messages/blocks.js';
import { CALLBACK } from '../../messages/ids.js';
import { escapeMrkdwn, oneLine } from '../../messages/limits.js';
import { formatPhone, statusWords } from '../../operations/glossary.js';
import { modal } from './modal.js';

/** A port-in of the batch, as we stored it: its number and last known status. */
export interface BatchPortIn {
  number: string;
  status: string;
}

export interface PortinCancelAllModalArgs {
  /** The batch's port-ins still open: these are cancelled. */
  open: readonly BatchPortIn[];
  /** The batch's port-ins already finished: left out, with how they ended. */
  closed: readonly BatchPortIn[];
  /** The customer by name (a modal may show it in full). */
  customer?: string | undefined;
  /** The batch's channel: its story there tells what becomes of the cancel. */
  channelId: string;
  /** JSON chosen by the caller (≤ 3000 characters): the channel and the batch's request id. */
  metadata: string;
  sandbox?: boolean | undefined;
}

/** Numbers listed by name before "and N more" (a modal's section holds 3000 characters). */
const LISTED = 60;

const list = (ports: readonly BatchPortIn[]) => {
  const lines = ports
    .slice(0, LISTED)
    .map((p) => `• ${formatPhone(p.number)} · ${escapeMrkdwn(oneLine(statusWords(p.status), 60))}`);
  return [...lines, ...(ports.length > LISTED ? [`…and ${ports.length - LISTED} more`] : [])].join('\n');
};

/**
 * Cancel all… on a batch's story: the open port-ins it cancels (each number with its status), the finished ones
 * it leaves out, that cancelling is final, and the required Reason / ticket. Submitting files one request (a
 * second person approves), which sends one cancel per open port-in.
 */
export function portinCancelAllModal(args: PortinCancelAllModalArgs): ModalView {
  const customer = args.customer ? ` for ${escapeMrkdwn(oneLine(args.customer, 100))}` : '';
  const n = args.open.length;
  return modal({
    callbackId: CALLBACK.portinCancelAll,
    requestForm: true,
    title: 'Cancel all port-ins',
    submit: `Request ${n} cancel${n === 1 ? '' : 's'}`,
    close: 'Keep them',
    metadata: args.metadata,
    blocks: [
      ...sandboxBlocks(args.sandbox),
      section(`Cancel the *${n} open port-in${n === 1 ? '' : 's'}*${customer}:\n${list(args.open)}`),
      ...(args.closed.length > 0
        ? [section(`Left out, already finished (${args.closed.length}):\n${list(args.closed)}`)]
        : []),
      section(
        ':warning: *Cancelling is final*: a cancelled port-in cannot be resumed, only started again from scratch, and each number stays with its current carrier.',
      ),
      context(
        `A second person approves before anything is sent to Telegent; then each port-in is cancelled once, and the batch's message in <#${args.channelId}> tells how each went.`,
      ),
    ],
  });
}
