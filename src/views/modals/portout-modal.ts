import type { KnownBlock, ModalView } from '@slack/types';
import { context, fieldsSection, sandboxBlocks, section } from '../../messages/blocks.js';
import { CALLBACK } from '../../messages/ids.js';
import { escapeMrkdwn } from '../../messages/limits.js';
import { numberDetailFields } from '../../messages/number-details.js';
import { PIN_MAX_LENGTH } from '../../operations/fields/port-out-pin.js';
import { formatPhone } from '../../operations/glossary.js';
import type { NumberRecord } from '../../telegent/response-schemas.js';
import { textInput, verificationInput } from '../inputs.js';
import { modal } from './modal.js';

export interface PortoutModalArgs {
  phoneNumber: string;
  /** The number as Telegent's inventory describes it (shown before asking for the PIN). */
  number: NumberRecord;
  /** JSON chosen by the caller (≤ 3000 characters), e.g. the phone number. */
  metadata: string;
  /** The number's customer by name (a modal may show it in full). */
  customer?: string | undefined;
  sandbox?: boolean | undefined;
  /** VERIFICATION_METHODS (default: the built-in list). */
  verificationMethods?: readonly string[] | undefined;
}

/** `/telegent portout <number>`: the number's details, then an optional PIN (empty → generated). */
export function portoutModal(args: PortoutModalArgs): ModalView {
  const details = numberDetailFields(args.number, { customer: args.customer });
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(
      `Issue a port-out PIN for *${escapeMrkdwn(formatPhone(args.phoneNumber))}*${args.customer ? ` (${escapeMrkdwn(args.customer)})` : ''}. Check this is the right number:`,
    ),
    ...(details.length > 0
      ? [fieldsSection(details)]
      : [context('Telegent returned no details for this number.')]),
    textInput({
      field: 'pin',
      optional: true,
      maxLength: PIN_MAX_LENGTH,
      hint: '4–10 digits. After approval the PIN is shown only to you, never in the channel.',
      placeholder: 'Leave empty to generate one',
    }),
    verificationInput({ methods: args.verificationMethods }),
  ];
  return modal({
    callbackId: CALLBACK.form('portout'),
    requestForm: true,
    title: 'Port-out PIN',
    submit: 'Request PIN',
    metadata: args.metadata,
    blocks,
  });
}
