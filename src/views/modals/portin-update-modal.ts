import type { KnownBlock, ModalView } from '@slack/types';
import { context, sandboxBlocks, section } from '../../messages/blocks.js';
import { CALLBACK } from '../../messages/ids.js';
import { escapeMrkdwn } from '../../messages/limits.js';
import { TEXT_LIMITS } from '../../operations/fields/text.js';
import { formatPhone, shortId } from '../../operations/glossary.js';
import type { CarrierCodeExplanation } from '../../telegent/carrier-codes.js';
import { dateInput, radioInput, textInput } from '../inputs.js';
import { type BillingAddressPrefill, billingAddressInputs } from './billing-address-inputs.js';
import { modal } from './modal.js';
import { CLASSIFICATION_CHOICES, SECRET_NOTE } from './portin-modal.js';

export interface PortinUpdateModalArgs {
  orderId: string;
  /** What we stored for the port-in (redacted input). Secret fields are never read from it. */
  stored?: Record<string, unknown> | null | undefined;
  /** JSON chosen by the caller (≤ 3000 characters), e.g. the order id. */
  metadata: string;
  /** The carrier code the order is stuck on (Fix…): said at the top, and the fields it names are marked. */
  callout?: CarrierCodeExplanation | undefined;
  sandbox?: boolean | undefined;
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** How the callout names the fields a carrier code points at. */
const FIELD_WORDS: Record<string, string> = {
  currentAccountNumber: 'account number',
  currentAccountPassword: 'PIN/password',
  subscriberName: 'name on the account',
  billingAddress: 'billing address',
};

/**
 * `/telegent portin update <OrderId>`: every field optional, pre-filled from what we stored, except the
 * account number and PIN/password, which are never pre-filled (empty = keep). The submit handler should
 * add `orderId` and drop unchanged values (`dropUnchanged`) before validating.
 */
export function portinUpdateModal(args: PortinUpdateModalArgs): ModalView {
  const s = args.stored ?? {};
  const address = (
    s.billingAddress && typeof s.billingAddress === 'object' ? s.billingAddress : {}
  ) as BillingAddressPrefill;
  const phone = str(s.phoneNumber);
  const callout = args.callout;
  /** The hint of a field the carrier code names (the callout above explains the code; this only marks it). */
  const flagged = (field: string, hint?: string) =>
    callout?.fields.some((f) => field === f || field.startsWith(`${f}.`))
      ? `:warning: The carrier objected to this: check it with the customer.${hint ? ` ${hint}` : ''}`
      : hint;
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    ...(callout
      ? [
          section(
            `:warning: *Carrier code ${escapeMrkdwn(callout.code)}*: ${escapeMrkdwn(callout.explanation)}.${
              callout.fields.length > 0
                ? ` The fields it names are marked below (${callout.fields.map((f) => FIELD_WORDS[f] ?? f).join(', ')}).`
                : ''
            }${callout.note ? ` ${escapeMrkdwn(callout.note)}` : ''}`,
          ),
        ]
      : []),
    section(
      `Update the port-in${phone ? ` of *${escapeMrkdwn(formatPhone(phone))}*` : ''} (order ${escapeMrkdwn(shortId(args.orderId))}). Change only what the carrier needs; the rest is sent as it is.`,
    ),
    context(
      `:lock: Account number and PIN/password are not shown: leave them empty to keep the ones already submitted. ${SECRET_NOTE}`,
    ),
    textInput({
      field: 'currentCarrierName',
      initial: str(s.currentCarrierName),
      optional: true,
      maxLength: TEXT_LIMITS.carrierName,
    }),
    textInput({
      field: 'currentAccountNumber',
      optional: true,
      maxLength: TEXT_LIMITS.accountNumber,
      // "Leave empty to keep" is said once, in the :lock: note above.
      hint: flagged('currentAccountNumber') ?? '',
    }),
    textInput({
      field: 'currentAccountPassword',
      optional: true,
      maxLength: TEXT_LIMITS.password,
      hint: flagged('currentAccountPassword') ?? '',
    }),
    ...billingAddressInputs(address, true, flagged('billingAddress.street1')),
    dateInput({
      field: 'portInDate',
      initial: str(s.portInDate),
      optional: true,
      hint: 'A future business day (Monday–Friday, not a holiday)',
    }),
    textInput({
      field: 'subscriberName',
      initial: str(s.subscriberName),
      optional: true,
      maxLength: TEXT_LIMITS.name,
      hint: flagged('subscriberName'),
    }),
    textInput({ field: 'iccid', initial: str(s.iccid), optional: true, maxLength: 40 }),
    radioInput({
      field: 'targetClassification',
      label: 'Port in as',
      // The choices say it in words; no hint repeating them as API values.
      hint: '',
      choices: CLASSIFICATION_CHOICES,
      initial: str(s.targetClassification),
      optional: true,
    }),
  ];
  return modal({
    callbackId: CALLBACK.form('portin-update'),
    requestForm: true,
    title: 'Update port-in',
    submit: 'Request update',
    metadata: args.metadata,
    blocks,
  });
}
