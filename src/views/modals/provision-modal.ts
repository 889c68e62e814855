import type { KnownBlock, ModalView } from '@slack/types';
import { sandboxBlocks, section } from '../../messages/blocks.js';
import { ACTION, CALLBACK } from '../../messages/ids.js';
import { MESSAGE_TYPES, NUMBER_TYPES } from '../../operations/fields/enums.js';
import { PRODUCT_TYPES } from '../../operations/fields/product-type.js';
import { classificationWords, messageTypeWords, productWords } from '../../operations/glossary.js';
import { type Choice, externalSelectInput, radioInput, selectInput, textInput } from '../inputs.js';
import { subscriberPickerBlocks } from '../subscriber-picker.js';
import { modal } from './modal.js';
import { moreOptionsFold } from './more-options.js';
import { type PlanField, planInputBlocks } from './plan-input.js';

/** A route the account has only one of: nothing to choose, so the form preselects it and folds it away. */
export interface OnlyRoutes {
  messageRoute?: Choice | undefined;
  voiceRoute?: Choice | undefined;
}

export interface ProvisionModalArgs {
  prefill?:
    | {
        areaCode?: string | undefined;
        zipCode?: string | undefined;
        /** The customer the number is for (opened from their customer card). */
        subscriber?: Choice | undefined;
      }
    | undefined;
  /** JSON chosen by the caller (≤ 3000 characters); it carries the only routes' ids as presets. */
  metadata: string;
  /** Distributor mode: every number names its `AID-` account. */
  sandbox?: boolean | undefined;
  onlyRoutes?: OnlyRoutes | undefined;
  /** Shows the folded fields (number and message type, ZIP code, SIM, single routes). */
  moreOptions?: boolean | undefined;
  /** The Plan field, as the account's plan list allows (none: no field). */
  plan?: PlanField | undefined;
}

const PRODUCT_CHOICES = PRODUCT_TYPES.map((p) => ({ text: productWords(p), value: p }));
const NUMBER_TYPE_CHOICES = NUMBER_TYPES.map((t) => ({
  text:
    t === 'mvno'
      ? `${classificationWords(t)} (mvno)`
      : `${classificationWords(t)}: person-to-person texts only`,
  value: t,
}));
const MESSAGE_TYPE_CHOICES = MESSAGE_TYPES.map((t) => ({ text: `${messageTypeWords(t)} (${t})`, value: t }));

const VOICE_ROUTE_HINT = 'Needed for SMS + data + voice';

/**
 * `/telegent provision [area-code]`. The main fields are what every provision asks (product, subscriber, area);
 * the rest keep their defaults behind "More options…". Block ids are the provision input fields.
 */
export function provisionModal(args: ProvisionModalArgs): ModalView {
  const only = args.onlyRoutes ?? {};
  const plan = planInputBlocks(args.plan);
  const zipPrefilled = Boolean(args.prefill?.zipCode);
  const zipInput = textInput({
    field: 'zipCode',
    initial: args.prefill?.zipCode,
    optional: true,
    maxLength: 10,
  });
  const messageRoute = externalSelectInput({
    field: 'messageRouteId',
    actionId: ACTION.messageRoutePicker,
    initial: only.messageRoute,
    hint: '',
  });
  const voiceRoute = externalSelectInput({
    field: 'voiceRouteId',
    actionId: ACTION.voiceRoutePicker,
    optional: true,
    initial: only.voiceRoute,
    hint: VOICE_ROUTE_HINT,
  });
  const folded: KnownBlock[] = [
    // Several new lines for the same subscriber: one approval, one message (default 1, said in "Also:").
    textInput({
      field: 'count',
      initial: '1',
      maxLength: 3,
      hint: 'Several new lines for the same subscriber and plan: one approval, one message (1–50)',
    }),
    ...(zipPrefilled ? [] : [zipInput]),
    radioInput({
      field: 'numberType',
      choices: NUMBER_TYPE_CHOICES,
      initial: 'mvno',
      optional: true,
      hint: '',
    }),
    radioInput({
      field: 'messageType',
      choices: MESSAGE_TYPE_CHOICES,
      initial: 'p2p',
      optional: true,
      hint: '',
    }),
    ...(only.messageRoute ? [messageRoute] : []),
    ...(only.voiceRoute ? [voiceRoute] : []),
    textInput({
      field: 'iccid',
      optional: true,
      maxLength: 40,
      hint: 'The 19 or 20 digits printed on the SIM card',
    }),
    ...plan.folded,
  ];
  const defaults = [
    '1 number',
    ...(zipPrefilled ? [] : ['no ZIP code']),
    `${classificationWords('mvno')} (mvno)`,
    messageTypeWords('p2p'),
    ...(only.messageRoute ? [`message route ${only.messageRoute.text} (the only one)`] : []),
    ...(only.voiceRoute ? [`voice route ${only.voiceRoute.text} (the only one)`] : []),
    'no SIM yet',
    ...plan.defaults,
  ];
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section('Provision a new number. A second person approves before anything is ordered.'),
    selectInput({ field: 'productType', choices: PRODUCT_CHOICES, hint: 'What the number includes' }),
    ...subscriberPickerBlocks(
      'Who the number belongs to: type a name or email.',
      false,
      args.prefill?.subscriber,
    ),
    ...plan.main,
    textInput({
      field: 'areaCode',
      initial: args.prefill?.areaCode,
      optional: true,
      maxLength: 5,
      hint: 'Where the number comes from, e.g. 801; empty means any area',
    }),
    ...(zipPrefilled ? [zipInput] : []),
    ...(only.messageRoute ? [] : [messageRoute]),
    ...(only.voiceRoute ? [] : [voiceRoute]),
    ...(args.moreOptions ? folded : moreOptionsFold(defaults)),
  ];
  return modal({
    callbackId: CALLBACK.form('provision'),
    requestForm: true,
    title: 'Provision a number',
    submit: 'Request',
    metadata: args.metadata,
    blocks,
  });
}
