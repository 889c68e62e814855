import type { ModalView } from '@slack/types';
import { sandboxBlocks, section } from '../../messages/blocks.js';
import { CALLBACK } from '../../messages/ids.js';
import { escapeMrkdwn } from '../../messages/limits.js';
import { TARGET_CLASSIFICATIONS } from '../../operations/fields/enums.js';
import { classificationWords } from '../../operations/glossary.js';
import { radioInput, textInput } from '../inputs.js';
import { modal } from './modal.js';

/** "Port a number in…" on a customer card: the number to move (and as what); eligibility is checked next. */
export function customerPortinModal(args: {
  customer: string;
  metadata: string;
  sandbox?: boolean;
}): ModalView {
  return modal({
    callbackId: CALLBACK.customerPortin,
    title: 'Port a number in',
    submit: 'Check',
    metadata: args.metadata,
    blocks: [
      ...sandboxBlocks(args.sandbox),
      section(
        `Move a number to us for *${escapeMrkdwn(args.customer)}*. We first ask Telegent whether it can move, then the port-in form opens.`,
      ),
      textInput({ field: 'phoneNumber', maxLength: 40, placeholder: '(415) 555-0142' }),
      radioInput({
        field: 'targetClassification',
        choices: TARGET_CLASSIFICATIONS.map((c) => ({ text: `${classificationWords(c)} (${c})`, value: c })),
        initial: 'mvno',
        optional: true,
        hint: '',
      }),
    ],
  });
}
