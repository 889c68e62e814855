import type { KnownBlock, ModalView } from '@slack/types';
import { context, sandboxBlocks, section } from '../../messages/blocks.js';
import { CALLBACK } from '../../messages/ids.js';
import { escapeMrkdwn, oneLine } from '../../messages/limits.js';
import { TARGET_CLASSIFICATIONS, type TargetClassification } from '../../operations/fields/enums.js';
import { isWireline } from '../../operations/fields/port-in-date.js';
import { TEXT_LIMITS } from '../../operations/fields/text.js';
import { classificationWords, formatPhone } from '../../operations/glossary.js';
import { countWords, type LeftOut, leftOutWords } from '../../operations/line-change-numbers.js';
import type { PortInEligibility } from '../../telegent/response-schemas.js';
import { dateInput, textInput } from '../inputs.js';
import { subscriberPickerBlocks } from '../subscriber-picker.js';
import { billingAddressInputs } from './billing-address-inputs.js';
import { modal } from './modal.js';
import { moreOptionsFold } from './more-options.js';
import { type PlanField, planInputBlocks } from './plan-input.js';

/** Said once above a form's secret fields (Slack has no password input). */
export const SECRET_NOTE =
  'The account number and PIN show while you type (Slack has no password field); they are encrypted when you submit and never shown again.';

export interface PortinModalArgs {
  /** E.164, fixed by the eligibility check (not an input: the caller merges it back from metadata). */
  phoneNumber: string;
  eligibility: PortInEligibility;
  /** The classification eligibility was checked in: fixed for this form (another one needs a new check). */
  targetClassification: TargetClassification;
  /** JSON chosen by the caller (≤ 3000 characters), e.g. the phone number and eligibility context. */
  metadata: string;
  sandbox?: boolean | undefined;
  /** Shows the folded fields (name on the carrier account, SIM). */
  moreOptions?: boolean | undefined;
  /** The Plan field, as the account's plan list allows (none: no field). */
  plan?: PlanField | undefined;
  /** A port-in of several numbers: every eligible one (the first is `phoneNumber`), listed at the top. */
  phoneNumbers?: readonly string[] | undefined;
  /** Numbers the eligibility check left out, with why. */
  leftOut?: readonly LeftOut[] | undefined;
}

/**
 * The box for more numbers on the same carrier account, pasted as a list: its block id is the input's
 * `phoneNumbers`, so the schema's words about the list (a bad entry, a number twice, over 100) show under it.
 */
export const PASTED_NUMBERS_FIELD = 'phoneNumbers';

/** The list at the top of a form for several numbers: every one, then what was left out. */
function listBlocks(args: PortinModalArgs): KnownBlock[] {
  if (!args.phoneNumbers) return [];
  const numbers = args.phoneNumbers.map((n) => formatPhone(n)).join(', ');
  return [
    section(`*${countWords(args.phoneNumbers.length)}:* ${escapeMrkdwn(oneLine(numbers, 2_500))}`),
    ...(args.leftOut?.length
      ? [
          context(
            `Left out (${args.leftOut.length}): ${escapeMrkdwn(oneLine(leftOutWords(args.leftOut).replaceAll('\n', '; '), 1_500))}`,
          ),
        ]
      : []),
  ];
}

export const CLASSIFICATION_CHOICES = TARGET_CLASSIFICATIONS.map((c) => ({
  text: `${classificationWords(c)} (${c})`,
  value: c,
}));

/**
 * `/telegent portin <number>` after an eligible check. `phoneNumber` and the eligibility context are
 * not inputs: the submit handler adds them to `readViewInput(...)` from private_metadata.
 */
export function portinModal(args: PortinModalArgs): ModalView {
  const e = args.eligibility;
  const wireline = isWireline(e.NumberType);
  const carrier = e.CurrentCarrier ? escapeMrkdwn(e.CurrentCarrier) : 'unknown carrier';
  const number = escapeMrkdwn(formatPhone(args.phoneNumber));
  const other = args.targetClassification === 'mvno' ? 'iot' : 'mvno';
  const plan = planInputBlocks(args.plan);
  // A SIM is one line's: a list of numbers gets none here (each line's SIM is set once it is ours).
  const sim: KnownBlock[] = args.phoneNumbers
    ? []
    : [
        textInput({
          field: 'iccid',
          optional: true,
          maxLength: 40,
          hint: 'The 19 or 20 digits printed on the SIM card',
        }),
      ];
  const folded: KnownBlock[] = [
    textInput({ field: 'subscriberName', optional: true, maxLength: TEXT_LIMITS.name }),
    ...sim,
    ...plan.folded,
  ];
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(
      args.phoneNumbers
        ? `Porting in *${countWords(args.phoneNumbers.length)}* from one *${carrier}* account as *${classificationWords(args.targetClassification)}s*: one port-in each, the details below shared.`
        : `Porting in *${number}* from *${carrier}* (${wireline ? 'landline' : 'wireless'}) as a *${classificationWords(args.targetClassification)}*.`,
    ),
    ...listBlocks(args),
    context(
      args.phoneNumbers
        ? `Enter the details exactly as they are on the ${carrier} account. A second person approves before anything is submitted.`
        : `Enter the details exactly as they are on the ${carrier} account. A second person approves before it is submitted. To port in as a ${classificationWords(other)} instead, run \`/telegent portin ${number} ${other}\`.`,
    ),
    textInput({
      field: PASTED_NUMBERS_FIELD,
      optional: true,
      multiline: true,
      maxLength: 2_000,
      label: 'More numbers on this account',
      hint: 'Other numbers on the same carrier account, pasted as a list (spaces, commas or new lines): each gets its own port-in, and Telegent checks each when it is submitted',
      placeholder: '+1 313 555 0702, +1 313 555 0703',
    }),
    dateInput({
      field: 'portInDate',
      optional: !wireline,
      hint: wireline
        ? 'Required for a landline: a business day 5–10 business days out'
        : 'A future business day (Monday–Friday, not a holiday)',
    }),
    textInput({
      field: 'currentCarrierName',
      initial: e.CurrentCarrier,
      maxLength: TEXT_LIMITS.carrierName,
      hint: '',
    }),
    context(`:lock: ${SECRET_NOTE}`),
    textInput({ field: 'currentAccountNumber', maxLength: TEXT_LIMITS.accountNumber, hint: '' }),
    textInput({ field: 'currentAccountPassword', maxLength: TEXT_LIMITS.password, hint: '' }),
    ...billingAddressInputs(),
    ...subscriberPickerBlocks('Who the number will belong to here: type a name or email.'),
    ...plan.main,
    ...(args.moreOptions
      ? folded
      : moreOptionsFold([
          'no name on the carrier account',
          ...(args.phoneNumbers ? [] : ['no SIM yet']),
          ...plan.defaults,
        ])),
  ];
  return modal({
    callbackId: CALLBACK.form('portin'),
    requestForm: true,
    title: 'Port in a number',
    submit: 'Request',
    metadata: args.metadata,
    blocks,
  });
}
