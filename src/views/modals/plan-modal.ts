import type { KnownBlock, ModalView } from '@slack/types';
import { context, fieldsSection, sandboxBlocks, section } from '../../messages/blocks.js';
import { CALLBACK } from '../../messages/ids.js';
import { escapeMrkdwn } from '../../messages/limits.js';
import { formatPhone } from '../../operations/glossary.js';
import { type Choice, selectInput } from '../inputs.js';
import { modal } from './modal.js';

export interface PlanModalArgs {
  phoneNumber: string;
  /** The line's plan in words; undefined: the line has none (Put on a plan…). */
  currentPlan?: string | undefined;
  /** The plans on offer, as "Unlimited Plus · $45.00 / month" with the package id as value (the current one left out). */
  plans: readonly Choice[];
  /** The plans' contents, one line each, so the person picks by what a plan holds, not only its name. */
  contents: readonly string[];
  metadata: string;
  sandbox?: boolean | undefined;
}

/** The form's title: Change plan… or Put on a plan…. */
export const planModalTitle = (hasPlan: boolean) => (hasPlan ? 'Change plan' : 'Put on a plan');

/** Change plan… / Put on a plan… from the number card: the new plan and the reason, then approval. */
export function planModal(args: PlanModalArgs): ModalView {
  const hasPlan = args.currentPlan !== undefined;
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(`*${escapeMrkdwn(formatPhone(args.phoneNumber))}*`),
    fieldsSection([['Plan now', hasPlan ? escapeMrkdwn(args.currentPlan ?? '') : 'No plan']]),
    selectInput({
      field: 'packageId',
      label: hasPlan ? 'New plan' : 'Plan',
      hint: hasPlan
        ? 'The customer is billed on the new plan from when Telegent changes it.'
        : 'A new subscription for this line: recurring charges start when Telegent makes it.',
      choices: args.plans,
      placeholder: 'Choose a plan…',
    }),
    ...(args.contents.length > 0 ? [context(args.contents.map(escapeMrkdwn).join('\n'))] : []),
    context(
      'A second person approves before anything is sent to Telegent (unless your team turned approval off for plans); the result is posted in this channel.',
    ),
  ];
  return modal({
    callbackId: CALLBACK.form('plan'),
    requestForm: true,
    title: planModalTitle(hasPlan),
    submit: 'Request',
    metadata: args.metadata,
    blocks,
  });
}
