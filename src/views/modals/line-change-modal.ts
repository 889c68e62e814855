import type { KnownBlock, ModalView } from '@slack/types';
import { context, fieldsSection, sandboxBlocks, section } from '../../messages/blocks.js';
import { CALLBACK } from '../../messages/ids.js';
import { escapeMrkdwn } from '../../messages/limits.js';
import { formatPhone } from '../../operations/glossary.js';
import type { LineChangeOperation } from '../../operations/line-change.js';
import {
  countWords,
  type LeftOut,
  leftOutWords,
  numbersInWords,
} from '../../operations/line-change-numbers.js';
import { PLAN_END_WARNING } from '../../operations/plan-end.js';
import { booleanInput, dateInput, textInput, verificationInput } from '../inputs.js';
import { modal } from './modal.js';

export interface LineChangeModalArgs {
  op: LineChangeOperation;
  phoneNumber: string;
  /** A list change (`/telegent park n1 n2 …`): the numbers, said as a count and the first ten. */
  phoneNumbers?: readonly string[] | undefined;
  /** What the card showed: status and SIM (last 4), so the form says what is being changed. */
  facts: Array<[string, string]>;
  /** Today in the channel's time zone ('YYYY-MM-DD'): the default effective date. */
  today: string;
  metadata: string;
  sandbox?: boolean | undefined;
  /** VERIFICATION_METHODS (default: the built-in list), for changes that ask how the customer was verified. */
  verificationMethods?: readonly string[] | undefined;
  /** Cancel line… of a line on a plan: the plan in words, offered to end as a step of its own (unticked). */
  planEnd?: { plan: string } | undefined;
}

/** A list change filed without some numbers: which, and why, in the form's result (the card says it too). */
export function leftOutNote(input: Record<string, unknown>): KnownBlock[] {
  const leftOut = input.leftOut as LeftOut[] | undefined;
  if (!Array.isArray(leftOut) || leftOut.length === 0) return [];
  return [
    section(
      `:warning: *Left out (${leftOut.length}), not in this request:*\n${escapeMrkdwn(leftOutWords(leftOut))}`,
    ),
  ];
}

/** The checkbox "also end the plan": ticked, the plan's end is filed as its own request beside the change. */
export const END_PLAN_FIELD = 'endPlan';

/** Park… / Activate… / Swap SIM… / Cancel line… from the number card: one form, the operation's words. */
export function lineChangeModal(args: LineChangeModalArgs): ModalView {
  const { op } = args;
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    // The title already says what; the number is said once, as people write it. The operation's warning is
    // addressed to the approver, so the requester reads it as what the approver will weigh.
    section(
      `${args.phoneNumbers ? `*${countWords(args.phoneNumbers.length)}:* ${escapeMrkdwn(numbersInWords(args.phoneNumbers))}` : `*${escapeMrkdwn(formatPhone(args.phoneNumber))}*`}${op.confirmApproval ? `\nBefore deciding, the approver reads: _${escapeMrkdwn(op.confirmApproval)}_` : ''}`,
    ),
    ...(args.facts.length > 0 ? [fieldsSection(args.facts)] : []),
    dateInput({
      field: 'effectiveDate',
      initial: args.today,
      placeholder: 'Today unless you pick a later day',
      hint: 'When it takes effect (today in this channel’s time zone unless you change it).',
    }),
    ...(op.lineChange.takesIccid
      ? [
          textInput({
            field: 'iccid',
            optional: true,
            maxLength: 40,
            hint: 'The new physical SIM (19–20 digits on the card). Leave empty for an eSIM: its QR link comes to you alone, by DM.',
          }),
        ]
      : []),
    ...(op.asksCustomerVerification ? [verificationInput({ methods: args.verificationMethods })] : []),
    ...(args.planEnd
      ? [
          booleanInput({
            field: END_PLAN_FIELD,
            label: `Plan: ${args.planEnd.plan}`,
            text: 'Also end the plan (irreversible)',
            hint: `${PLAN_END_WARNING} Ticked, ending the plan is a request of its own, approved on its own card.`,
          }),
        ]
      : []),
    context(
      'A second person approves before anything is sent to Telegent; the result is posted in this channel.',
    ),
  ];
  return modal({
    callbackId: CALLBACK.lineChangeForm(op.kind),
    requestForm: true,
    title: op.title,
    submit: 'Request',
    metadata: args.metadata,
    blocks,
  });
}
