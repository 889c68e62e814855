import type { InputBlock } from '@slack/types';
import { TEXT_LIMITS } from '../../operations/fields/text.js';
import { textInput } from '../inputs.js';

export interface BillingAddressPrefill {
  street1?: unknown;
  street2?: unknown;
  city?: unknown;
  state?: unknown;
  zip?: unknown;
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The five `billingAddress.*` inputs; `optional` for update forms where the whole group may be left alone. */
export function billingAddressInputs(
  prefill: BillingAddressPrefill = {},
  allOptional = false,
  /** A hint on the first line (a carrier code names the address). */
  streetHint?: string | undefined,
): InputBlock[] {
  return [
    textInput({
      field: 'billingAddress.street1',
      initial: str(prefill.street1),
      optional: allOptional,
      maxLength: TEXT_LIMITS.street,
      ...(streetHint ? { hint: streetHint } : {}),
    }),
    textInput({
      field: 'billingAddress.street2',
      initial: str(prefill.street2),
      optional: true,
      maxLength: TEXT_LIMITS.street,
    }),
    textInput({
      field: 'billingAddress.city',
      initial: str(prefill.city),
      optional: allOptional,
      maxLength: TEXT_LIMITS.city,
    }),
    textInput({
      field: 'billingAddress.state',
      initial: str(prefill.state),
      optional: allOptional,
      maxLength: 2,
    }),
    textInput({
      field: 'billingAddress.zip',
      initial: str(prefill.zip),
      optional: allOptional,
      maxLength: 10,
    }),
  ];
}
