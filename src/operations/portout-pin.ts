import { z } from 'zod';
import type { PortOutRequest } from '../telegent/request-schemas.js';
import type { PortOrderCreated } from '../telegent/response-schemas.js';
import { phoneNumberSchema } from './fields/phone-number.js';
import { generatePortOutPin, portOutPinSchema } from './fields/port-out-pin.js';
import { withDefault } from './fields/result.js';
import { verificationMethodSchema } from './fields/verification-method.js';
import { formatPhone, shortId } from './glossary.js';
import { defineOperation, MASK, type SchemaOptions } from './operation.js';
import { readBackNumber } from './read-back.js';

/** The PIN is generated while validating, so the validated input (stored, approved, executed) carries it. */
function portOutSchema(options: SchemaOptions) {
  return z.object({
    phoneNumber: phoneNumberSchema,
    pin: withDefault(portOutPinSchema, () => generatePortOutPin()),
    // A PIN moves the number to another carrier: who asked must have been checked, and how is recorded.
    verificationMethod: verificationMethodSchema(options.verificationMethods),
  });
}

export type PortOutInput = z.output<ReturnType<typeof portOutSchema>>;

export function portOutToTelegent(input: PortOutInput): PortOutRequest {
  return { PortOutNumber: input.phoneNumber, PortOutPIN: input.pin };
}

export const portOut = defineOperation<PortOutInput, PortOrderCreated, PortOutRequest>({
  kind: 'portout',
  title: 'Port-out PIN',
  mutates: true,
  needsApproval: true,
  confirmApproval:
    'This sets a port-out PIN: with it the number can be moved to another carrier. The PIN is shown only to the requester.',
  secretFields: ['pin'],
  asksCustomerVerification: true,
  customerNotice: {
    line: (input) => input.phoneNumber,
    what: 'a port-out PIN for this number',
  },
  schema: portOutSchema,
  summary: (input) =>
    `Issue a port-out PIN for ${formatPhone(input.phoneNumber)} (PIN ${MASK}, shown only to the requester)`,
  facts: (input) => [
    ['Number', formatPhone(input.phoneNumber)],
    ['PIN', `${MASK} (shown only to the requester, by DM)`],
  ],
  toTelegent: portOutToTelegent,
  execute: (ctx, input) => ctx.telegent.setPortOutPin(portOutToTelegent(input), ctx.callOptions),
  outcome: (input, response) => ({
    order: {
      orderId: response.OrderId,
      numbers: [input.phoneNumber],
      status: response.OrderStatus ?? 'Pending',
    },
    reveal: {
      title: `Port-out PIN for ${formatPhone(input.phoneNumber)}`,
      secret: input.pin,
      note: `Order \`${shortId(response.OrderId)}\`. Give the PIN to the customer.`,
    },
  }),
  orders: {
    noun: 'port-out',
    label: 'Port-out',
    portIn: false,
    failedNextStep: (orderId) =>
      `*Next step:* check \`/telegent status ${orderId}\` and retry, or escalate to Telegent support with the OrderId.`,
  },
  reconcile: (ctx, input) =>
    readBackNumber(ctx, input.phoneNumber, {
      found: (number) =>
        `${number} is on the account, but whether the new PIN was set cannot be read back. Ask Telegent before issuing another PIN.`,
      missing: (number) => `${number} is not on the account, so no PIN can have been set.`,
    }),
});
