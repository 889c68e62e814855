import type { KnownBlock, ModalView } from '@slack/types';
import { context, sandboxBlocks, section } from '../../messages/blocks.js';
import { ACTION, CALLBACK } from '../../messages/ids.js';
import { MESSAGE_TYPES, NUMBER_TYPES } from '../../operations/fields/enums.js';
import { PRODUCT_TYPES } from '../../operations/fields/product-type.js';
import { externalSelectInput, radioInput, selectInput, textInput } from '../inputs.js';
import { subscriberPickerBlocks } from '../subscriber-picker.js';
import { modal } from './modal.js';

export interface ProvisionModalArgs {
  prefill?: { areaCode?: string | undefined; zipCode?: string | undefined } | undefined;
  /** JSON chosen by the caller (≤ 3000 characters). */
  metadata: string;
  /** Distributor mode: every number names its `AID-` account. */
  sandbox?: boolean | undefined;
}

const PRODUCT_CHOICES = PRODUCT_TYPES.map((p) => ({
  text: p.replaceAll('+', ' + ').replace('Sms', 'SMS'),
  value: p,
}));
const NUMBER_TYPE_CHOICES = NUMBER_TYPES.map((t) => ({
  text: t === 'mvno' ? 'mvno (phones)' : 'iot (devices, p2p only)',
  value: t,
}));
const MESSAGE_TYPE_CHOICES = MESSAGE_TYPES.map((t) => ({
  text: t === 'p2p' ? 'p2p (person-to-person)' : 'a2p (application-to-person)',
  value: t,
}));

/** `/telegent provision [area-code]`. Block ids are the provision input fields. */
export function provisionModal(args: ProvisionModalArgs): ModalView {
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(
      'Provision a new number. Messaging, voice and data follow the product type; a second person approves before anything is ordered.',
    ),
    selectInput({
      field: 'productType',
      choices: PRODUCT_CHOICES,
      hint: 'What the number includes; voice needs a voice route',
    }),
    radioInput({ field: 'numberType', choices: NUMBER_TYPE_CHOICES, initial: 'mvno', optional: true }),
    radioInput({ field: 'messageType', choices: MESSAGE_TYPE_CHOICES, initial: 'p2p', optional: true }),
    externalSelectInput({ field: 'messageRouteId', actionId: ACTION.messageRoutePicker }),
    externalSelectInput({
      field: 'voiceRouteId',
      actionId: ACTION.voiceRoutePicker,
      optional: true,
      hint: 'Required when the product includes voice (Sms+Data+Voice)',
    }),
    ...subscriberPickerBlocks('Who the number belongs to (no orphan numbers). Type a name or email.'),
    textInput({ field: 'areaCode', initial: args.prefill?.areaCode, optional: true, maxLength: 5 }),
    textInput({ field: 'zipCode', initial: args.prefill?.zipCode, optional: true, maxLength: 10 }),
    textInput({
      field: 'iccid',
      optional: true,
      maxLength: 40,
      hint: 'Optional: the 19- or 20-digit SIM number (ICCID) printed on the card',
    }),
    context('Give an area code or a ZIP code to choose where the number comes from; neither means any area.'),
  ];
  return modal({
    callbackId: CALLBACK.provisionForm,
    requestForm: true,
    title: 'Provision a number',
    submit: 'Request',
    metadata: args.metadata,
    blocks,
  });
}
