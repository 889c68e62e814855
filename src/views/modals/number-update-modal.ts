import type { KnownBlock, ModalView } from '@slack/types';
import { context, sandboxBlocks, section } from '../../messages/blocks.js';
import { ACTION, CALLBACK } from '../../messages/ids.js';
import { escapeMrkdwn } from '../../messages/limits.js';
import { formatPhone } from '../../operations/glossary.js';
import { externalSelectInput, textInput, verificationInput } from '../inputs.js';
import { subscriberPickerBlocks } from '../subscriber-picker.js';
import { modal } from './modal.js';

export interface NumberUpdateModalArgs {
  phoneNumber: string;
  metadata: string;
  sandbox?: boolean | undefined;
  /** VERIFICATION_METHODS (default: the built-in list). */
  verificationMethods?: readonly string[] | undefined;
}

/** Update… on the number card: every field optional, an empty field is kept as it is. */
export function numberUpdateModal(args: NumberUpdateModalArgs): ModalView {
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(
      `*Update ${escapeMrkdwn(formatPhone(args.phoneNumber))}*: fill only what should change; empty fields are kept. A new subscriber or SIM needs a second person's approval; routes and caller ID name do not.`,
    ),
    ...subscriberPickerBlocks(
      'The customer this number belongs to. Telegent wants every number bound to one.',
      true,
    ),
    textInput({
      field: 'iccid',
      optional: true,
      maxLength: 40,
      hint: 'A new physical SIM (19–20 digits on the card): the old SIM stops working.',
    }),
    verificationInput({
      methods: args.verificationMethods,
      optional: true,
      hint: 'Required for a new subscriber or SIM. Approvers see it on the card; the audit log keeps it.',
    }),
    // The route pickers search by name: no hint about typing ids (an empty hint leaves the field's out).
    externalSelectInput({
      field: 'messageRouteId',
      actionId: ACTION.messageRoutePicker,
      optional: true,
      placeholder: 'Type a route name…',
      hint: '',
    }),
    externalSelectInput({
      field: 'voiceRouteId',
      actionId: ACTION.voiceRoutePicker,
      optional: true,
      placeholder: 'Type a route name…',
      hint: '',
    }),
    // The 15-character limit is said once, below both names (the inputs also stop at 15).
    textInput({ field: 'cnamFirstName', optional: true, maxLength: 15, hint: '' }),
    textInput({ field: 'cnamLastName', optional: true, maxLength: 15, hint: '' }),
    context('Caller ID name: what people you call see, at most 15 characters each.'),
  ];
  return modal({
    callbackId: CALLBACK.form('number-update'),
    requestForm: true,
    title: 'Update number',
    submit: 'Request',
    metadata: args.metadata,
    blocks,
  });
}
