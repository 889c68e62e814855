import type { KnownBlock, ModalView } from '@slack/types';
import { context, sandboxBlocks, section } from '../../messages/blocks.js';
import { CALLBACK } from '../../messages/ids.js';
import { escapeMrkdwn } from '../../messages/limits.js';
import { TARGET_CLASSIFICATIONS, type TargetClassification } from '../../operations/fields/enums.js';
import { isWireline } from '../../operations/fields/port-in-date.js';
import { TEXT_LIMITS } from '../../operations/fields/text.js';
import type { PortInEligibility } from '../../telegent/response-schemas.js';
import { dateInput, textInput } from '../inputs.js';
import { subscriberPickerBlocks } from '../subscriber-picker.js';
import { billingAddressInputs } from './billing-address-inputs.js';
import { modal } from './modal.js';

export const SECRET_HINT =
  'Slack has no password field, so this is visible while you type. It is encrypted when you submit and never shown again.';

export interface PortinModalArgs {
  /** E.164, fixed by the eligibility check (not an input: the caller merges it back from metadata). */
  phoneNumber: string;
  eligibility: PortInEligibility;
  /** The classification eligibility was checked in: fixed for this form (another one needs a new check). */
  targetClassification: TargetClassification;
  /** JSON chosen by the caller (≤ 3000 characters), e.g. the phone number and eligibility context. */
  metadata: string;
  sandbox?: boolean | undefined;
}

export const CLASSIFICATION_CHOICES = TARGET_CLASSIFICATIONS.map((c) => ({
  text: c === 'mvno' ? 'mvno (phones)' : 'iot (devices)',
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
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(
      `Porting in *${escapeMrkdwn(args.phoneNumber)}* from *${carrier}* (${wireline ? 'wireline/landline' : 'wireless'}) as *${args.targetClassification}*.`,
    ),
    context(
      `Eligibility was checked as ${args.targetClassification}. To port in as ${args.targetClassification === 'mvno' ? 'iot' : 'mvno'}, run \`/telegent portin ${escapeMrkdwn(args.phoneNumber)} ${args.targetClassification === 'mvno' ? 'iot' : 'mvno'}\` (a new check).`,
    ),
    context(
      'Enter the details exactly as they are on the current carrier account. A second person approves before it is submitted.',
    ),
    dateInput({
      field: 'portInDate',
      optional: !wireline,
      hint: wireline
        ? 'Required for a wireline number: a future business day, 5–10 business days out'
        : 'Optional: a future business day (Monday–Friday, not a holiday)',
    }),
    textInput({ field: 'currentCarrierName', initial: e.CurrentCarrier, maxLength: TEXT_LIMITS.carrierName }),
    textInput({
      field: 'currentAccountNumber',
      maxLength: TEXT_LIMITS.accountNumber,
      hint: `The account number at the current carrier. ${SECRET_HINT}`,
    }),
    textInput({
      field: 'currentAccountPassword',
      maxLength: TEXT_LIMITS.password,
      hint: `The account PIN or password at the current carrier. ${SECRET_HINT}`,
    }),
    ...billingAddressInputs(),
    textInput({ field: 'subscriberName', optional: true, maxLength: TEXT_LIMITS.name }),
    textInput({
      field: 'iccid',
      optional: true,
      maxLength: 40,
      hint: 'Optional: the 19- or 20-digit SIM number (ICCID) printed on the card',
    }),
    ...subscriberPickerBlocks(
      'Required: every number belongs to a subscriber (Telegent: no orphan numbers). Type a name or email.',
    ),
  ];
  return modal({
    callbackId: CALLBACK.portinForm,
    requestForm: true,
    title: 'Port in a number',
    submit: 'Request',
    metadata: args.metadata,
    blocks,
  });
}
