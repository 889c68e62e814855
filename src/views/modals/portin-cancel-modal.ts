import type { KnownBlock, ModalView } from '@slack/types';
import { context, sandboxBlocks, section } from '../../messages/blocks.js';
import { CALLBACK } from '../../messages/ids.js';
import { escapeMrkdwn, oneLine } from '../../messages/limits.js';
import { formatPhones, shortId, statusWords } from '../../operations/glossary.js';
import { modal } from './modal.js';

export interface PortinCancelModalArgs {
  orderId: string;
  /** The numbers being ported in, as we stored them. */
  numbers: readonly string[];
  /** The order's last known status (Telegent's value). */
  status?: string | null | undefined;
  /** The customer by name (a modal may show it in full). */
  customer?: string | undefined;
  /** The order's channel: its message there tells what becomes of the cancel. */
  channelId: string;
  /** JSON chosen by the caller (≤ 3000 characters): the order's channel and id. */
  metadata: string;
  sandbox?: boolean | undefined;
}

/**
 * Cancel port-in… (the "⋯" menu of a port-in): which port-in, that cancelling is final, and the required
 * Reason / ticket; submitting files the cancel request like any other form (a second person approves).
 */
export function portinCancelModal(args: PortinCancelModalArgs): ModalView {
  const numbers = args.numbers.length > 0 ? ` of *${escapeMrkdwn(formatPhones(args.numbers, 3))}*` : '';
  const customer = args.customer ? ` for ${escapeMrkdwn(oneLine(args.customer, 100))}` : '';
  const status = args.status
    ? ` · carrier status *${escapeMrkdwn(oneLine(statusWords(args.status), 80))}*`
    : '';
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(
      `Cancel the port-in${numbers}${customer}.\nOrder \`${escapeMrkdwn(oneLine(shortId(args.orderId), 80))}\`${status}`,
    ),
    section(
      ':warning: *Cancelling is final*: a cancelled port-in cannot be resumed, only started again from scratch, and the number stays with its current carrier.',
    ),
    context(
      `A second person approves before the cancel is sent to Telegent; the port-in's message in <#${args.channelId}> tells the outcome.`,
    ),
  ];
  return modal({
    callbackId: CALLBACK.form('portin-cancel'),
    requestForm: true,
    title: 'Cancel port-in',
    submit: 'Request cancel',
    close: 'Keep it',
    metadata: args.metadata,
    blocks,
  });
}
