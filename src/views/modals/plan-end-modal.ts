import type { KnownBlock, ModalView } from '@slack/types';
import { context, fieldsSection, sandboxBlocks, section } from '../../messages/blocks.js';
import { CALLBACK } from '../../messages/ids.js';
import { escapeMrkdwn } from '../../messages/limits.js';
import { formatPhone } from '../../operations/glossary.js';
import { PLAN_END_WARNING } from '../../operations/plan-end.js';
import { modal } from './modal.js';

export interface PlanEndModalArgs {
  phoneNumber: string;
  /** The line's status as just read ("Cancelled"): the form says why ending the plan is on offer. */
  status: string;
  /** The plan in words, as just read ("Unlimited Plus · $45.00 / month"). */
  currentPlan: string;
  metadata: string;
  sandbox?: boolean | undefined;
}

export const PLAN_END_TITLE = 'End plan';

/** End plan… from the number card of a line that no longer runs: the plan, the warning, a reason, then approval. */
export function planEndModal(args: PlanEndModalArgs): ModalView {
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(`*${escapeMrkdwn(formatPhone(args.phoneNumber))}*`),
    fieldsSection([
      ['Status', escapeMrkdwn(args.status)],
      ['Plan ending', escapeMrkdwn(args.currentPlan)],
    ]),
    section(`:warning: ${escapeMrkdwn(PLAN_END_WARNING)}`),
    context(
      'A second person approves before anything is sent to Telegent; the result is posted in this channel.',
    ),
  ];
  return modal({
    callbackId: CALLBACK.form('plan-end'),
    requestForm: true,
    title: PLAN_END_TITLE,
    submit: 'Request',
    metadata: args.metadata,
    blocks,
  });
}
