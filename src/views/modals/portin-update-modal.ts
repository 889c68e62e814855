import type { KnownBlock, ModalView } from '@slack/types';
import { context, sandboxBlocks, section } from '../../messages/blocks.js';
import { CALLBACK } from '../../messages/ids.js';
import { escapeMrkdwn } from '../../messages/limits.js';
import { TEXT_LIMITS } from '../../operations/fields/text.js';
import { dateInput, radioInput, textInput } from '../inputs.js';
import { type BillingAddressPrefill, billingAddressInputs } from './billing-address-inputs.js';
import { modal } from './modal.js';
import { CLASSIFICATION_CHOICES, SECRET_HINT } from './portin-modal.js';

export interface PortinUpdateModalArgs {
  orderId: string;
  /** What we stored for the port-in (redacted input). Secret fields are never read from it. */
  stored?: Record<string, unknown> | null | undefined;
  /** JSON chosen by the caller (≤ 3000 characters), e.g. the order id. */
  metadata: string;
  sandbox?: boolean | undefined;
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

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
  const blocks: KnownBlock[] = [
    ...sandboxBlocks(args.sandbox),
    section(
      `Update port-in *${escapeMrkdwn(args.orderId)}*${phone ? ` for *${escapeMrkdwn(phone)}*` : ''}. Change only what the carrier needs; the rest is sent as it is.`,
    ),
    context(
      'Account number and PIN/password are not shown: leave them empty to keep the ones already submitted.',
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
      hint: `Leave empty to keep the one already submitted. ${SECRET_HINT}`,
    }),
    textInput({
      field: 'currentAccountPassword',
      optional: true,
      maxLength: TEXT_LIMITS.password,
      hint: `Leave empty to keep the one already submitted. ${SECRET_HINT}`,
    }),
    ...billingAddressInputs(address, true),
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
    }),
    textInput({ field: 'iccid', initial: str(s.iccid), optional: true, maxLength: 40 }),
    radioInput({
      field: 'targetClassification',
      choices: CLASSIFICATION_CHOICES,
      initial: str(s.targetClassification),
      optional: true,
    }),
  ];
  return modal({
    callbackId: CALLBACK.portinUpdateForm,
    title: 'Update port-in',
    submit: 'Request update',
    metadata: args.metadata,
    blocks,
  });
}
